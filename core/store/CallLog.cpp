#include "core/store/CallLog.h"

#include "core/store/CallUpsert.h"
#include "core/store/Database.h"
#include "core/store/PostgresCallBatch.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"
#include "core/store/Transaction.h"
#include "core/webhook/CallStatus.h"

namespace Store {
namespace {

constexpr QLatin1StringView
    selectCall("SELECT id, call_sid, direction, from_address, to_address, client_name,"
               " status, duration, started_at, ended_at, updated_at, last_sequence, outcome"
               " FROM calls");

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

CallRecord callFrom(const Statement &row)
{
    CallRecord call;
    call.id = row.value(0).toLongLong();
    call.callSid = row.value(1).toString();
    call.direction = row.value(2).toString();
    call.from = row.value(3).toString();
    call.to = row.value(4).toString();
    call.clientName = row.value(5).toString();
    call.status = row.value(6).toString();
    call.duration = row.value(7).isNull() ? -1 : row.value(7).toInt();
    call.startedAt = timeFrom(row.value(8));
    call.endedAt = timeFrom(row.value(9));
    call.updatedAt = timeFrom(row.value(10));
    call.lastSequence = row.value(11).toInt();
    call.outcome = CallResults::fromName(row.value(12).toString());
    return call;
}

} // namespace

CallLog::CallLog(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{ }

bool CallLog::isFinalStatus(const QString &status)
{
    const auto parsed = Webhook::CallStatuses::parse(status.trimmed().toLower());
    return parsed && Webhook::CallStatuses::isFinal(*parsed);
}

Result<bool> CallLog::record(const CallEvent &event)
{
    if (const QString problem = problemWith(event); !problem.isEmpty())
        return Failure(problem);
    const Attempt attempt = recordOne(event);
    if (attempt.outcome == Outcome::Refused || attempt.outcome == Outcome::Failed)
        return Failure(attempt.error);
    return attempt.outcome == Outcome::Recorded;
}

CallLog::Attempt CallLog::recordOne(const CallEvent &event)
{
    Transaction transaction(*m_database);
    if (const auto begun = transaction.begin(); !begun)
        return { Outcome::Failed, begun.error() };
    Statement::Failure failure = Statement::Failure::None;
    const auto written = write(transaction, event, &failure);
    if (!written || !*written) {
        transaction.rollback();
        if (written)
            return { Outcome::Duplicate, QString() };
        return { Statement::isConstraintViolation(failure) ? Outcome::Refused : Outcome::Failed,
                 written.error() };
    }
    if (const auto committed = transaction.commit(); !committed)
        return { Outcome::Failed, committed.error() };
    return { Outcome::Recorded, QString() };
}

CallLog::BatchResult CallLog::recordMany(const QList<CallEvent> &events)
{
    BatchResult result;
    result.outcomes.fill(Outcome::Refused, events.size());
    QList<qsizetype> valid; // indexes into events
    valid.reserve(events.size());
    for (qsizetype index = 0; index < events.size(); ++index) {
        if (const QString problem = problemWith(events.at(index)); !problem.isEmpty())
            result.errors.append(problem);
        else
            valid.append(index);
    }
    if (valid.isEmpty())
        return result;

    QList<Outcome> written(valid.size(), Outcome::Failed);
    QString failure;
    if (m_database->isPostgres()) {
        // A round trip per statement there: the whole batch in one (see PostgresCallBatch).
        QList<CallEvent> batch;
        batch.reserve(valid.size());
        for (const qsizetype index : std::as_const(valid))
            batch.append(events.at(index));
        const auto done = PostgresCallBatch::write(*m_database, batch);
        if (done) {
            for (qsizetype position = 0; position < valid.size(); ++position)
                written[position] = done->at(position) ? Outcome::Recorded : Outcome::Duplicate;
        } else {
            failure = done.error();
        }
    } else {
        Transaction transaction(*m_database);
        if (const auto begun = transaction.begin(); !begun) {
            failure = begun.error();
        } else {
            for (qsizetype position = 0; position < valid.size(); ++position) {
                Statement::Failure kind = Statement::Failure::None;
                const auto done = write(transaction, events.at(valid.at(position)), &kind);
                if (!done) {
                    failure = done.error();
                    transaction.rollback();
                    break;
                }
                written[position] = *done ? Outcome::Recorded : Outcome::Duplicate;
            }
        }
        // Nothing failed: begun, and everything written.
        if (failure.isEmpty()) {
            if (const auto committed = transaction.commit(); !committed)
                failure = committed.error();
        }
    }
    if (failure.isEmpty()) {
        for (qsizetype position = 0; position < valid.size(); ++position) {
            result.outcomes[valid.at(position)] = written.at(position);
            ++(written.at(position) == Outcome::Recorded ? result.recorded : result.duplicates);
        }
        return result;
    }
    // Nothing of the batch was kept. One at a time, so that one bad event costs only itself.
    qCDebug(lcStore).noquote() << "batch of" << valid.size() << "call events failed (" << failure
                               << "); recording them one by one";
    for (const qsizetype index : std::as_const(valid)) {
        const Attempt attempt = recordOne(events.at(index));
        result.outcomes[index] = attempt.outcome;
        if (attempt.outcome == Outcome::Recorded)
            ++result.recorded;
        else if (attempt.outcome == Outcome::Duplicate)
            ++result.duplicates;
        else
            result.errors.append(attempt.error);
    }
    return result;
}

QString CallLog::problemWith(const CallEvent &event)
{
    if (event.callSid.trimmed().isEmpty())
        return QStringLiteral("a call event needs a CallSid");
    if (event.status.trimmed().isEmpty())
        return QStringLiteral("the event for call %1 has no status").arg(event.callSid.trimmed());
    return QString();
}

Result<bool> CallLog::write(const Transaction &transaction, const CallEvent &event,
                            Statement::Failure *failure)
{
    const QString callSid = event.callSid.trimmed();
    const QString status = event.status.trimmed();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 at = event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch() : now;
    const int sequence = event.sequence < 0 ? -1 : event.sequence;
    const auto doing = [&] { return QStringLiteral("record status %1 of call %2").arg(status, callSid); };

    static const QString insertEventSql
        = QStringLiteral("INSERT INTO call_events (call_sid, sequence, status, received_at)"
                         " VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (call_sid, sequence, status) DO NOTHING"
                         " RETURNING id");
    Statement insertEvent(transaction, insertEventSql);
    insertEvent.bind(callSid).bind(sequence).bind(status).bind(now);
    if (const auto done = insertEvent.exec(doing()); !done) {
        *failure = insertEvent.failure();
        return Failure(done.error());
    }
    const bool isNew = insertEvent.next();
    insertEvent.finish();
    if (!isNew)
        return false;

    static const QString upsertSql
        = CallUpsert::sql(QStringLiteral("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    Statement upsert(transaction, upsertSql);
    upsert.bind(callSid)
        .bindText(event.direction)
        .bindText(event.from)
        .bindText(event.to)
        .bindText(event.clientName)
        .bind(status)
        .bind(event.duration >= 0 ? QVariant(event.duration) : QVariant(QMetaType::fromType<int>()))
        .bind(at)
        .bind(isFinalStatus(status) ? QVariant(at) : QVariant(QMetaType::fromType<qint64>()))
        .bind(at)
        .bind(sequence)
        .bindText(CallResults::name(event.outcome));
    if (const auto done = upsert.exec(doing()); !done) {
        *failure = upsert.failure();
        return Failure(done.error());
    }
    return true;
}

QList<CallRecord> CallLog::list(int limit) const
{
    QList<CallRecord> calls;
    if (limit <= 0)
        return calls;
    Statement select(*m_database, selectCall + QStringLiteral(" ORDER BY updated_at DESC, id DESC LIMIT ?"));
    select.bind(limit);
    if (const auto done = select.exec(QStringLiteral("list the calls")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return calls;
    }
    while (select.next())
        calls.append(callFrom(select));
    return calls;
}

Result<CallLog::Page> CallLog::clientPage(const QString &clientName, const QDateTime &since,
                                          const std::optional<PagePosition> &after, int limit) const
{
    if (limit <= 0)
        return Failure(QStringLiteral("a page holds at least one call"));
    QString sql = selectCall + QStringLiteral(" WHERE client_name = ?");
    if (since.isValid())
        sql += QStringLiteral(" AND updated_at >= ?");
    if (after)
        sql += QStringLiteral(" AND (updated_at < ? OR (updated_at = ? AND id < ?))");
    sql += QStringLiteral(" ORDER BY updated_at DESC, id DESC LIMIT ?");
    Statement select(*m_database, sql);
    select.bindText(clientName);
    if (since.isValid())
        select.bind(since.toMSecsSinceEpoch());
    if (after)
        select.bind(after->updatedAtMs).bind(after->updatedAtMs).bind(after->id);
    select.bind(limit + 1); // one more tells whether another page follows
    if (const auto done = select.exec(QStringLiteral("list the calls of client %1").arg(clientName)); !done)
        return Failure(done.error());
    Page page;
    while (select.next())
        page.calls.append(callFrom(select));
    if (page.calls.size() > limit) {
        page.calls.removeLast();
        const CallRecord &last = page.calls.constLast();
        page.next = PagePosition { last.updatedAt.toMSecsSinceEpoch(), last.id };
    }
    return page;
}

std::optional<CallRecord> CallLog::find(const QString &callSid) const
{
    Statement select(*m_database, selectCall + QStringLiteral(" WHERE call_sid = ?"));
    select.bind(callSid);
    if (const auto done = select.exec(QStringLiteral("look up call %1").arg(callSid)); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return std::nullopt;
    }
    if (!select.next())
        return std::nullopt;
    return callFrom(select);
}

int CallLog::eventCount(const QString &callSid) const
{
    Statement count(*m_database, QStringLiteral("SELECT COUNT(*) FROM call_events WHERE call_sid = ?"));
    count.bind(callSid);
    if (const auto done = count.exec(QStringLiteral("count the events of call %1").arg(callSid)); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return 0;
    }
    return count.next() ? count.value(0).toInt() : 0;
}

std::optional<qint64> CallLog::latestEventId() const
{
    Statement latest(*m_database, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM call_events"));
    if (const auto done = latest.exec(QStringLiteral("look at the call log")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return std::nullopt;
    }
    if (!latest.next())
        return std::nullopt;
    return latest.value(0).toLongLong();
}

} // namespace Store
