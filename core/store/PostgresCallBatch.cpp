#include "core/store/PostgresCallBatch.h"

#include "core/store/CallLog.h"
#include "core/store/CallUpsert.h"
#include "core/store/Transaction.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace Store {
namespace {

// One round's events as a JSON array of objects (rowsJson()), turned into rows in their order (ordinal):
// the events first, then the summaries of the calls whose event was new. Both are data-modifying WITH
// queries, which PostgreSQL runs to completion whether or not the final SELECT reads them.
QString batchSql()
{
    const QString summaries = CallUpsert::sql(QStringLiteral(
        "SELECT call_sid, direction, from_address, to_address, client_name, status, duration, happened_at,"
        " ended_at, happened_at, sequence, outcome FROM input"
        " WHERE call_sid IN (SELECT call_sid FROM new_events) ORDER BY ordinal"));
    return QStringLiteral(
               "WITH input AS (SELECT * FROM json_to_recordset(?::json) AS i(ordinal integer, call_sid text,"
               " sequence integer, status text, received_at bigint, direction text, from_address text,"
               " to_address text, client_name text, duration integer, happened_at bigint, ended_at bigint,"
               " outcome text)),"
               " new_events AS (INSERT INTO call_events (call_sid, sequence, status, received_at)"
               " SELECT call_sid, sequence, status, received_at FROM input ORDER BY ordinal"
               " ON CONFLICT (call_sid, sequence, status) DO NOTHING RETURNING call_sid),"
               " summaries AS (%1)"
               " SELECT call_sid FROM new_events")
        .arg(summaries);
}

} // namespace

QList<QList<qsizetype>> PostgresCallBatch::rounds(const QList<CallEvent> &events)
{
    QList<QList<qsizetype>> result;
    QHash<QString, qsizetype> seen; // events of each CallSid so far
    for (qsizetype index = 0; index < events.size(); ++index) {
        const qsizetype round = seen[events.at(index).callSid.trimmed()]++;
        if (round == result.size())
            result.append(QList<qsizetype>());
        result[round].append(index);
    }
    return result;
}

QByteArray PostgresCallBatch::rowsJson(const QList<CallEvent> &events, const QList<qsizetype> &round,
                                       qint64 now)
{
    QJsonArray rows;
    for (const qsizetype index : round) {
        // As CallLog::write() stores one event.
        const CallEvent &event = events.at(index);
        const QString status = event.status.trimmed();
        const qint64 at = event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch() : now;
        rows.append(QJsonObject {
            { QStringLiteral("ordinal"), rows.size() },
            { QStringLiteral("call_sid"), event.callSid.trimmed() },
            { QStringLiteral("sequence"), event.sequence < 0 ? -1 : event.sequence },
            { QStringLiteral("status"), status },
            { QStringLiteral("received_at"), now },
            { QStringLiteral("direction"), event.direction },
            { QStringLiteral("from_address"), event.from },
            { QStringLiteral("to_address"), event.to },
            { QStringLiteral("client_name"), event.clientName },
            { QStringLiteral("duration"), event.duration >= 0 ? QJsonValue(event.duration) : QJsonValue() },
            { QStringLiteral("happened_at"), at },
            { QStringLiteral("ended_at"), CallLog::isFinalStatus(status) ? QJsonValue(at) : QJsonValue() },
            { QStringLiteral("outcome"), CallResults::name(event.outcome) },
        });
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

Result<QList<bool>> PostgresCallBatch::write(const Database &database, const QList<CallEvent> &events)
{
    static const QString sql = batchSql();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<QList<qsizetype>> inRounds = rounds(events);
    QList<bool> isNew(events.size(), false);
    if (inRounds.size() == 1) {
        Statement statement(database, sql);
        if (const auto done = writeRound(statement, events, inRounds.first(), now, &isNew); !done)
            return Failure(done.error());
        return isNew;
    }
    Transaction transaction(database);
    if (const auto begun = transaction.begin(); !begun)
        return Failure(begun.error());
    for (const QList<qsizetype> &round : inRounds) {
        Statement statement(transaction, sql);
        if (const auto done = writeRound(statement, events, round, now, &isNew); !done)
            return transaction.fail(done.error());
    }
    if (const auto committed = transaction.commit(); !committed)
        return Failure(committed.error());
    return isNew;
}

Result<void> PostgresCallBatch::writeRound(Statement &statement, const QList<CallEvent> &events,
                                           const QList<qsizetype> &round, qint64 now, QList<bool> *isNew)
{
    statement.bind(QString::fromUtf8(rowsJson(events, round, now)));
    const CallEvent &first = events.at(round.first());
    const QString doing = round.size() == 1
        ? QStringLiteral("record status %1 of call %2").arg(first.status.trimmed(), first.callSid.trimmed())
        : QStringLiteral("record %1 call events").arg(round.size());
    if (auto done = statement.exec(doing); !done)
        return done;
    QSet<QString> stored;
    while (statement.next())
        stored.insert(statement.value(0).toString());
    for (const qsizetype index : round)
        (*isNew)[index] = stored.contains(events.at(index).callSid.trimmed());
    return {};
}

} // namespace Store
