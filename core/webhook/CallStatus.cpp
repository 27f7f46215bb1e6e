#include "core/webhook/CallStatus.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace Webhook {
namespace {

// Twilio's documented values of CallStatus (status callbacks) and DialCallStatus (<Dial action>).
constexpr std::array<std::pair<CallStatus, const char *>, 10> names { {
    { CallStatus::Queued, "queued" },
    { CallStatus::Initiated, "initiated" },
    { CallStatus::Ringing, "ringing" },
    { CallStatus::InProgress, "in-progress" },
    { CallStatus::Completed, "completed" },
    { CallStatus::Answered, "answered" },
    { CallStatus::Busy, "busy" },
    { CallStatus::NoAnswer, "no-answer" },
    { CallStatus::Failed, "failed" },
    { CallStatus::Canceled, "canceled" },
} };

} // namespace

QString CallStatuses::name(CallStatus status)
{
    for (const auto &[known, text] : names) {
        if (known == status)
            return QString::fromLatin1(text);
    }
    return QString();
}

QString CallStatuses::label(CallStatus status)
{
    switch (status) {
    case CallStatus::Queued:
        return QCoreApplication::translate("CallStatus", "Queued");
    case CallStatus::Initiated:
        return QCoreApplication::translate("CallStatus", "Calling");
    case CallStatus::Ringing:
        return QCoreApplication::translate("CallStatus", "Ringing");
    case CallStatus::InProgress:
        return QCoreApplication::translate("CallStatus", "In progress");
    case CallStatus::Completed:
        return QCoreApplication::translate("CallStatus", "Completed");
    case CallStatus::Answered:
        return QCoreApplication::translate("CallStatus", "Answered");
    case CallStatus::Busy:
        return QCoreApplication::translate("CallStatus", "Busy");
    case CallStatus::NoAnswer:
        return QCoreApplication::translate("CallStatus", "No answer");
    case CallStatus::Failed:
        return QCoreApplication::translate("CallStatus", "Failed");
    case CallStatus::Canceled:
        return QCoreApplication::translate("CallStatus", "Canceled");
    }
    return QString();
}

QString CallStatuses::labelOf(const QString &name)
{
    const auto status = parse(name);
    return status ? label(*status) : name;
}

Result<CallStatus> CallStatuses::parse(const QString &name)
{
    for (const auto &[known, text] : names) {
        if (name == QLatin1String(text))
            return known;
    }
    return Failure(
        QStringLiteral("\"%1\" is not a Twilio call status (queued, ringing, in-progress, completed, ...)")
            .arg(name));
}

bool CallStatuses::is(const QString &name, CallStatus status)
{
    return name == CallStatuses::name(status);
}

bool CallStatuses::isFinal(CallStatus status)
{
    switch (status) {
    case CallStatus::Completed:
    case CallStatus::Busy:
    case CallStatus::NoAnswer:
    case CallStatus::Failed:
    case CallStatus::Canceled:
        return true;
    case CallStatus::Queued:
    case CallStatus::Initiated:
    case CallStatus::Ringing:
    case CallStatus::InProgress:
    case CallStatus::Answered:
        break;
    }
    return false;
}

} // namespace Webhook
