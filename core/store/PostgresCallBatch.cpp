#include "core/store/PostgresCallBatch.h"

#include "core/store/CallLog.h"
#include "core/store/CallUpsert.h"
#include "core/store/Transaction.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

namespace Store {
namespace {

// One round's events as twelve arrays, unnested into rows in their order (ordinal): the events first,
// then the summaries of the calls whose event was new. Both are data-modifying WITH queries, which
// PostgreSQL runs to completion whether or not the final SELECT reads them.
QString batchSql()
{
    const QString summaries = CallUpsert::sql(QStringLiteral(
        "SELECT call_sid, direction, from_address, to_address, client_name, status, duration, happened_at, "
        "ended_at,"
        " happened_at, sequence, outcome FROM input WHERE call_sid IN (SELECT call_sid FROM new_events)"
        " ORDER BY ordinal"));
    return QStringLiteral(
               "WITH input AS (SELECT * FROM unnest(?::text[], ?::integer[], ?::text[], ?::bigint[],"
               " ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[], ?::bigint[],"
               " ?::text[]) WITH ORDINALITY AS i(call_sid, sequence, status, received_at, direction,"
               " from_address, to_address, client_name, duration, happened_at, ended_at, outcome, ordinal)),"
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

QString PostgresCallBatch::textArray(const QStringList &values)
{
    QString literal = QStringLiteral("{");
    for (const QString &value : values) {
        if (literal.size() > 1)
            literal += u',';
        if (value.isNull()) {
            literal += QLatin1String("NULL");
            continue;
        }
        // Quoted, so that commas, braces, blanks and the word NULL stay text; inside, \ escapes " and \.
        literal += u'"';
        for (const QChar c : value) {
            if (c == u'"' || c == u'\\')
                literal += u'\\';
            literal += c;
        }
        literal += u'"';
    }
    return literal + u'}';
}

QString PostgresCallBatch::numberArray(const QList<std::optional<qint64>> &values)
{
    QStringList texts;
    texts.reserve(values.size());
    for (const auto &value : values)
        texts.append(value ? QString::number(*value) : QLatin1String("NULL"));
    return u'{' + texts.join(u',') + u'}';
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
    QStringList callSids, statuses, directions, froms, tos, clientNames, outcomes;
    QList<std::optional<qint64>> sequences, receivedAts, durations, ats, endedAts;
    for (const qsizetype index : round) {
        // As CallLog::write() stores one event.
        const CallEvent &event = events.at(index);
        const QString status = event.status.trimmed();
        const qint64 at = event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch() : now;
        callSids.append(event.callSid.trimmed());
        sequences.append(event.sequence < 0 ? -1 : event.sequence);
        statuses.append(status);
        receivedAts.append(now);
        directions.append(Statement::textValue(event.direction).toString());
        froms.append(Statement::textValue(event.from).toString());
        tos.append(Statement::textValue(event.to).toString());
        clientNames.append(Statement::textValue(event.clientName).toString());
        durations.append(event.duration >= 0 ? std::optional<qint64>(event.duration) : std::nullopt);
        ats.append(at);
        endedAts.append(CallLog::isFinalStatus(status) ? std::optional<qint64>(at) : std::nullopt);
        outcomes.append(Statement::textValue(CallResults::name(event.outcome)).toString());
    }
    statement.bind(textArray(callSids))
        .bind(numberArray(sequences))
        .bind(textArray(statuses))
        .bind(numberArray(receivedAts))
        .bind(textArray(directions))
        .bind(textArray(froms))
        .bind(textArray(tos))
        .bind(textArray(clientNames))
        .bind(numberArray(durations))
        .bind(numberArray(ats))
        .bind(numberArray(endedAts))
        .bind(textArray(outcomes));
    const QString doing = round.size() == 1
        ? QStringLiteral("record status %1 of call %2").arg(statuses.first(), callSids.first())
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
