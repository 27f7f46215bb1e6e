#include "core/server/WorkerMailbox.h"

#include <QMetaObject>
#include <QObject>

namespace Server {

WorkerMailbox::WorkerMailbox(QObject *worker)
    : m_worker(worker)
{ }

bool WorkerMailbox::post(std::function<void()> task)
{
    // Held while posting: close() cannot return, and the worker cannot be destroyed, in between.
    QMutexLocker locker(&m_mutex);
    if (!m_worker)
        return false;
    return QMetaObject::invokeMethod(m_worker, std::move(task), Qt::QueuedConnection);
}

void WorkerMailbox::close()
{
    QMutexLocker locker(&m_mutex);
    m_worker = nullptr;
}

} // namespace Server
