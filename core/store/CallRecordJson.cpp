#include "core/store/CallRecordJson.h"

#include <QJsonValue>

namespace Store {
namespace {

// Times in UTC with milliseconds; null while unknown (a call that goes on has no end).
QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QJsonObject CallRecordJson::toJson(const CallRecord &call)
{
    return {
        { QStringLiteral("callSid"), call.callSid },
        { QStringLiteral("direction"), call.direction },
        { QStringLiteral("from"), call.from },
        { QStringLiteral("to"), call.to },
        { QStringLiteral("client"), call.clientName },
        { QStringLiteral("status"), call.status },
        { QStringLiteral("outcome"),
          call.outcome == CallResult::Unknown ? QJsonValue() : QJsonValue(CallResults::name(call.outcome)) },
        { QStringLiteral("duration"), call.duration >= 0 ? QJsonValue(call.duration) : QJsonValue() },
        { QStringLiteral("startedAt"), timeValue(call.startedAt) },
        { QStringLiteral("endedAt"), timeValue(call.endedAt) },
        { QStringLiteral("updatedAt"), timeValue(call.updatedAt) },
    };
}

Result<CallRecord> CallRecordJson::fromJson(const QJsonObject &object)
{
    const auto text = [&](const char *name) { return object.value(QLatin1String(name)); };
    for (const char *name :
         { "callSid", "direction", "from", "to", "client", "status", "startedAt", "updatedAt" }) {
        if (!text(name).isString())
            return Failure(QStringLiteral("a call without %1").arg(QLatin1String(name)));
    }
    CallRecord call;
    call.callSid = text("callSid").toString();
    call.direction = text("direction").toString();
    call.from = text("from").toString();
    call.to = text("to").toString();
    call.clientName = text("client").toString();
    call.status = text("status").toString();
    call.outcome = CallResults::fromName(text("outcome").toString());
    call.duration = text("duration").isDouble() ? text("duration").toInt(-1) : -1;
    call.startedAt = QDateTime::fromString(text("startedAt").toString(), Qt::ISODateWithMs);
    call.endedAt = QDateTime::fromString(text("endedAt").toString(), Qt::ISODateWithMs);
    call.updatedAt = QDateTime::fromString(text("updatedAt").toString(), Qt::ISODateWithMs);
    if (!call.startedAt.isValid() || !call.updatedAt.isValid())
        return Failure(QStringLiteral("call %1 has a time that is not ISO 8601").arg(call.callSid));
    return call;
}

} // namespace Store
