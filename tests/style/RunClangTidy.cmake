# Runs run-clang-tidy (RunStyleTool.cmake's TOOL, NAME, ARGS) on a copy of the build's compile commands
# (COMPILE_COMMANDS) written to TIDY_DIR without the precompiled-header flags: the ci build's headers are
# clang 14's, which clang-tidy 22 cannot read, and without them a file that misses an include fails here.
file(READ ${COMPILE_COMMANDS} commands)
string(REGEX REPLACE " -Xclang -include-pch -Xclang [^ \"]+" "" commands "${commands}")
string(REGEX REPLACE " (-Xclang )?-include (-Xclang )?[^ \"]*cmake_pch\\.hxx" "" commands "${commands}")
string(REPLACE " -Winvalid-pch" "" commands "${commands}")
if(commands MATCHES "-include-pch|-include [^ \"]*cmake_pch")
    message(FATAL_ERROR "a precompiled header is still in ${TIDY_DIR}/compile_commands.json: "
                        "tests/style/RunClangTidy.cmake does not know its flags")
endif()
file(WRITE ${TIDY_DIR}/compile_commands.json "${commands}")
include(${CMAKE_CURRENT_LIST_DIR}/RunStyleTool.cmake)
