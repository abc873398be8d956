# stackpick batch (docs/batch.md): in-process tests, the real binary, and every output line
# against docs/schema/batch.schema.json.
# The in-process tests are tests/cli/batch_test.cpp.

if(Python3_FOUND)
    # Peak memory means nothing under a sanitizer (freed memory stays in quarantine).
    if(STACKPICK_SANITIZE)
        set(batch_memory_check "--no-memory-check")
    else()
        set(batch_memory_check "--memory-check")
    endif()
    add_test(NAME "stackpick batch through the real binary: lines, exit codes, streams, schema"
             COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/batch_cli_test.py"
                     $<TARGET_FILE:stackpick> "${PROJECT_SOURCE_DIR}" ${batch_memory_check})
    set_tests_properties("stackpick batch through the real binary: lines, exit codes, streams, schema"
                         PROPERTIES TIMEOUT 600 ENVIRONMENT "NO_COLOR=1")
endif()
