#pragma once

// Writes call events on a thread of its own, many per transaction (group commit): one commit's cost is
// shared by every event that arrived while the last one ran. Whoever hands an event over goes on at once.
// An answered webhook is never sent again, so an answer whose record was lost would be lost for good: the
// webhooks answer Twilio only once their event is durable. With an SQLite file that is as soon as the
// event is in the call journal (CallJournal), one write() on the caller's thread; otherwise (PostgreSQL,
// or another process holds the journal) it is when its batch is committed, which a callback tells.

#include "core/store/CallLog.h"

#include <QList>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace Store {

class CallJournal;
class Database;

class CallLogWriter
{
public:
    struct Counters
    {
        qint64 recorded = 0;
        qint64 duplicates = 0;
        qint64 failed = 0; // refused by CallLog, or not journaled and failed (logged)
        qint64 dropped = 0; // never written: the queue was full
    };

    enum class Journal { WhenPossible, Never };

    // maxQueued bounds memory when the database is slow or locked for long; maxBatch bounds a transaction.
    // Events may wait up to linger for others to share their commit. By default they do not: answers wait
    // for their commits, and batches form by themselves from what arrives while a commit runs. Journaled
    // events, which nobody waits for, wait at least journalLinger. With Journal::WhenPossible an SQLite
    // file gets a journal, after the events an earlier process left in it are stored.
    explicit CallLogWriter(std::shared_ptr<Database> database, int maxQueued = 10000, int maxBatch = 500,
                           std::chrono::milliseconds linger = std::chrono::milliseconds(0),
                           Journal journal = Journal::WhenPossible);
    // Writes everything still queued, then stops. What the database refused to the end stays in the
    // journal for the next start.
    ~CallLogWriter();
    CallLogWriter(const CallLogWriter &) = delete;
    CallLogWriter &operator=(const CallLogWriter &) = delete;

    // Called on the writer's thread once the event's batch is committed (or the event refused).
    using Completion = std::function<void(CallLog::Outcome)>;

    enum class Handover {
        Refused, // dropped (maxQueued events wait already, the journal failed, or no CallSid or status)
        Queued, // whenWritten is called once the event's batch is committed
        Journaled, // durable already; whenWritten is never called
    };
    // Any thread. A refusal is logged.
    Handover enqueue(CallEvent event, Completion whenWritten = {});
    // Called on the writer's thread, with nothing else waiting on it, after each commit that stored
    // something new: readers of the call log (the desktop's Recent list) look again then, not on a timer.
    // It must be quick and must not call back into the writer. An empty one stops the calls; once this
    // returns, the one set before is not running and will not run again.
    void setCommitListener(std::function<void()> listener);
    // Where events go first; empty without a journal.
    QString journalFolder() const;
    // Waits until every event enqueued before this call has been written or refused; false on timeout.
    bool flush(int timeoutMilliseconds = 10000);
    Counters counters() const;

    // How long journaled events wait for others to share their commit: fewer, larger transactions.
    static constexpr std::chrono::milliseconds journalLinger { 50 };

private:
    void openJournal(Journal journal);
    void storeLeftovers();
    void run();
    // SQLite: moves WAL checkpoints (and the fsyncs they do) off the writer's thread, whose commits the
    // webhooks' answers wait for; a checkpoint in a commit stalled answers by up to a quarter second.
    void checkpointWhileRunning();

    std::shared_ptr<Database> m_database;
    CallLog m_log;
    const int m_maxQueued;
    const int m_maxBatch;
    const std::chrono::milliseconds m_linger;
    // The standard library's primitives rather than Qt's: ThreadSanitizer sees them (see
    // tests/SanitizerExceptions.cmake), and this class is what the request threads share most.
    mutable std::mutex m_mutex;
    std::condition_variable m_queued; // events arrived, or stop
    std::condition_variable m_written; // a batch is done
    int m_flushing = 0; // flush() calls waiting: the writer does not linger for them
    QList<CallEvent> m_queue;
    QList<Completion> m_completions; // one per queued event, maybe empty
    QList<qint64> m_segments; // one per queued event: its journal segment, 0 when not journaled
    qint64 m_enqueued = 0; // events accepted so far
    qint64 m_finished = 0; // of those, written or refused
    Counters m_counters;
    std::function<void()> m_commitListener;
    bool m_stopping = false;
    std::unique_ptr<CallJournal> m_journal;
    const bool m_checkpointing; // SQLite: checkpoints run on a thread of their own
    std::condition_variable m_checkpointWake; // stop
    std::thread m_thread;
    std::thread m_checkpointThread; // when m_checkpointing
};

} // namespace Store
