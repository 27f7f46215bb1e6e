# Fails when a QString is a constant outside a function in core/, ui/ or app/: each such object is built at
# start-up (in every file that includes it, for a header) and destroyed at exit in no set order. Such
# constants are QLatin1StringView literals (constexpr, nothing to build) or functions.
set(offenders "")
foreach(folder core ui app)
    file(GLOB_RECURSE sources "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
    foreach(source IN LISTS sources)
        # At namespace scope (not indented), or a class's static member (function statics are built lazily).
        file(STRINGS "${source}" constants
             REGEX "^((static|inline) )*const QString(List)? |^ +static inline const QString(List)? ")
        if(constants)
            list(APPEND offenders "${source}: ${constants}")
        endif()
    endforeach()
endforeach()
if(offenders)
    list(JOIN offenders "\n" listed)
    message(FATAL_ERROR "QString constants outside functions:\n${listed}")
endif()
message(STATUS "no QString constants outside functions")
