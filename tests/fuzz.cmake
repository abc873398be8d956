# Fuzz targets (tests/fuzz/): in every build, a replay executable per target that runs its whole
# corpus through the target without libFuzzer, registered as a ctest; with -DSTACKPICK_FUZZ=ON
# (clang only; preset "fuzz"), the libFuzzer executables themselves. See tests/fuzz/README.md.
option(STACKPICK_FUZZ "Build the libFuzzer targets (clang; see tests/fuzz/README.md)" OFF)

set(STACKPICK_FUZZ_DIR "${CMAKE_CURRENT_SOURCE_DIR}/fuzz")
# target|description, in the order README.md lists them.
set(STACKPICK_FUZZ_TARGETS
    "knowledge_base|knowledge base loader"
    "answers|answers file reader"
    "logic|JSON Logic compile and evaluate"
    "arguments|argument parser")

if(STACKPICK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "stackpick: STACKPICK_FUZZ needs clang (libFuzzer): use the 'fuzz' preset")
    endif()
    # Coverage feedback from the library the targets drive, not only from the targets.
    foreach(library IN LISTS STACKPICK_LAYER_LIBRARIES)
        target_compile_options(${library} PRIVATE -fsanitize=fuzzer-no-link)
    endforeach()
endif()

add_library(stackpick_fuzz_support STATIC "${STACKPICK_FUZZ_DIR}/fuzz_support.cpp")
target_link_libraries(stackpick_fuzz_support PUBLIC stackpick_cli PRIVATE stackpick_warnings)

foreach(entry IN LISTS STACKPICK_FUZZ_TARGETS)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 target)
    list(GET parts 1 description)
    set(source "${STACKPICK_FUZZ_DIR}/fuzz_${target}.cpp")

    add_executable(stackpick_fuzz_replay_${target} "${source}" "${STACKPICK_FUZZ_DIR}/replay_main.cpp")
    target_link_libraries(stackpick_fuzz_replay_${target} PRIVATE stackpick_fuzz_support stackpick_warnings)
    add_test(NAME "fuzz corpus replays cleanly: ${description}"
             COMMAND stackpick_fuzz_replay_${target} "${STACKPICK_FUZZ_DIR}/corpus/${target}")
    set_tests_properties("fuzz corpus replays cleanly: ${description}" PROPERTIES
        LABELS fuzz TIMEOUT 900)

    if(STACKPICK_FUZZ)
        add_executable(stackpick_fuzz_${target} "${source}")
        target_compile_options(stackpick_fuzz_${target} PRIVATE -fsanitize=fuzzer)
        target_link_options(stackpick_fuzz_${target} PRIVATE -fsanitize=fuzzer)
        target_link_libraries(stackpick_fuzz_${target} PRIVATE stackpick_fuzz_support stackpick_warnings)
        list(APPEND STACKPICK_FUZZERS stackpick_fuzz_${target})
    endif()
endforeach()
if(STACKPICK_FUZZ)
    add_custom_target(stackpick_fuzzers)
    add_dependencies(stackpick_fuzzers ${STACKPICK_FUZZERS})
endif()

# Regression tests for what the fuzzers found, in the unit-test binary.
file(GLOB STACKPICK_FUZZ_REGRESSION_TESTS CONFIGURE_DEPENDS "${STACKPICK_FUZZ_DIR}/*_test.cpp")
if(STACKPICK_FUZZ_REGRESSION_TESTS)
    target_sources(stackpick_tests PRIVATE ${STACKPICK_FUZZ_REGRESSION_TESTS})
endif()
