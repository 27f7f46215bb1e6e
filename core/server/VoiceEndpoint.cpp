#include "core/server/VoiceEndpoint.h"

#include "core/routing/CallRouter.h"
#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"

namespace Server {
namespace {

// Our call log speaks from the softphone's side: a call from a client is outgoing, whatever
// Twilio calls its leg ("inbound" for both, as the seed's captures show).
QString directionOf(const Webhook::FormParameters &parameters)
{
    return parameters.value(QStringLiteral("From")).startsWith(QLatin1String("client:"))
        ? QStringLiteral("outgoing")
        : QStringLiteral("incoming");
}

int integerOr(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}

} // namespace

VoiceEndpoint::VoiceEndpoint(Routing::CallRouter &router, Store::CallLog &callLog,
                             Store::CallLogWriter &callLogWriter)
    : m_router(router)
    , m_callLog(callLog)
    , m_callLogWriter(callLogWriter)
{ }

HttpResponse VoiceEndpoint::answer(const Routing::RoutingDecision &decision,
                                   const Webhook::FormParameters &parameters, const QString &status,
                                   RequestRecord &record) const
{
    record.outcome = decision.outcome;
    const QString callSid = parameters.value(QStringLiteral("CallSid"));
    if (!callSid.isEmpty() && !status.isEmpty()) {
        Store::CallEvent event;
        event.callSid = callSid;
        event.status = status;
        event.direction = directionOf(parameters);
        event.from = decision.from.isEmpty() ? parameters.value(QStringLiteral("From")) : decision.from;
        event.to = decision.to.isEmpty() ? parameters.value(QStringLiteral("To")) : decision.to;
        event.clientName = decision.clientName;
        event.duration = integerOr(parameters.value(QStringLiteral("DialCallDuration")), -1);
        event.timestamp = QDateTime::currentDateTimeUtc();
        // The caller must hear the TwiML without waiting for the log, and even when it cannot be written
        // (the writer logs that).
        m_callLogWriter.enqueue(std::move(event));
    }
    return HttpResponse::twiml(decision.response.toUtf8());
}

HttpResponse VoiceEndpoint::incoming(const Webhook::FormParameters &parameters, RequestRecord &record) const
{
    return answer(m_router.incoming(parameters), parameters,
                  parameters.value(QStringLiteral("CallStatus"), QStringLiteral("ringing")), record);
}

HttpResponse VoiceEndpoint::outgoing(const Webhook::FormParameters &parameters, RequestRecord &record) const
{
    return answer(m_router.outgoing(parameters), parameters,
                  parameters.value(QStringLiteral("CallStatus"), QStringLiteral("ringing")), record);
}

HttpResponse VoiceEndpoint::dialComplete(const Webhook::FormParameters &parameters,
                                         RequestRecord &record) const
{
    return answer(m_router.dialComplete(parameters), parameters,
                  parameters.value(QStringLiteral("DialCallStatus")), record);
}

HttpResponse VoiceEndpoint::status(const Webhook::FormParameters &parameters, RequestRecord &record) const
{
    Store::CallEvent event;
    event.callSid = parameters.value(QStringLiteral("CallSid"));
    event.status = parameters.value(QStringLiteral("CallStatus"));
    if (event.callSid.isEmpty() || event.status.isEmpty())
        return HttpResponse::error(400, QStringLiteral("a status callback needs CallSid and CallStatus"));
    event.sequence = integerOr(parameters.value(QStringLiteral("SequenceNumber")), -1);
    event.direction = directionOf(parameters);
    event.from = parameters.value(QStringLiteral("From"));
    event.to = parameters.value(QStringLiteral("To"));
    event.duration = integerOr(parameters.value(QStringLiteral("CallDuration")), -1);
    const QDateTime timestamp
        = QDateTime::fromString(parameters.value(QStringLiteral("Timestamp")), Qt::RFC2822Date);
    event.timestamp = timestamp.isValid() ? timestamp.toUTC() : QDateTime::currentDateTimeUtc();
    const auto recorded = m_callLog.record(event);
    if (!recorded) {
        record.outcome = recorded.error();
        return HttpResponse::error(500, QStringLiteral("the status could not be stored"));
    }
    record.outcome
        = *recorded ? QStringLiteral("recorded ") + event.status : QStringLiteral("duplicate, ignored");
    return HttpResponse::noContent();
}

} // namespace Server
