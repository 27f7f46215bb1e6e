# Run by ctest (cmake -P) as the setup of the tests that need npm packages (ESLint for the page script, Prism
# and Twilio's API description for the REST client): `npm ci` in DIR when its node_modules is missing or
# older than package-lock.json, preferring npm's cache to the network.
#   -DDIR=tests/resources/web -DNPM=/usr/bin/npm (or NPM-NOTFOUND)

set(stamp "${DIR}/node_modules/.package-lock.json")
if(EXISTS "${stamp}" AND NOT "${DIR}/package-lock.json" IS_NEWER_THAN "${stamp}")
    return()
endif()
if(NOT NPM OR NPM MATCHES "-NOTFOUND$")
    message(FATAL_ERROR "npm was not found, and the packages ${DIR}/package.json names are missing from ${DIR}/node_modules. Install Node.js and "
                        "npm (packaging/install-deps.sh does), or run `npm ci` in ${DIR}.")
endif()
message(STATUS "npm ci in ${DIR}")
execute_process(
    COMMAND "${NPM}" ci --prefer-offline --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY "${DIR}"
    RESULT_VARIABLE npm_result)
if(NOT npm_result EQUAL 0)
    message(FATAL_ERROR "`npm ci` in ${DIR} failed (${npm_result}): npm needs the network, or a cache that holds "
                        "the packages package-lock.json pins.")
endif()
