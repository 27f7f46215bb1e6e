#pragma once

// Writes a batch of call events on PostgreSQL with one statement (per round, below) instead of two per
// event. Every statement is a round trip to the server, and the call-log writer's transactions, whose
// commits the webhooks' answers wait for, were made of little else: at two round trips per event the
// writer, not the server's CPU, set the pace. The rules are CallLog::write()'s, event for event.

#include "core/common/Result.h"
#include "core/store/Statement.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Store {

struct CallEvent;
class Database;

class PostgresCallBatch
{
public:
    // On PostgreSQL; every event must be valid (CallLog::problemWith() is empty). Per event, in the order
    // given: whether it was new (false: stored before, or earlier in events). All or nothing: one round is
    // one statement, atomic by itself (no BEGIN and COMMIT, two round trips fewer); several share a
    // transaction.
    static Result<QList<bool>> write(const Database &database, const QList<CallEvent> &events);

    // One upsert may touch a row only once, so the events go in rounds in which no CallSid appears twice,
    // each call's events in the order given (indexes into events). Events of different calls do not
    // affect each other, so this stores what one event after the other would.
    static QList<QList<qsizetype>> rounds(const QList<CallEvent> &events);

    // One round's events as the statement takes them: a JSON array of objects, one per event in the order
    // of round, with the columns' values (null where the column is NULL). JSON rather than a literal of
    // our own making: QJsonDocument escapes, the server's JSON parser reads it, and nothing in between
    // needs to agree on quoting.
    static QByteArray rowsJson(const QList<CallEvent> &events, const QList<qsizetype> &round, qint64 now);

private:
    // Binds the events of round to statement, runs it, and marks the new ones in *isNew.
    static Result<void> writeRound(Statement &statement, const QList<CallEvent> &events,
                                   const QList<qsizetype> &round, qint64 now, QList<bool> *isNew);
};

} // namespace Store
