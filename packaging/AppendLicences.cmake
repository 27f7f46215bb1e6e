# Run by the build (cmake -P): writes OUTPUT, the packages' copyright file, as HEADER followed by, for
# each npm package of MODULES (those switchboard bundles), its version and licence from its package.json
# and its licence text, as npm installed them in MODULES_DIR.
#   -DOUTPUT=copyright -DHEADER=packaging/copyright -DMODULES_DIR=resources/web/node_modules "-DMODULES=a;b"
file(READ "${HEADER}" text)
foreach(module IN LISTS MODULES)
    set(manifest "${MODULES_DIR}/${module}/package.json")
    if(NOT EXISTS "${manifest}")
        message(FATAL_ERROR "${manifest} is missing: resources/web/node_modules is installed by `npm ci` "
                            "(packaging/install-deps.sh, or the build), and the copyright file needs it")
    endif()
    file(READ "${manifest}" json)
    string(JSON version GET "${json}" version)
    string(JSON licence GET "${json}" license)
    string(APPEND text "\n-- ${module} ${version}: ${licence}\n\n")
    file(GLOB licence_files "${MODULES_DIR}/${module}/LICEN[CS]E*")
    if(licence_files)
        foreach(licence_file IN LISTS licence_files)
            file(READ "${licence_file}" licence_text)
            string(APPEND text "${licence_text}")
        endforeach()
    else()
        string(APPEND text "(The package ships no licence text; its package.json names ${licence}.)\n")
    endif()
endforeach()
file(WRITE "${OUTPUT}" "${text}")
