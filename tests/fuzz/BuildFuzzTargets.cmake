# ctest's FuzzTargetsBuild: configures and builds tests/fuzz/targets with clang++.
# A missing compiler fails the test, never skips it: packaging/install-deps.sh installs clang.
find_program(clangxx NAMES clang++ clang++-14 NO_CACHE)
if(NOT clangxx)
    message(FATAL_ERROR "FuzzTargetsBuild: neither clang++ nor clang++-14 is on PATH. The fuzz targets need "
                        "clang's libFuzzer; run ./packaging/install-deps.sh (it installs clang and "
                        "libclang-rt-14-dev), then run ctest again.")
endif()

set(configure ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${clangxx})
if(MAKE_PROGRAM)
    list(APPEND configure -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(Qt6_DIR)
    list(APPEND configure -DQt6_DIR=${Qt6_DIR})
endif()
execute_process(COMMAND ${configure} COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY_DIR} COMMAND_ERROR_IS_FATAL ANY)
