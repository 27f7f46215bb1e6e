#include "core/store/CallResult.h"

#include "core/webhook/CallStatus.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Store {
namespace {

// Every outcome with its stored name; the order is the one lists show.
constexpr std::array<std::pair<CallResult, const char *>, 7> names { {
    { CallResult::Answered, "answered" },
    { CallResult::Missed, "missed" },
    { CallResult::Voicemail, "voicemail" },
    { CallResult::Declined, "declined" },
    { CallResult::NoAnswer, "no-answer" },
    { CallResult::Busy, "busy" },
    { CallResult::Failed, "failed" },
} };

} // namespace

QString CallResults::name(CallResult result)
{
    for (const auto &[known, text] : names) {
        if (known == result)
            return QString::fromLatin1(text);
    }
    return QString();
}

QList<CallResult> CallResults::all()
{
    QList<CallResult> results;
    for (const auto &[known, text] : names)
        results.append(known);
    return results;
}

CallResult CallResults::fromName(const QString &name)
{
    for (const auto &[known, text] : names) {
        if (name == QLatin1String(text))
            return known;
    }
    return CallResult::Unknown;
}

QString CallResults::label(CallResult result)
{
    switch (result) {
    case CallResult::Answered:
        return QCoreApplication::translate("CallResults", "Answered");
    case CallResult::Missed:
        return QCoreApplication::translate("CallResults", "Missed");
    case CallResult::NoAnswer:
        return QCoreApplication::translate("CallResults", "No answer");
    case CallResult::Declined:
        return QCoreApplication::translate("CallResults", "Declined");
    case CallResult::Busy:
        return QCoreApplication::translate("CallResults", "Busy");
    case CallResult::Failed:
        return QCoreApplication::translate("CallResults", "Failed");
    case CallResult::Voicemail:
        return QCoreApplication::translate("CallResults", "Voicemail");
    case CallResult::Unknown:
        break;
    }
    return QString();
}

CallResult CallResults::ofDial(const QString &dialCallStatus, bool incoming)
{
    using Webhook::CallStatus;
    const auto status = Webhook::CallStatuses::parse(dialCallStatus.trimmed().toLower());
    if (!status)
        return CallResult::Unknown;
    switch (*status) {
    case CallStatus::Completed:
    case CallStatus::Answered:
        return CallResult::Answered;
    // A Voice SDK client that rejects a call (the person, or Do not disturb) ends the Dial "busy": for an
    // incoming call that is our phone declining, for an outgoing one the other side's.
    case CallStatus::Busy:
        return incoming ? CallResult::Declined : CallResult::Busy;
    // canceled: the caller hung up while it rang.
    case CallStatus::NoAnswer:
    case CallStatus::Canceled:
        return incoming ? CallResult::Missed : CallResult::NoAnswer;
    case CallStatus::Failed:
        return CallResult::Failed;
    case CallStatus::Queued:
    case CallStatus::Initiated:
    case CallStatus::Ringing:
    case CallStatus::InProgress:
        break;
    }
    return CallResult::Unknown;
}

int CallResults::precedence(CallResult result)
{
    switch (result) {
    case CallResult::Unknown:
        return 0;
    case CallResult::Voicemail:
        return 2;
    default:
        return 1;
    }
}

QString CallResults::precedenceSql(const QString &column)
{
    QString sql = QStringLiteral("(CASE ") + column;
    for (const auto &[known, text] : names) {
        if (precedence(known) != 1)
            sql += QStringLiteral(" WHEN '%1' THEN %2").arg(QLatin1String(text)).arg(precedence(known));
    }
    sql += QStringLiteral(" WHEN '' THEN %1 ELSE 1 END)").arg(precedence(CallResult::Unknown));
    return sql;
}

} // namespace Store
