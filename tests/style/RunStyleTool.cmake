# Runs one style tool (TOOL, called NAME) with ARGS; fails with a sentence when the tool is missing or
# finds something. cmake -P, so a missing tool fails the test instead of skipping it.
if(NOT TOOL)
    message(FATAL_ERROR "${NAME} is not installed: packaging/install-deps.sh installs it")
endif()
execute_process(COMMAND ${TOOL} ${ARGS} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NAME} found problems (exit status ${status}); see above")
endif()
