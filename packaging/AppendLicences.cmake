# Run by the build (cmake -P): writes OUTPUT, the packages' copyright file, as HEADER followed by each
# file of LICENCES (the licences of the npm packages switchboard bundles, as npm installed them).
#   -DOUTPUT=copyright -DHEADER=packaging/copyright "-DLICENCES=a/LICENSE;b/LICENSE"
file(READ "${HEADER}" text)
foreach(licence IN LISTS LICENCES)
    if(NOT EXISTS "${licence}")
        message(FATAL_ERROR "${licence} is missing: resources/web/node_modules is installed by `npm ci` "
                            "(packaging/install-deps.sh, or the build), and the copyright file needs it")
    endif()
    file(READ "${licence}" licence_text)
    string(REGEX REPLACE "^.*/node_modules/(.*)$" "\\1" name "${licence}")
    string(APPEND text "\n-- ${name}\n\n${licence_text}")
endforeach()
file(WRITE "${OUTPUT}" "${text}")
