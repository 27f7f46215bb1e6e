#include "core/rest/ApiReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace Rest {
namespace {

// Twilio's own error body, {"code", "message", "more_info", "status"}; a message that is empty means the
// body was not one.
struct TwilioError
{
    QString message;
    qint64 code = 0;
    QString moreInfo;

    static TwilioError from(const QJsonObject &error)
    {
        return { error.value(QStringLiteral("message")).toString().trimmed(),
                 error.value(QStringLiteral("code")).toInteger(),
                 error.value(QStringLiteral("more_info")).toString() };
    }
};

// A request validator's report (RFC 7807 problem, with Prism's list of what is invalid).
QString problemReport(const QJsonObject &problem)
{
    QStringList parts;
    for (const auto &entry : problem.value(QStringLiteral("validation")).toArray()) {
        if (const QString message = entry.toObject().value(QStringLiteral("message")).toString();
            !message.isEmpty())
            parts << message;
    }
    if (parts.isEmpty()) {
        const QString title = problem.value(QStringLiteral("title")).toString();
        const QString detail = problem.value(QStringLiteral("detail")).toString();
        if (title.isEmpty() && detail.isEmpty())
            return {};
        parts << (detail.isEmpty()      ? title
                      : title.isEmpty() ? detail
                                        : title + QStringLiteral(": ") + detail);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QJsonObject ApiReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString ApiReply::describeFailure(int status, const QByteArray &body, const QString &what)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const TwilioError error = TwilioError::from(object);
    QString reason = error.message;
    QString codes = QStringLiteral("HTTP %1").arg(status);
    if (error.code > 0)
        codes += QStringLiteral(", error %1").arg(error.code);
    if (reason.isEmpty())
        reason = problemReport(object);
    if (reason.isEmpty())
        reason = status == 404 ? QStringLiteral("there is no such resource")
            : status >= 500    ? QStringLiteral("its server failed")
                               : QStringLiteral("no reason given");
    while (reason.endsWith(u'.'))
        reason.chop(1);
    const QString verb
        = status >= 500 ? QStringLiteral("Twilio could not %1") : QStringLiteral("Twilio refused to %1");
    QString sentence = QStringLiteral("%1: %2 (%3).").arg(verb.arg(what), reason, codes);
    if (status == 401)
        sentence += QStringLiteral(" Check the account SID and its API key or auth token.");
    if (!error.moreInfo.isEmpty())
        sentence += QStringLiteral(" More: %1").arg(error.moreInfo);
    return sentence;
}

} // namespace Rest
