#include "tests/support/StoreTestDatabase.h"

#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"
#include "core/store/Database.h"

#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using Store::CallEvent;
using Store::CallLog;
using Store::Database;

class TestCallLog : public QObject
{
    Q_OBJECT

    static constexpr auto Refused = Store::CallLogWriter::Handover::Refused;
    StoreTestDatabase m_store { QStringLiteral("TestCallLog") };
    std::shared_ptr<Database> m_database;
    std::unique_ptr<CallLog> m_log;
    const QDateTime m_start = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);

    CallEvent callEvent(const QString &callSid, int sequence, const QString &status, int second) const
    {
        CallEvent event;
        event.callSid = callSid;
        event.sequence = sequence;
        event.status = status;
        event.direction = "inbound";
        event.from = "+819059876543";
        event.to = "+815031234567";
        event.timestamp = m_start.addSecs(second);
        return event;
    }

    bool record(const CallEvent &event)
    {
        const auto recorded = m_log->record(event);
        if (!recorded)
            qWarning() << recorded.error();
        return recorded && *recorded;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }

    void cleanupTestCase() { m_store.tearDown(); }

    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        m_log = std::make_unique<CallLog>(m_database);
    }

    void cleanup()
    {
        m_log.reset();
        m_database.reset();
    }

    void recordsARepeatedCallbackOnce()
    {
        const CallEvent ringing = callEvent("CA1", 0, "ringing", 0);
        const auto first = m_log->record(ringing);
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY(*first);
        const auto again = m_log->record(ringing);
        QVERIFY2(again, qPrintable(again.error()));
        QVERIFY2(!*again, "a retried callback is a duplicate");
        QCOMPARE(m_log->eventCount("CA1"), 1);
        QCOMPARE(m_log->list().size(), 1);
        QCOMPARE(m_log->find("CA1")->status, QString("ringing"));

        // Without a SequenceNumber the status alone tells retries apart.
        QVERIFY(record(callEvent("CA2", -1, "ringing", 0)));
        QVERIFY(!record(callEvent("CA2", -1, "ringing", 5)));
        QVERIFY(record(callEvent("CA2", -1, "in-progress", 6)));
        QCOMPARE(m_log->eventCount("CA2"), 2);
    }

    void followsACallThroughItsStatuses()
    {
        QVERIFY(record(callEvent("CA1", 0, "initiated", 0)));
        QVERIFY(record(callEvent("CA1", 1, "ringing", 2)));
        QVERIFY(record(callEvent("CA1", 2, "in-progress", 5)));
        QCOMPARE(m_log->find("CA1")->endedAt, QDateTime());
        QCOMPARE(m_log->find("CA1")->duration, -1);
        CallEvent completed = callEvent("CA1", 3, "completed", 47);
        completed.duration = 42;
        QVERIFY(record(completed));

        const auto call = m_log->find("CA1");
        QVERIFY(call);
        QVERIFY(call->id > 0);
        QCOMPARE(call->callSid, QString("CA1"));
        QCOMPARE(call->status, QString("completed"));
        QCOMPARE(call->direction, QString("inbound"));
        QCOMPARE(call->from, QString("+819059876543"));
        QCOMPARE(call->to, QString("+815031234567"));
        QCOMPARE(call->duration, 42);
        QCOMPARE(call->startedAt, m_start);
        QCOMPARE(call->endedAt, m_start.addSecs(47));
        QCOMPARE(call->updatedAt, m_start.addSecs(47));
        QCOMPARE(call->lastSequence, 3);
        QCOMPARE(m_log->eventCount("CA1"), 4);
    }

    void anOlderEventDoesNotMoveTheStatusBack()
    {
        CallEvent completed = callEvent("CA1", 3, "completed", 60);
        completed.duration = 50;
        QVERIFY(record(completed));
        QVERIFY2(record(callEvent("CA1", 1, "ringing", 10)), "a late event is new history");
        QVERIFY(record(callEvent("CA1", 2, "in-progress", 12)));

        const auto call = m_log->find("CA1");
        QCOMPARE(call->status, QString("completed"));
        QCOMPARE(call->lastSequence, 3);
        QCOMPARE(call->duration, 50);
        QCOMPARE(call->startedAt, m_start.addSecs(10)); // the first event in time, whenever it arrived
        QCOMPARE(call->endedAt, m_start.addSecs(60));
        QCOMPARE(call->updatedAt, m_start.addSecs(60));
        QCOMPARE(m_log->eventCount("CA1"), 3);
    }

    void aFinalStatusStaysFinal()
    {
        // Events without sequence numbers (our own webhooks) are ordered by time, yet a call that ended
        // does not come back to life.
        QVERIFY(record(callEvent("CA1", -1, "ringing", 0)));
        QVERIFY(record(callEvent("CA1", -1, "busy", 20)));
        QVERIFY(record(callEvent("CA1", -1, "in-progress", 30)));
        QCOMPARE(m_log->find("CA1")->status, QString("busy"));
        QCOMPARE(m_log->find("CA1")->endedAt, m_start.addSecs(20));
        QVERIFY(record(callEvent("CA1", -1, "queued", 1)));
        QCOMPARE(m_log->find("CA1")->status, QString("busy"));
    }

    void keepsWhatTheRouterKnew()
    {
        CallEvent routed = callEvent("CA1", -1, "ringing", 0);
        routed.clientName = "alice";
        QVERIFY(record(routed));
        CallEvent callback = callEvent("CA1", 0, "in-progress", 3);
        callback.clientName.clear();
        callback.direction.clear();
        QVERIFY(record(callback));
        const auto call = m_log->find("CA1");
        QCOMPARE(call->clientName, QString("alice"));
        QCOMPARE(call->direction, QString("inbound"));
        QCOMPARE(call->status, QString("in-progress"));
    }

    // What Twilio's final callback says of the caller's leg ("completed") does not hide what the call came
    // to for the person, which our webhooks told; a message left outranks the missed call before it.
    void theOutcomeOutlivesTheFinalStatus()
    {
        QVERIFY(record(callEvent("CA1", 0, "ringing", 0)));
        CallEvent dialed = callEvent("CA1", -1, "no-answer", 30);
        dialed.outcome = Store::CallResult::Missed;
        dialed.duration = 0;
        QVERIFY(record(dialed));
        QCOMPARE(m_log->find("CA1")->outcome, Store::CallResult::Missed);
        CallEvent message = callEvent("CA1", -1, "in-progress", 40);
        message.outcome = Store::CallResult::Voicemail;
        QVERIFY(record(message));
        CallEvent completed = callEvent("CA1", 3, "completed", 60);
        completed.duration = 60;
        QVERIFY(record(completed));
        auto call = m_log->find("CA1");
        QCOMPARE(call->status, QString("completed"));
        QCOMPARE(call->outcome, Store::CallResult::Voicemail);
        QCOMPARE(call->duration, 0); // nobody talked: the caller's leg lasted 60 s

        // An answered call's duration is the talk time, not the caller's leg with its ringing.
        QVERIFY(record(callEvent("CA2", 0, "ringing", 0)));
        CallEvent answered = callEvent("CA2", -1, "completed", 70);
        answered.outcome = Store::CallResult::Answered;
        answered.duration = 65;
        QVERIFY(record(answered));
        CallEvent over = callEvent("CA2", 2, "completed", 71);
        over.duration = 71;
        QVERIFY(record(over));
        call = m_log->find("CA2");
        QCOMPARE(call->outcome, Store::CallResult::Answered);
        QCOMPARE(call->duration, 65);

        // A missed call told after the message does not take its place.
        CallEvent late = callEvent("CA1", -1, "canceled", 80);
        late.outcome = Store::CallResult::Missed;
        QVERIFY(record(late));
        QCOMPARE(m_log->find("CA1")->outcome, Store::CallResult::Voicemail);

        // A call without any outcome (logged before they were kept, or still going) has none.
        QVERIFY(record(callEvent("CA3", 0, "completed", 0)));
        QCOMPARE(m_log->find("CA3")->outcome, Store::CallResult::Unknown);
    }

    void listsNewestFirst()
    {
        QVERIFY(record(callEvent("CA2", 0, "ringing", 20)));
        QVERIFY(record(callEvent("CA3", 0, "ringing", 30)));
        QVERIFY(record(callEvent("CA1", 0, "ringing", 10)));
        QVERIFY(record(callEvent("CA1", 1, "in-progress", 40))); // CA1 is now the most recently updated

        QStringList order;
        for (const auto &call : m_log->list())
            order << call.callSid;
        QCOMPARE(order, QStringList({ "CA1", "CA3", "CA2" }));
        QCOMPARE(m_log->list(2).size(), 2);
        QCOMPARE(m_log->list(2).first().callSid, QString("CA1"));
        QVERIFY(m_log->list(0).isEmpty());
        QVERIFY(!m_log->find("CA4"));
        QCOMPARE(m_log->eventCount("CA4"), 0);
    }

    void refusesIncompleteEvents_data()
    {
        QTest::addColumn<QString>("callSid");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no CallSid") << ""
                                    << "ringing"
                                    << "needs a CallSid";
        QTest::newRow("blank CallSid") << "   "
                                       << "ringing"
                                       << "needs a CallSid";
        QTest::newRow("no status") << "CA1"
                                   << ""
                                   << "has no status";
    }

    void refusesIncompleteEvents()
    {
        QFETCH(QString, callSid);
        QFETCH(QString, status);
        QFETCH(QString, reason);
        const auto recorded = m_log->record(callEvent(callSid, 0, status, 0));
        QVERIFY(!recorded);
        QVERIFY2(recorded.error().contains(reason), qPrintable(recorded.error()));
        QVERIFY(m_log->list().isEmpty());
        QCOMPARE(m_log->eventCount(callSid), 0);
    }

    void aFailedWriteLeavesNothingHalfWritten()
    {
        // Break the second half of record(): the event row of the first half must go too.
        {
            QSqlQuery query(m_database->connection());
            QVERIFY(query.exec("DROP TABLE calls"));
        }
        const auto recorded = m_log->record(callEvent("CA1", 0, "ringing", 0));
        QVERIFY(!recorded);
        QVERIFY2(recorded.error().startsWith("could not record status ringing of call CA1"),
                 qPrintable(recorded.error()));
        QVERIFY2(!recorded.error().contains("INSERT") && !recorded.error().contains("excluded"),
                 qPrintable(recorded.error()));
        QCOMPARE(m_log->eventCount("CA1"), 0);
    }

    void twiliosNumberedCallbacksOutrankOurOwnNotes()
    {
        // The router notes the Dial's outcome (no sequence) after Twilio's numbered callbacks, with a
        // later time: the call keeps Twilio's status, and the note is kept as history.
        QVERIFY(record(callEvent("CA1", 0, "ringing", 0)));
        QVERIFY(record(callEvent("CA1", 1, "in-progress", 5)));
        CallEvent completed = callEvent("CA1", 2, "completed", 60);
        completed.duration = 55;
        QVERIFY(record(completed));
        CallEvent dialOutcome = callEvent("CA1", -1, "no-answer", 61);
        QVERIFY(record(dialOutcome));
        const auto call = m_log->find("CA1");
        QCOMPARE(call->status, QString("completed"));
        QCOMPARE(call->duration, 55);
        QCOMPARE(call->endedAt, m_start.addSecs(60));
        QCOMPARE(m_log->eventCount("CA1"), 4);

        // Without numbered callbacks (none configured), our notes are all there is.
        QVERIFY(record(callEvent("CA2", -1, "ringing", 0)));
        QVERIFY(record(callEvent("CA2", -1, "no-answer", 60)));
        QCOMPARE(m_log->find("CA2")->status, QString("no-answer"));
        QCOMPARE(m_log->find("CA2")->endedAt, m_start.addSecs(60));
    }

    void recordManyStoresABatchInOneTransaction()
    {
        QVERIFY(record(callEvent("CA1", 0, "ringing", 0)));
        CallEvent invalid = callEvent("CA3", 0, "", 3);
        const CallLog::BatchResult result = m_log->recordMany(
            { callEvent("CA1", 0, "ringing", 0), callEvent("CA1", 1, "in-progress", 5), invalid,
              callEvent("CA2", 0, "ringing", 7), callEvent("CA2", 0, "ringing", 7) });
        QCOMPARE(result.recorded, 2);
        QCOMPARE(result.duplicates, 2);
        QCOMPARE(result.errors.size(), 1);
        QVERIFY2(result.errors.first().contains("has no status"), qPrintable(result.errors.first()));
        using O = CallLog::Outcome;
        QCOMPARE(result.outcomes,
                 QList<O>({ O::Duplicate, O::Recorded, O::Refused, O::Recorded, O::Duplicate }));
        QCOMPARE(m_log->find("CA1")->status, QString("in-progress"));
        QCOMPARE(m_log->eventCount("CA1"), 2);
        QCOMPARE(m_log->eventCount("CA2"), 1);
        QVERIFY(!m_log->find("CA3"));
    }

    // A batch stores what the same events one after the other store, however they interleave: calls "A*"
    // get them one at a time, calls "B*" in one batch.
    void aBatchStoresWhatOneEventAtATimeStores()
    {
        QList<CallEvent> events;
        const auto add = [&](const QString &call, int sequence, const QString &status, int second,
                             int duration = -1, Store::CallResult outcome = Store::CallResult::Unknown) {
            CallEvent event = callEvent(call, sequence, status, second);
            event.duration = duration;
            event.outcome = outcome;
            if (status == "ringing")
                event.clientName = "alice";
            events.append(event);
        };
        add("1", 0, "ringing", 0);
        add("2", -1, "ringing", 1);
        add("1", 1, "in-progress", 5);
        add("2", -1, "no-answer", 30, 0, Store::CallResult::Missed);
        add("1", 0, "ringing", 0); // a retry: a duplicate
        add("3", 2, "completed", 9, 9);
        add("1", 3, "completed", 60, 55);
        add("3", 0, "ringing", 2); // late: history only
        add("1", -1, "completed", 61, 54, Store::CallResult::Answered);
        add("2", -1, "in-progress", 40, -1, Store::CallResult::Voicemail);
        add("1", 2, "in-progress", 50); // after the final status
        add("2", -1, "no-answer", 30, 0, Store::CallResult::Missed); // a retry again

        QList<CallLog::Outcome> oneByOne;
        QList<CallEvent> batch;
        for (CallEvent event : std::as_const(events)) {
            const QString call = event.callSid;
            event.callSid = "A" + call;
            const auto recorded = m_log->record(event);
            QVERIFY2(recorded, qPrintable(recorded.error()));
            oneByOne.append(*recorded ? CallLog::Outcome::Recorded : CallLog::Outcome::Duplicate);
            event.callSid = "B" + call;
            batch.append(event);
        }
        const CallLog::BatchResult result = m_log->recordMany(batch);
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join("; ")));
        QCOMPARE(result.outcomes, oneByOne);
        QCOMPARE(result.recorded, 10);
        QCOMPARE(result.duplicates, 2);
        for (const QString call : { "1", "2", "3" }) {
            const auto a = m_log->find("A" + call);
            const auto b = m_log->find("B" + call);
            QVERIFY(a && b);
            QCOMPARE(b->status, a->status);
            QCOMPARE(b->outcome, a->outcome);
            QCOMPARE(b->duration, a->duration);
            QCOMPARE(b->startedAt, a->startedAt);
            QCOMPARE(b->endedAt, a->endedAt);
            QCOMPARE(b->updatedAt, a->updatedAt);
            QCOMPARE(b->lastSequence, a->lastSequence);
            QCOMPARE(b->clientName, a->clientName);
            QCOMPARE(m_log->eventCount("B" + call), m_log->eventCount("A" + call));
        }
        QCOMPARE(m_log->find("B1")->status, QString("completed"));
        QCOMPARE(m_log->find("B1")->outcome, Store::CallResult::Answered);
        QCOMPARE(m_log->find("B2")->outcome, Store::CallResult::Voicemail);
    }

    // What a batch binds as one value (PostgreSQL: an array literal per column) keeps every text as given.
    void aBatchKeepsTextsExactly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quotes") << R"(it's "quoted")";
        QTest::newRow("backslashes") << R"(C:\path\ and \" and \)";
        QTest::newRow("array syntax") << "{a,b},{NULL}";
        QTest::newRow("the word NULL") << "NULL";
        QTest::newRow("blanks") << "  two  words  ";
        QTest::newRow("empty") << "";
        QTest::newRow("not ASCII") << QString::fromUtf8("\u00e9t\u00e9 \u96fb\u8a71 \U0001f4de");
        QTest::newRow("SQL") << "x'); DROP TABLE calls; --";
    }

    void aBatchKeepsTextsExactly()
    {
        QFETCH(QString, text);
        CallEvent event = callEvent("CA" + text.trimmed(), 0, "ringing", 0);
        event.from = text;
        event.to = text + text;
        event.clientName = text.isEmpty() ? QString() : text;
        const CallLog::BatchResult result
            = m_log->recordMany({ callEvent("CAother", 0, "ringing", 0), event });
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join("; ")));
        QCOMPARE(result.recorded, 2);
        const auto call = m_log->find(event.callSid);
        QVERIFY(call);
        QCOMPARE(call->from, text);
        QCOMPARE(call->to, text + text);
        QCOMPARE(call->clientName, text);
        QCOMPARE(m_log->eventCount(event.callSid), 1);
    }

    void aBadEventInABatchCostsOnlyItself()
    {
        // The database refuses one call's events; the batch falls back to one event at a time.
        QSqlQuery query(m_database->connection());
        const bool refusing = m_database->isPostgres()
            ? query.exec("ALTER TABLE call_events ADD CONSTRAINT refuse_cabad CHECK (call_sid <> 'CABAD')")
            : query.exec("CREATE TRIGGER refuse_cabad BEFORE INSERT ON call_events"
                         " WHEN NEW.call_sid = 'CABAD' BEGIN SELECT RAISE(ABORT, 'refused'); END");
        QVERIFY2(refusing, qPrintable(query.lastError().text()));
        const CallLog::BatchResult result
            = m_log->recordMany({ callEvent("CA1", 0, "ringing", 0), callEvent("CABAD", 0, "ringing", 1),
                                  callEvent("CA2", 0, "ringing", 2) });
        QCOMPARE(result.recorded, 2);
        QCOMPARE(result.errors.size(), 1);
        using O = CallLog::Outcome;
        // Refused, not Failed: the database works, and will never take this event.
        QCOMPARE(result.outcomes, QList<O>({ O::Recorded, O::Refused, O::Recorded }));
        QVERIFY2(result.errors.first().startsWith("could not record status ringing of call CABAD"),
                 qPrintable(result.errors.first()));
        QVERIFY(m_log->find("CA1"));
        QVERIFY(m_log->find("CA2"));
        QVERIFY(!m_log->find("CABAD"));
        QCOMPARE(m_log->eventCount("CABAD"), 0);
    }

    // A call's second event goes into a later statement than its first (PostgresCallBatch's rounds): when a
    // later one fails, nothing of the batch is kept before it is tried one event at a time. Were the first
    // round kept, its events would come back as duplicates.
    void aBatchIsAllOrNothing()
    {
        QSqlQuery query(m_database->connection());
        const bool refusing = m_database->isPostgres()
            ? query.exec("ALTER TABLE call_events ADD CONSTRAINT refuse_status CHECK (status <> 'refused')")
            : query.exec("CREATE TRIGGER refuse_status BEFORE INSERT ON call_events"
                         " WHEN NEW.status = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END");
        QVERIFY2(refusing, qPrintable(query.lastError().text()));
        const CallLog::BatchResult result
            = m_log->recordMany({ callEvent("CA1", 0, "ringing", 0), callEvent("CA2", 0, "ringing", 1),
                                  callEvent("CA1", 1, "refused", 2) });
        using O = CallLog::Outcome;
        QCOMPARE(result.outcomes, QList<O>({ O::Recorded, O::Recorded, O::Refused }));
        QCOMPARE(m_log->eventCount("CA1"), 1);
        QCOMPARE(m_log->find("CA1")->status, QString("ringing"));
    }

    void theWriterStoresEverythingHandedToIt()
    {
        constexpr int calls = 50;
        {
            Store::CallLogWriter writer(m_database);
            for (int call = 0; call < calls; ++call) {
                QVERIFY(writer.enqueue(callEvent(QString("CA%1").arg(call), 0, "ringing", call)) != Refused);
                QVERIFY(writer.enqueue(callEvent(QString("CA%1").arg(call), 0, "ringing", call))
                        != Refused); // a retry
            }
            QVERIFY(writer.flush());
            QCOMPARE(m_log->list().size(), calls);
            const auto counters = writer.counters();
            QCOMPARE(counters.recorded, calls);
            QCOMPARE(counters.duplicates, calls);
            QCOMPARE(counters.failed, 0);
            QCOMPARE(counters.dropped, 0);
            // What is still queued when the writer goes is written before it goes.
            QVERIFY(writer.enqueue(callEvent("CALAST", 0, "ringing", 99)) != Refused);
        }
        QVERIFY(m_log->find("CALAST"));
    }

    void theWriterSaysWhenEachEventIsCommitted()
    {
        // Without a journal a webhook is answered from this callback: by then its event must be readable
        // by anyone.
        std::mutex mutex;
        QList<QPair<QString, CallLog::Outcome>> outcomes;
        QSemaphore called;
        QSemaphore checked;
        // Made after what its callbacks use, so that it stops before they go.
        Store::CallLogWriter writer(m_database, 10000, 500, std::chrono::milliseconds(0),
                                    Store::CallLogWriter::Journal::Never);
        // Should a check below fail, the paused callback must still go on, or the writer never stops.
        const auto unpause = qScopeGuard([&checked] { checked.release(100); });
        const auto note = [&](const QString &callSid, bool pause) {
            return [&, callSid, pause](CallLog::Outcome outcome) {
                {
                    const std::lock_guard locker(mutex);
                    outcomes.append({ callSid, outcome });
                }
                if (pause) {
                    called.release();
                    checked.acquire();
                }
            };
        };
        QCOMPARE(writer.enqueue(callEvent("CAW1", 0, "ringing", 0), note("CAW1", true)),
                 Store::CallLogWriter::Handover::Queued);
        QVERIFY(called.tryAcquire(1, 10000));
        const bool visible = m_log->find("CAW1").has_value(); // from this thread's own connection
        checked.release();
        QVERIFY2(visible, "the callback ran before the event was committed");
        QVERIFY(writer.enqueue(callEvent("CAW1", 0, "ringing", 0), note("CAW1", false)) != Refused);
        QVERIFY(writer.enqueue(callEvent("CAW2", 0, "", 1), note("CAW2", false)) != Refused);
        QVERIFY(writer.flush());
        const std::lock_guard locker(mutex);
        using O = CallLog::Outcome;
        QCOMPARE(outcomes,
                 (QList<QPair<QString, O>> {
                     { "CAW1", O::Recorded }, { "CAW1", O::Duplicate }, { "CAW2", O::Refused } }));
    }

    void theWriterDropsEventsRatherThanGrowWithoutBound()
    {
        // Another connection holds the write lock: the writer waits on it while events pile up.
        QSqlDatabase blocker = m_database->connection();
        QSqlQuery lock(blocker);
        if (m_database->isPostgres()) {
            QVERIFY(blocker.transaction());
            QVERIFY2(lock.exec("LOCK TABLE call_events IN EXCLUSIVE MODE"),
                     qPrintable(lock.lastError().text()));
        } else {
            QVERIFY2(lock.exec("BEGIN IMMEDIATE"), qPrintable(lock.lastError().text()));
        }
        Store::CallLogWriter writer(m_database, 2);
        // Should a check below fail, the lock must still go, or the writer waits for it forever as it stops.
        bool locked = true;
        const auto unlock = qScopeGuard([&] {
            if (locked && !(m_database->isPostgres() ? blocker.rollback() : lock.exec("ROLLBACK")))
                qWarning() << "could not release the test's lock";
        });
        int accepted = 0;
        for (int attempt = 0; attempt < 10
             && writer.enqueue(callEvent(QString("CA%1").arg(attempt), 0, "ringing", 0)) != Refused;
             ++attempt)
            ++accepted;
        // Two waiting in the queue, and at most one batch taken by the writer (waiting for the lock). That
        // batch holds what was queued when the writer woke, up to the queue's two: under ThreadSanitizer's
        // slower pace it held two (accepted 4), where the test had assumed one.
        QVERIFY2(accepted >= 2 && accepted <= 4, qPrintable(QString::number(accepted)));
        QCOMPARE(writer.counters().dropped, 1);
        locked = false;
        if (m_database->isPostgres())
            QVERIFY(blocker.rollback());
        else
            QVERIFY(lock.exec("ROLLBACK"));
        QVERIFY(writer.flush());
        QCOMPARE(writer.counters().recorded, accepted);
        QCOMPARE(m_log->list().size(), accepted);
    }

    void concurrentRetriesAreRecordedOnce()
    {
        // Twilio retries, and several threads (or servers) may receive the same callback at once.
        constexpr int threads = 4;
        constexpr int events = 20;
        std::atomic<int> recorded { 0 };
        std::atomic<int> failures { 0 };
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                for (int i = 0; i < events; ++i) {
                    // Each thread walks the events in its own order.
                    const int n = (i + t * 5) % events;
                    const auto done = m_log->record(callEvent(QString("CA%1").arg(n % 4), n, "ringing", n));
                    if (!done)
                        ++failures;
                    else if (*done)
                        ++recorded;
                }
            });
        }
        for (std::thread &worker : workers)
            worker.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(recorded.load(), events);
        QCOMPARE(m_log->list().size(), 4);
        for (int call = 0; call < 4; ++call)
            QCOMPARE(m_log->eventCount(QString("CA%1").arg(call)), events / 4);
    }
};

QTEST_GUILESS_MAIN(TestCallLog)
#include "TestCallLog.moc"
