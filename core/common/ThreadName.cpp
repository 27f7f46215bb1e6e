#include "core/common/ThreadName.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <pthread.h>
#endif

namespace Common {

void nameThisThread(const char *name)
{
#ifdef Q_OS_LINUX
    pthread_setname_np(pthread_self(), name); // fails only for names over 15 characters: then unnamed
#else
    Q_UNUSED(name);
#endif
}

} // namespace Common
