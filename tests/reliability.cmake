# Reliability (issue 11, ../shared/RELIABILITY.md): one ctest per fault case, through the real
# binary of this build (so the ASan/UBSan build runs them under the sanitizers too); the property
# test over random answers; valgrind memcheck of the release binary. Included from
# tests/CMakeLists.txt.

target_sources(stackpick_tests PRIVATE
    "${CMAKE_CURRENT_LIST_DIR}/reliability/internal_error_test.cpp")

set(STACKPICK_RELIABILITY_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/reliability/reliability_test.py")

# Cases that cannot pass yet: registered DISABLED (ctest lists them as "Not Run (Disabled)").
set(STACKPICK_RELIABILITY_DISABLED)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    # The case list lives in the script (one place); ctest names come from --list.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${STACKPICK_RELIABILITY_SCRIPT}")
    execute_process(
        COMMAND "${Python3_EXECUTABLE}" "${STACKPICK_RELIABILITY_SCRIPT}" --list
        OUTPUT_VARIABLE reliability_cases
        RESULT_VARIABLE reliability_list_result)
    if(NOT reliability_list_result EQUAL 0)
        message(FATAL_ERROR "stackpick: ${STACKPICK_RELIABILITY_SCRIPT} --list failed")
    endif()
    string(REPLACE ";" "," reliability_cases "${reliability_cases}")
    string(REPLACE "\n" ";" reliability_cases "${reliability_cases}")
    foreach(line IN LISTS reliability_cases)
        if(line STREQUAL "")
            continue()
        endif()
        string(FIND "${line}" "\t" tab)
        string(SUBSTRING "${line}" 0 ${tab} id)
        math(EXPR after "${tab} + 1")
        string(SUBSTRING "${line}" ${after} -1 title)
        set(name "reliability ${id}: ${title}")
        add_test(NAME "${name}"
                 COMMAND Python3::Interpreter "${STACKPICK_RELIABILITY_SCRIPT}"
                         $<TARGET_FILE:stackpick> "${PROJECT_SOURCE_DIR}/data" --case "${id}")
        set_tests_properties("${name}" PROPERTIES
            SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS reliability)
        if(id IN_LIST STACKPICK_RELIABILITY_DISABLED)
            set_tests_properties("${name}" PROPERTIES DISABLED TRUE)
        endif()
    endforeach()

    # The property test's sample against the schema with a real validator (python3-jsonschema).
    # Once, in the plain build: it checks the schema, not memory, and re-runs the whole property
    # test to write its sample (three minutes under the sanitizers).
    if(NOT STACKPICK_SANITIZE)
        add_test(NAME "property: a sample of the random documents validates with python3-jsonschema"
                 COMMAND Python3::Interpreter
                         "${CMAKE_CURRENT_LIST_DIR}/reliability/validate_property_sample.py"
                         $<TARGET_FILE:stackpick_tests>
                         "${PROJECT_SOURCE_DIR}/docs/schema/recommendation.schema.json")
        set_tests_properties("property: a sample of the random documents validates with python3-jsonschema"
                             PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS reliability)
    endif()
else()
    message(WARNING "stackpick: python3 not found: the reliability cases are not registered")
endif()

# valgrind memcheck of the release binary: a few representative runs. Not in the sanitizer build
# (ASan and valgrind do not mix) and only where valgrind is installed.
find_program(STACKPICK_VALGRIND valgrind)
if(STACKPICK_VALGRIND AND NOT STACKPICK_SANITIZE)
    # The same program with libc shared: the release binary is a static PIE (CMakeLists.txt), and
    # memcheck can only watch malloc and free in a shared libc (on a static binary it reports
    # libc's own start-up and cannot check for leaks at all).
    add_executable(stackpick_dynamic "${PROJECT_SOURCE_DIR}/src/main.cpp")
    target_link_libraries(stackpick_dynamic PRIVATE stackpick_cli stackpick_warnings)
    set(valgrind_runs
        "recommendation --realtime --ml|--realtime --ml"
        "recommendation --json|--json --team python --team-size 4"
        "recommendation --format markdown|--format markdown --realtime --ml"
        "facts|facts performance"
        "estimate|estimate --product api --team-size 2 --months 3 --rate 100"
        "validate|validate"
        "eval|eval '{\"if\":[{\">\":[{\"var\":\"users\"},10000]},\"node\",\"python\"]}' '{\"users\":50000}'"
        "test (every shipped scenario)|test")
    foreach(run IN LISTS valgrind_runs)
        string(FIND "${run}" "|" bar)
        string(SUBSTRING "${run}" 0 ${bar} title)
        math(EXPR after "${bar} + 1")
        string(SUBSTRING "${run}" ${after} -1 arguments)
        separate_arguments(arguments UNIX_COMMAND "${arguments}")
        set(name "valgrind memcheck: stackpick ${title}")
        add_test(NAME "${name}"
                 COMMAND "${STACKPICK_VALGRIND}" --error-exitcode=99 --leak-check=full
                         --errors-for-leak-kinds=definite,indirect --quiet
                         $<TARGET_FILE:stackpick_dynamic> ${arguments})
        set_tests_properties("${name}" PROPERTIES LABELS valgrind TIMEOUT 600
                             ENVIRONMENT "NO_COLOR=1")
    endforeach()
    # A bad answers file: the error path frees what it allocated too (exit 3, not 99).
    add_test(NAME "valgrind memcheck: stackpick with a bad answers file"
             COMMAND sh -c "printf '{\"team\": \"cobol\", \"realtime\": tru' > \"$1\" && \"$2\" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --quiet \"$3\" --answers \"$1\"; code=$?; rm -f \"$1\"; test $code -eq 3"
                     sh "${CMAKE_CURRENT_BINARY_DIR}/valgrind-bad-answers.json"
                     "${STACKPICK_VALGRIND}" $<TARGET_FILE:stackpick_dynamic>)
    set_tests_properties("valgrind memcheck: stackpick with a bad answers file"
                         PROPERTIES LABELS valgrind TIMEOUT 600)
elseif(NOT STACKPICK_SANITIZE)
    message(STATUS "valgrind not found: no memcheck tests (apt-get install valgrind)")
endif()
