#pragma once

// Lets other threads (the call log writer, the secret-check pool) hand work back to one request thread, for
// as long as that thread's worker lives: what is posted after the worker is gone is dropped, never run on
// an object that no longer exists.

#include <QMutex>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace Server {

class WorkerMailbox
{
public:
    explicit WorkerMailbox(QObject *worker);

    // Any thread. Runs task later in the worker's thread; false (and task dropped) once the worker is gone.
    bool post(std::function<void()> task);
    // Called by the worker as it goes, in its own thread: nothing posted from now on will run. What was
    // posted before and has not run yet goes with the worker's posted events.
    void close();

private:
    QMutex m_mutex;
    QObject *m_worker;
};

} // namespace Server
