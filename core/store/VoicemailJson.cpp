#include "core/store/VoicemailJson.h"

namespace Store {

QJsonObject VoicemailJson::toJson(const Voicemail &voicemail)
{
    return { { QStringLiteral("recordingSid"), voicemail.recordingSid },
             { QStringLiteral("callSid"), voicemail.callSid },
             { QStringLiteral("from"), voicemail.caller },
             { QStringLiteral("to"), voicemail.called },
             { QStringLiteral("client"), voicemail.clientName },
             { QStringLiteral("duration"), voicemail.duration },
             { QStringLiteral("recordedAt"), voicemail.recorded.toUTC().toString(Qt::ISODateWithMs) },
             { QStringLiteral("heard"), voicemail.heard },
             { QStringLiteral("transcript"), voicemail.transcript } };
}

Result<Voicemail> VoicemailJson::fromJson(const QJsonObject &object)
{
    Voicemail voicemail;
    voicemail.recordingSid = object.value(QStringLiteral("recordingSid")).toString();
    if (!voicemail.recordingSid.startsWith(QLatin1String("RE")))
        return Failure(QStringLiteral("a voicemail without its recordingSid"));
    voicemail.recorded
        = QDateTime::fromString(object.value(QStringLiteral("recordedAt")).toString(), Qt::ISODateWithMs);
    if (!voicemail.recorded.isValid())
        return Failure(QStringLiteral("voicemail %1 has no recordedAt time").arg(voicemail.recordingSid));
    voicemail.recorded = voicemail.recorded.toUTC();
    const QJsonValue duration = object.value(QStringLiteral("duration"));
    const QJsonValue heard = object.value(QStringLiteral("heard"));
    if (!duration.isDouble() || !heard.isBool())
        return Failure(
            QStringLiteral("voicemail %1 lacks its duration or heard").arg(voicemail.recordingSid));
    voicemail.duration = duration.toInt();
    voicemail.heard = heard.toBool();
    voicemail.callSid = object.value(QStringLiteral("callSid")).toString();
    voicemail.caller = object.value(QStringLiteral("from")).toString();
    voicemail.called = object.value(QStringLiteral("to")).toString();
    voicemail.clientName = object.value(QStringLiteral("client")).toString();
    voicemail.transcript = object.value(QStringLiteral("transcript")).toString();
    voicemail.status = QStringLiteral("completed");
    return voicemail;
}

} // namespace Store
