#include "core/store/CallLogWriter.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

#include <QDeadlineTimer>
#include <QThread>

namespace Store {

CallLogWriter::CallLogWriter(std::shared_ptr<Database> database, int maxQueued, int maxBatch,
                             std::chrono::milliseconds linger)
    : m_database(database)
    , m_log(std::move(database))
    , m_maxQueued(qMax(1, maxQueued))
    , m_maxBatch(qMax(1, maxBatch))
    , m_linger(linger)
{
    // Made before the writer starts, which asks whether there is one.
    if (!m_database->isPostgres()) {
        m_checkpointThread.reset(QThread::create([this] { checkpointWhileRunning(); }));
        m_checkpointThread->setObjectName(QStringLiteral("call log checkpoints"));
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("call log writer"));
    m_thread->start();
    if (m_checkpointThread)
        m_checkpointThread->start();
}

CallLogWriter::~CallLogWriter()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_queued.wakeAll();
        m_checkpointWake.wakeAll();
    }
    m_thread->wait();
    if (m_checkpointThread)
        m_checkpointThread->wait();
}

void CallLogWriter::checkpointWhileRunning()
{
    // PASSIVE never waits for the writer, nor holds it up: it copies what it can and leaves the rest for
    // the next round. Once a round has copied everything, the next write starts the WAL file over.
    constexpr int intervalMs = 500;
    QMutexLocker locker(&m_mutex);
    while (!m_stopping) {
        m_checkpointWake.wait(&m_mutex, intervalMs);
        if (m_stopping)
            break;
        locker.unlock();
        const auto connection = m_database->openConnection();
        if (connection) {
            if (const auto done
                = Statement::execDirect(*connection, QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"),
                                        QStringLiteral("checkpoint the call log"));
                !done)
                qCDebug(lcStore).noquote() << done.error();
        }
        locker.relock();
    }
}

bool CallLogWriter::enqueue(CallEvent event, Completion whenWritten)
{
    QMutexLocker locker(&m_mutex);
    if (m_queue.size() >= m_maxQueued) {
        // Warn once per run of drops, not once per event: a stuck database must not flood the log too.
        if (m_counters.dropped++ % 1000 == 0)
            qCWarning(lcStore) << "call log: the database falls behind;" << m_counters.dropped
                               << "event(s) dropped so far";
        return false;
    }
    m_queue.append(std::move(event));
    m_completions.append(std::move(whenWritten));
    ++m_enqueued;
    // The writer needs waking when it waits for a first event, or lingers and now has a full batch.
    if (m_queue.size() == 1 || m_queue.size() == m_maxBatch)
        m_queued.wakeOne();
    return true;
}

bool CallLogWriter::flush(int timeoutMilliseconds)
{
    QDeadlineTimer deadline(timeoutMilliseconds);
    QMutexLocker locker(&m_mutex);
    const qint64 target = m_enqueued;
    ++m_flushing;
    m_queued.wakeOne();
    while (m_finished < target) {
        if (!m_written.wait(&m_mutex, deadline))
            break;
    }
    --m_flushing;
    return m_finished >= target;
}

CallLogWriter::Counters CallLogWriter::counters() const
{
    QMutexLocker locker(&m_mutex);
    return m_counters;
}

void CallLogWriter::run()
{
    if (m_checkpointThread) {
        // This connection commits many times a second: checkpoints are the other thread's job.
        if (const auto connection = m_database->openConnection(); connection) {
            if (const auto done
                = Statement::execDirect(*connection, QStringLiteral("PRAGMA wal_autocheckpoint=0"),
                                        QStringLiteral("leave checkpoints to their own thread"));
                !done)
                qCWarning(lcStore).noquote() << done.error();
        }
    }
    for (;;) {
        QList<CallEvent> batch;
        QList<Completion> completions;
        {
            QMutexLocker locker(&m_mutex);
            while (m_queue.isEmpty() && !m_stopping)
                m_queued.wait(&m_mutex);
            if (m_queue.isEmpty())
                return; // stopping, and everything is written
            const QDeadlineTimer lingering(m_linger);
            while (m_queue.size() < m_maxBatch && !m_stopping && m_flushing == 0 && !lingering.hasExpired())
                m_queued.wait(&m_mutex, lingering);
            if (m_queue.size() <= m_maxBatch) {
                batch.swap(m_queue);
                completions.swap(m_completions);
            } else {
                batch = m_queue.first(m_maxBatch);
                m_queue.remove(0, m_maxBatch);
                completions = m_completions.first(m_maxBatch);
                m_completions.remove(0, m_maxBatch);
            }
        }
        const CallLog::BatchResult result = m_log.recordMany(batch);
        for (const QString &error : result.errors)
            qCWarning(lcStore).noquote() << "call log:" << error;
        for (qsizetype index = 0; index < completions.size(); ++index) {
            if (completions.at(index))
                completions.at(index)(result.outcomes.value(index, CallLog::Outcome::Failed));
        }
        QMutexLocker locker(&m_mutex);
        m_counters.recorded += result.recorded;
        m_counters.duplicates += result.duplicates;
        m_counters.failed += result.errors.size();
        m_finished += batch.size();
        m_written.wakeAll();
    }
}

} // namespace Store
