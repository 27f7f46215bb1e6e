#include "core/store/CallLogWriter.h"

#include "core/common/ThreadName.h"
#include "core/store/CallJournal.h"
#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

namespace Store {

CallLogWriter::CallLogWriter(std::shared_ptr<Database> database, int maxQueued, int maxBatch,
                             std::chrono::milliseconds linger, Journal journal)
    : m_database(database)
    , m_log(std::move(database))
    , m_maxQueued(qMax(1, maxQueued))
    , m_maxBatch(qMax(1, maxBatch))
    , m_linger(linger)
    , m_checkpointing(!m_database->isPostgres())
{
    openJournal(journal);
    m_thread = std::thread([this] {
        Common::nameThisThread("call log writer");
        run();
    });
    if (m_checkpointing) {
        m_checkpointThread = std::thread([this] {
            Common::nameThisThread("log checkpoints");
            checkpointWhileRunning();
        });
    }
}

CallLogWriter::~CallLogWriter()
{
    {
        const std::lock_guard locker(m_mutex);
        m_stopping = true;
    }
    m_queued.notify_all();
    m_checkpointWake.notify_all();
    m_thread.join();
    if (m_checkpointThread.joinable())
        m_checkpointThread.join();
    if (m_journal && !m_queue.isEmpty())
        qCWarning(lcStore).noquote() << m_queue.size() << "answered call event(s) could not be stored yet;"
                                     << "they stay in" << m_journal->folder() << "for the next start";
}

void CallLogWriter::openJournal(Journal journal)
{
    // With synchronous=FULL every answer would wait for an fdatasync of its own (measured: half the
    // requests per second of group-committing with FULL): there the commit is the durable step.
    const QString path = m_database->location().filePath();
    if (journal == Journal::Never || m_database->isPostgres() || path.isEmpty()
        || path == QLatin1String(":memory:")
        || m_database->location().synchronous() == DatabaseLocation::Synchronous::Full)
        return;
    auto opened = CallJournal::open(CallJournal::folderFor(path));
    if (!opened) {
        qCInfo(lcStore).noquote() << "call log:" << opened.error()
                                  << "- webhooks are answered once their event is committed";
        return;
    }
    m_journal = std::move(opened.value());
    storeLeftovers();
}

void CallLogWriter::storeLeftovers()
{
    for (const QString &problem : m_journal->leftoverProblems())
        qCWarning(lcStore).noquote() << "call journal:" << problem;
    const QList<CallEvent> &leftovers = m_journal->leftovers();
    if (leftovers.isEmpty()) {
        m_journal->releaseLeftovers(); // only damaged or empty segments
        return;
    }
    for (qsizetype first = 0; first < leftovers.size(); first += m_maxBatch) {
        const CallLog::BatchResult result = m_log.recordMany(leftovers.mid(first, m_maxBatch));
        for (const QString &error : result.errors)
            qCWarning(lcStore).noquote() << "call log:" << error;
        if (result.outcomes.contains(CallLog::Outcome::Failed)) {
            qCWarning(lcStore).noquote()
                << "call log: the" << leftovers.size() << "event(s) an earlier run left in"
                << m_journal->folder() << "could not be stored; they stay there for the next start";
            return;
        }
    }
    qCInfo(lcStore).noquote() << "call log: stored" << leftovers.size()
                              << "answered event(s) that an earlier run left in" << m_journal->folder();
    m_journal->releaseLeftovers();
}

QString CallLogWriter::journalFolder() const
{
    return m_journal ? m_journal->folder() : QString();
}

void CallLogWriter::checkpointWhileRunning()
{
    // PASSIVE never waits for the writer, nor holds it up: it copies what it can and leaves the rest for
    // the next round. Once a round has copied everything, the next write starts the WAL file over.
    constexpr std::chrono::milliseconds interval(500);
    std::unique_lock locker(m_mutex);
    while (!m_stopping) {
        m_checkpointWake.wait_for(locker, interval);
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
        locker.lock();
    }
}

CallLogWriter::Handover CallLogWriter::enqueue(CallEvent event, Completion whenWritten)
{
    const std::lock_guard locker(m_mutex);
    if (m_queue.size() >= m_maxQueued) {
        // Warn once per run of drops, not once per event: a stuck database must not flood the log too.
        if (m_counters.dropped++ % 1000 == 0)
            qCWarning(lcStore) << "call log: the database falls behind;" << m_counters.dropped
                               << "event(s) dropped so far";
        return Handover::Refused;
    }
    qint64 segment = 0;
    if (m_journal) {
        // Appended under the lock that orders the queue: the queue then holds events in journal order,
        // and every segment before its first event's is stored.
        if (const QString problem = CallLog::problemWith(event); !problem.isEmpty()) {
            qCWarning(lcStore).noquote() << "call log:" << problem;
            return Handover::Refused;
        }
        const auto appended = m_journal->append(event);
        if (!appended) {
            ++m_counters.dropped;
            qCWarning(lcStore).noquote() << "call log:" << appended.error();
            return Handover::Refused;
        }
        segment = *appended;
        whenWritten = {};
    }
    m_queue.append(std::move(event));
    m_completions.append(std::move(whenWritten));
    m_segments.append(segment);
    ++m_enqueued;
    // The writer needs waking when it waits for a first event, or lingers and now has a full batch.
    if (m_queue.size() == 1 || m_queue.size() == m_maxBatch)
        m_queued.notify_one();
    return segment != 0 ? Handover::Journaled : Handover::Queued;
}

bool CallLogWriter::flush(int timeoutMilliseconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMilliseconds);
    std::unique_lock locker(m_mutex);
    const qint64 target = m_enqueued;
    ++m_flushing;
    m_queued.notify_one();
    const bool done = m_written.wait_until(locker, deadline, [this, target] { return m_finished >= target; });
    --m_flushing;
    return done;
}

void CallLogWriter::setCommitListener(std::function<void()> listener)
{
    const std::lock_guard locker(m_mutex);
    m_commitListener = std::move(listener);
}

CallLogWriter::Counters CallLogWriter::counters() const
{
    const std::lock_guard locker(m_mutex);
    return m_counters;
}

void CallLogWriter::run()
{
    if (m_checkpointing) {
        // This connection commits many times a second: checkpoints are the other thread's job.
        if (const auto connection = m_database->openConnection(); connection) {
            if (const auto done
                = Statement::execDirect(*connection, QStringLiteral("PRAGMA wal_autocheckpoint=0"),
                                        QStringLiteral("leave checkpoints to their own thread"));
                !done)
                qCWarning(lcStore).noquote() << done.error();
        }
    }
    const std::chrono::milliseconds linger = m_journal ? qMax(m_linger, journalLinger) : m_linger;
    for (;;) {
        QList<CallEvent> batch;
        QList<Completion> completions;
        QList<qint64> segments;
        {
            std::unique_lock locker(m_mutex);
            m_queued.wait(locker, [this] { return !m_queue.isEmpty() || m_stopping; });
            if (m_queue.isEmpty())
                return; // stopping, and everything is written
            if (linger.count() > 0) {
                m_queued.wait_for(locker, linger, [this] {
                    return m_queue.size() >= m_maxBatch || m_stopping || m_flushing > 0;
                });
            }
            const qsizetype count = qMin<qsizetype>(m_queue.size(), m_maxBatch);
            batch = m_queue.first(count);
            m_queue.remove(0, count);
            completions = m_completions.first(count);
            m_completions.remove(0, count);
            segments = m_segments.first(count);
            m_segments.remove(0, count);
        }
        const CallLog::BatchResult result = m_log.recordMany(batch);
        for (const QString &error : result.errors)
            qCWarning(lcStore).noquote() << "call log:" << error;
        // Journaled events that the database could not take now are tried again later: their answers
        // went out already. Until then they keep their journal segments.
        QList<CallEvent> again;
        QList<qint64> againSegments;
        for (qsizetype index = 0; index < batch.size(); ++index) {
            if (segments.at(index) != 0 && result.outcomes.value(index) == CallLog::Outcome::Failed) {
                again.append(batch.at(index));
                againSegments.append(segments.at(index));
            }
        }
        for (qsizetype index = 0; index < completions.size(); ++index) {
            if (completions.at(index))
                completions.at(index)(result.outcomes.value(index, CallLog::Outcome::Failed));
        }
        std::unique_lock locker(m_mutex);
        m_counters.recorded += result.recorded;
        m_counters.duplicates += result.duplicates;
        m_counters.failed += result.errors.size() - again.size();
        m_finished += batch.size() - again.size();
        if (!again.isEmpty()) {
            m_queue = again + m_queue;
            m_segments = againSegments + m_segments;
            m_completions = QList<Completion>(again.size()) + m_completions;
        }
        if (m_journal) {
            if (m_queue.isEmpty())
                m_journal->releaseAll();
            else
                m_journal->releaseBefore(m_segments.first());
        }
        m_written.notify_all();
        if (result.recorded > 0 && m_commitListener)
            m_commitListener();
        if (!again.isEmpty()) {
            if (m_stopping)
                return; // they stay in the journal for the next start
            constexpr std::chrono::milliseconds pause(1000);
            qCWarning(lcStore).noquote() << "call log: the database could not take" << again.size()
                                         << "journaled event(s); trying again in" << pause.count() << "ms";
            m_queued.wait_for(locker, pause);
        }
    }
}

} // namespace Store
