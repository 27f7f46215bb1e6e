#pragma once

// The call log: every status Twilio reports for a call, stored once however often it is retried, and one
// summary row per call.

#include "core/common/Result.h"
#include "core/store/CallResult.h"
#include "core/store/Statement.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Store {

class Database;
class Transaction;

// One status callback (or one webhook we answered), as Twilio described the call at that moment.
struct CallEvent
{
    QString callSid;
    int sequence = -1; // Twilio's SequenceNumber; -1 when it sent none
    QString status; // queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled
    QString direction;
    QString from;
    QString to;
    QString clientName;
    int duration = -1; // seconds; -1 when unknown. With an outcome: the talk time.
    QDateTime timestamp;
    // What the call came to for our person, when this event tells it (a Dial's end, a refusal, a message
    // left); Unknown for Twilio's status callbacks, which know only the caller's leg.
    CallResult outcome = CallResult::Unknown;
};

// What the log knows of one call.
struct CallRecord
{
    qint64 id = 0;
    QString callSid;
    QString direction;
    QString from;
    QString to;
    QString clientName;
    QString status; // Twilio's status of the caller's leg
    CallResult outcome = CallResult::Unknown; // Unknown while the call goes on, and for calls logged before
    int duration = -1; // seconds; -1 when unknown. The talk time once an outcome is known.
    QDateTime startedAt; // the first event's time
    QDateTime endedAt; // the final status's time; invalid while the call goes on
    QDateTime updatedAt;
    int lastSequence = -1;
};

class CallLog
{
public:
    explicit CallLog(std::shared_ptr<Database> database);

    // Stores event unless the same (CallSid, sequence, status) was stored before; true when it was new.
    // An event older than what the call already shows (a lower sequence, or a later status after a final
    // one) is kept in the history but does not move the call's status back.
    Result<bool> record(const CallEvent &event);

    // Refused: the event itself cannot be stored (no CallSid, a constraint), and never will be. Failed:
    // the database could not take it now (locked, unreachable, full); it may later.
    enum class Outcome { Recorded, Duplicate, Refused, Failed };
    struct BatchResult
    {
        int recorded = 0; // new events
        int duplicates = 0; // stored before, left alone
        QStringList errors; // one per event that could not be stored
        QList<Outcome> outcomes; // one per event, in the order given
    };
    // record() for many events with one commit, which costs about as much as one event's. When the
    // batch fails as a whole, each event is tried on its own, so that a bad one costs only itself.
    BatchResult recordMany(const QList<CallEvent> &events);

    QList<CallRecord> list(int limit = 1000) const; // most recently updated first

    // Where a page of calls ended, in list()'s order: the next page starts after it.
    struct PagePosition
    {
        qint64 updatedAtMs = 0;
        qint64 id = 0;
    };
    struct Page
    {
        QList<CallRecord> calls;
        std::optional<PagePosition> next; // set when more calls follow
    };
    // The calls of one client (the one they rang, or the one that placed them), most recently updated
    // first: at most limit, updated at or after since (when valid), after `after` (when given).
    Result<Page> clientPage(const QString &clientName, const QDateTime &since,
                            const std::optional<PagePosition> &after, int limit) const;
    std::optional<CallRecord> find(const QString &callSid) const;
    int eventCount(const QString &callSid) const;
    // Grows whenever an event is stored (0 for an empty log): a reader that remembers it knows, with one
    // indexed query, whether there is anything new to read. Nothing when the database cannot say.
    std::optional<qint64> latestEventId() const;

    static bool isFinalStatus(const QString &status);
    static QString problemWith(const CallEvent &event); // empty when it can be stored

private:
    struct Attempt
    {
        Outcome outcome;
        QString error;
    };
    Attempt recordOne(const CallEvent &event);
    // Both rows of one event inside transaction; false when it was stored before. On failure, *failure
    // tells whether a constraint refused it.
    static Result<bool> write(const Transaction &transaction, const CallEvent &event,
                              Statement::Failure *failure);

    std::shared_ptr<Database> m_database;
};

} // namespace Store
