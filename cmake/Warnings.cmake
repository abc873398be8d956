# Warnings as errors on project code only; third-party headers come in as SYSTEM includes.
add_library(stackpick_warnings INTERFACE)
target_compile_options(stackpick_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    $<$<BOOL:${STACKPICK_WERROR}>:-Werror>
    # GCC 12 reports impossible overlaps in libstdc++'s `"literal" + std::string` when optimising
    # (GCC bug 105329); the warning fires inside std::string, not in our code.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
