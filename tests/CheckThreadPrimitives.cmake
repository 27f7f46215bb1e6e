# Fails when core/ or its tests hand work between threads through primitives ThreadSanitizer cannot see.
# Debian's Qt is not built with TSan: its QMutex, QWaitCondition, QSemaphore, QReadWriteLock and the locks
# of its event queues wait on futexes TSan knows nothing of, so the tsan preset would report every hand-over
# through them as a race, or miss a real one (tests/SanitizerExceptions.cmake). core/ uses std::mutex,
# std::condition_variable and std::thread, and Common::ThreadMailbox to reach a QObject's thread; its tests
# use std::thread and tests/support/ThreadRunner.h. Qt's own thread (QThread) running an event loop is fine.
set(refused "QMutex|QRecursiveMutex|QWaitCondition|QSemaphore|QReadWriteLock|QThreadPool|QtConcurrent|QThread::create|BlockingQueuedConnection")
set(offenders "")
foreach(folder core tests/core)
    file(GLOB_RECURSE sources "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
    foreach(source IN LISTS sources)
        file(STRINGS "${source}" uses REGEX "(${refused})")
        # A test may wait on a QSemaphore it alone releases from a callback: the data it guards is atomic.
        if(uses AND source MATCHES "/tests/core/")
            list(FILTER uses EXCLUDE REGEX "QSemaphore")
        endif()
        if(uses)
            list(APPEND offenders "${source}: ${uses}")
        endif()
    endforeach()
endforeach()
if(offenders)
    list(JOIN offenders "\n" listed)
    message(FATAL_ERROR "thread primitives ThreadSanitizer cannot see:\n${listed}")
endif()
message(STATUS "core/ and its tests hand work between threads only in ways ThreadSanitizer sees")
