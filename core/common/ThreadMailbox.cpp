#include "core/common/ThreadMailbox.h"

#include <QCoreApplication>

namespace Common {

ThreadMailbox::ThreadMailbox(QObject *receiver)
    : m_receiver(receiver)
{ }

QEvent::Type ThreadMailbox::eventType()
{
    static const auto type = QEvent::Type(QEvent::registerEventType());
    return type;
}

bool ThreadMailbox::post(std::function<void()> task)
{
    // Held while posting: close() cannot return, and the receiver cannot be destroyed, in between.
    const std::lock_guard locker(m_mutex);
    if (!m_receiver)
        return false;
    m_tasks.push_back(std::move(task));
    if (!m_wakePending) {
        m_wakePending = true;
        QCoreApplication::postEvent(m_receiver, new QEvent(eventType()));
    }
    return true;
}

bool ThreadMailbox::deliver(QEvent *event)
{
    std::vector<std::function<void()>> tasks;
    {
        // Locked before the event is even looked at: it was made in the posting thread, under this lock.
        const std::lock_guard locker(m_mutex);
        if (event->type() != eventType())
            return false;
        tasks.swap(m_tasks);
        m_wakePending = false;
    }
    for (const std::function<void()> &task : tasks)
        task();
    return true;
}

void ThreadMailbox::close()
{
    std::vector<std::function<void()>> dropped;
    const std::lock_guard locker(m_mutex);
    m_receiver = nullptr;
    dropped.swap(m_tasks);
}

} // namespace Common
