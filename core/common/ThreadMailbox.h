#pragma once

// Hands work from any thread to the thread of one QObject (a request thread's worker, the server), for as
// long as that object lives: what is posted after it is gone is dropped, never run on an object that no
// longer exists.
//
// The tasks wait in a queue behind a std::mutex, and the object is sent only an empty event to wake it,
// rather than each task travelling in a queued invocation: ThreadSanitizer cannot see the locks inside
// Qt's event queue, and would take every handover through it for a race (tests/SanitizerExceptions.cmake).

#include <QEvent>

#include <functional>
#include <mutex>
#include <vector>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace Common {

class ThreadMailbox
{
public:
    // receiver's customEvent() must hand its events to deliver(). Make the receiver, and this mailbox,
    // before the thread it will live in starts, or publish them to it by other means: the receiver reads
    // its pointer to the mailbox before any lock, and Qt's event queue is no handover ThreadSanitizer sees.
    explicit ThreadMailbox(QObject *receiver);

    // Any thread. Runs task later in the receiver's thread, after what was posted before it; false (and
    // task dropped) once the receiver is gone.
    bool post(std::function<void()> task);
    // In the receiver's thread, from its customEvent(): runs what is posted when event is this mailbox's
    // wake-up; false for any other event.
    bool deliver(QEvent *event);
    // Called by the receiver as it goes, in its own thread: what is posted and has not run yet is dropped,
    // and nothing posted from now on will run.
    void close();

private:
    static QEvent::Type eventType();

    std::mutex m_mutex;
    QObject *m_receiver;
    std::vector<std::function<void()>> m_tasks;
    bool m_wakePending = false; // an event is on its way to the receiver
};

} // namespace Common
