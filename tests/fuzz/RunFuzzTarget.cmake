# ctest's Fuzz<Target>: runs one fuzz target for SECONDS on a fresh copy of its seed corpus (the source tree
# stays untouched). Any crash, sanitizer report, leak, timeout or violated property fails the test, and
# libFuzzer leaves the input that did it in WORK_DIR/artifacts.
file(REMOVE_RECURSE ${WORK_DIR}/corpus)
file(MAKE_DIRECTORY ${WORK_DIR}/artifacts)
file(COPY ${SEEDS}/ DESTINATION ${WORK_DIR}/corpus)

execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=5 -rss_limit_mb=2048 -dict=${DICTIONARY}
            -artifact_prefix=${WORK_DIR}/artifacts/ -print_final_stats=1 ${WORK_DIR}/corpus
    WORKING_DIRECTORY ${WORK_DIR}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${result}). Reproduce with: ${FUZZER} <the crash-* or leak-* "
                        "file it wrote to ${WORK_DIR}/artifacts/>")
endif()
