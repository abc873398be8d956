# Warnings as errors on project code only; third-party headers come in as SYSTEM includes.
add_library(stackpick_warnings INTERFACE)
target_compile_options(stackpick_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    $<$<BOOL:${STACKPICK_WERROR}>:-Werror>)
