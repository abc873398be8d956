# AddressSanitizer + UndefinedBehaviorSanitizer for the whole build (preset "asan").
option(STACKPICK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(STACKPICK_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
    # GCC 12 reports false "maybe-uninitialized" warnings inside libstdc++ (std::regex, used by
    # Catch2) when instrumenting; the plain builds keep the warning.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-maybe-uninitialized)
    endif()
endif()
