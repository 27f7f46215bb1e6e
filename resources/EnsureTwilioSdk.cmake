# Run by the build (cmake -P): makes sure resources/web/node_modules holds the Twilio Voice SDK that
# package-lock.json pins, running `npm ci` when the bundle is missing or older than the lock file, then
# copies the bundle to OUTPUT in the build tree.
#   -DWEB_DIR=resources/web -DNPM=/usr/bin/npm (or NPM-NOTFOUND) -DOUTPUT=build/.../twilio.min.js

set(bundle "${WEB_DIR}/node_modules/@twilio/voice-sdk/dist/twilio.min.js")
set(lock "${WEB_DIR}/package-lock.json")

if(NOT EXISTS "${bundle}" OR "${lock}" IS_NEWER_THAN "${bundle}")
    if(NOT NPM OR NPM MATCHES "-NOTFOUND$")
        message(FATAL_ERROR
            "The Twilio Voice SDK is missing from ${WEB_DIR}/node_modules (or older than package-lock.json), "
            "and npm, which installs it, was not found. Install Node.js and npm (packaging/install-deps.sh "
            "does), or run `npm ci` in ${WEB_DIR}, then build again.")
    endif()
    message(STATUS "npm ci in ${WEB_DIR}")
    execute_process(
        COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
        WORKING_DIRECTORY "${WEB_DIR}"
        RESULT_VARIABLE npm_result)
    if(NOT npm_result EQUAL 0)
        message(FATAL_ERROR
            "`npm ci` in ${WEB_DIR} failed (${npm_result}): the Twilio Voice SDK could not be installed. "
            "npm needs the network, or a cache that holds @twilio/voice-sdk at the version package-lock.json pins.")
    endif()
    if(NOT EXISTS "${bundle}")
        message(FATAL_ERROR "`npm ci` in ${WEB_DIR} did not install ${bundle}: is @twilio/voice-sdk still in package.json?")
    endif()
    # npm may keep the package's own file dates, older than the lock file: the next build must not run npm again.
    file(TOUCH_NOCREATE "${bundle}")
endif()

file(COPY_FILE "${bundle}" "${OUTPUT}" ONLY_IF_DIFFERENT)
# The copy is the rule's output: it must be newer than the lock file even when its content did not change.
file(TOUCH_NOCREATE "${OUTPUT}")
