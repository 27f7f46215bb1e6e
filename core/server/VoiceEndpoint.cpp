#include "core/server/VoiceEndpoint.h"

#include "core/phone/ClientAddress.h"
#include "core/routing/CallRouter.h"
#include "core/routing/PartyLabel.h"
#include "core/server/CallControl.h"
#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"
#include "core/store/RoomParty.h"
#include "core/webhook/CallStatus.h"

namespace Server {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

// Our call log speaks from the softphone's side: a call from a client is outgoing, whatever
// Twilio calls its leg ("inbound" for both, as the seed's captures show).
QString directionOf(const Webhook::FormParameters &parameters)
{
    return Phone::ClientAddress::hasPrefix(parameters.value(QStringLiteral("From")))
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

VoiceEndpoint::VoiceEndpoint(Routing::CallRouter &router, Store::CallLogWriter &callLogWriter,
                             const CallControl &callControl, PostToRequestThread postToRequestThread)
    : m_router(router)
    , m_callLogWriter(callLogWriter)
    , m_callControl(callControl)
    , m_postToRequestThread(std::move(postToRequestThread))
    // Not 200: Twilio then tries the number's fallback URL, if it has one; its caller hears this otherwise.
    , m_technicalProblem(HttpResponse::twiml(
          m_router.refusal(QString(), m_router.settings().technicalProblemMessage).response.toUtf8()))
{
    m_technicalProblem.status = 503;
}

void VoiceEndpoint::replyWhenStored(const Store::CallEvent &event, const HttpResponse &response,
                                    const HttpResponse &failure, RequestRecord record,
                                    const Reply &reply) const
{
    using Outcome = Store::CallLog::Outcome;
    auto whenWritten = [post = m_postToRequestThread, reply, response, failure, record,
                        status = event.status](Outcome outcome) {
        post([reply, response, failure, record, status, outcome]() mutable {
            if (outcome == Outcome::Failed || outcome == Outcome::Refused) {
                record.outcome = QStringLiteral("the call log could not be written; not answered");
                reply(failure, std::move(record));
                return;
            }
            if (record.outcome.isEmpty())
                record.outcome = outcome == Outcome::Recorded ? QStringLiteral("recorded ") + status
                                                              : QStringLiteral("duplicate, ignored");
            reply(response, std::move(record));
        });
    };
    switch (m_callLogWriter.enqueue(event, std::move(whenWritten))) {
    case Store::CallLogWriter::Handover::Queued:
        break;
    case Store::CallLogWriter::Handover::Journaled:
        if (record.outcome.isEmpty())
            record.outcome = QStringLiteral("recorded ") + event.status;
        reply(response, std::move(record));
        break;
    case Store::CallLogWriter::Handover::Refused:
        record.outcome = QStringLiteral("the call log falls behind; not answered");
        reply(failure, std::move(record));
        break;
    }
}

Reply VoiceEndpoint::callingPartyIn(const Routing::RoutingDecision &decision,
                                    const Webhook::FormParameters &parameters, const Reply &reply) const
{
    Store::RoomParty caller;
    caller.room = decision.party->room;
    caller.label = Routing::PartyLabel::caller();
    caller.callSid = parameters.value(QStringLiteral("CallSid"));
    caller.address = decision.from.isEmpty() ? parameters.value(QStringLiteral("From")) : decision.from;
    // The caller's leg is the calling client's own: named from the call, never from the decision, whose
    // client is the callee's when one client calls another.
    const auto callingClient = Phone::ClientAddress::parse(parameters.value(QStringLiteral("From")));
    const bool fromClient = callingClient.has_value();
    if (callingClient)
        caller.clientName = callingClient->name();
    caller.state = QStringLiteral("calling");
    // What a <Dial> that failed would give: voicemail for an outside caller, the reason for a client.
    Webhook::FormParameters failedDial = parameters;
    failedDial.set(QStringLiteral("DialCallStatus"), CallStatuses::name(CallStatus::Failed));
    const Routing::RoutingDecision fallback = fromClient
        ? m_router.refusal(QString(), m_router.settings().technicalProblemMessage)
        : m_router.dialComplete(failedDial);
    return [this, party = *decision.party, caller, fallback = HttpResponse::twiml(fallback.response.toUtf8()),
            reply](HttpResponse response, RequestRecord record) {
        if (response.status != 200) {
            reply(std::move(response), std::move(record));
            return;
        }
        m_callControl.callParty(
            party, caller,
            [response, fallback, record = std::move(record), reply](const QString &problem) mutable {
                if (!problem.isEmpty()) {
                    record.outcome = QStringLiteral("could not call the party in (%1): "
                                                    "the caller goes on as after a failed Dial")
                                         .arg(problem);
                    response = fallback;
                }
                reply(std::move(response), std::move(record));
            });
    };
}

void VoiceEndpoint::answer(const Routing::RoutingDecision &decision,
                           const Webhook::FormParameters &parameters, const QString &status,
                           RequestRecord record, const Reply &originalReply) const
{
    record.outcome = decision.outcome;
    record.refused = decision.refused;
    HttpResponse response = HttpResponse::twiml(decision.response.toUtf8());
    // The party is called in once the call is noted, and the answer waits for Twilio to take that request.
    const Reply reply = decision.party ? callingPartyIn(decision, parameters, originalReply) : originalReply;
    const QString callSid = parameters.value(QStringLiteral("CallSid"));
    if (callSid.isEmpty() || status.isEmpty()) {
        reply(std::move(response), std::move(record)); // nothing to note
        return;
    }
    Store::CallEvent event;
    event.callSid = callSid;
    event.status = status;
    event.direction = directionOf(parameters);
    event.from = decision.from.isEmpty() ? parameters.value(QStringLiteral("From")) : decision.from;
    event.to = decision.to.isEmpty() ? parameters.value(QStringLiteral("To")) : decision.to;
    event.clientName = decision.clientName;
    event.duration = integerOr(parameters.value(QStringLiteral("DialCallDuration")), -1);
    event.timestamp = QDateTime::currentDateTimeUtc();
    event.outcome = decision.result;
    replyWhenStored(event, response, m_technicalProblem, std::move(record), reply);
}

void VoiceEndpoint::incoming(const Webhook::FormParameters &parameters, RequestRecord record,
                             const Reply &reply) const
{
    answer(m_router.incoming(parameters), parameters,
           parameters.value(QStringLiteral("CallStatus"), CallStatuses::name(CallStatus::Ringing)),
           std::move(record), reply);
}

void VoiceEndpoint::outgoing(const Webhook::FormParameters &parameters, RequestRecord record,
                             const Reply &reply) const
{
    answer(m_router.outgoing(parameters), parameters,
           parameters.value(QStringLiteral("CallStatus"), CallStatuses::name(CallStatus::Ringing)),
           std::move(record), reply);
}

void VoiceEndpoint::dialComplete(const Webhook::FormParameters &parameters, RequestRecord record,
                                 const Reply &reply) const
{
    // A <Record> that ends posts here too, without a DialCallStatus: the call's own status then.
    QString status = parameters.value(QStringLiteral("DialCallStatus"));
    if (status.isEmpty())
        status = parameters.value(QStringLiteral("CallStatus"));
    answer(m_router.dialComplete(parameters), parameters, status, std::move(record), reply);
}

void VoiceEndpoint::hold(const Webhook::FormParameters &parameters, RequestRecord record,
                         const Reply &reply) const
{
    Q_UNUSED(parameters);
    record.outcome = QStringLiteral("hold music");
    reply(HttpResponse::twiml(m_router.hold().toUtf8()), std::move(record));
}

void VoiceEndpoint::wait(const Webhook::FormParameters &parameters, RequestRecord record,
                         const Reply &reply) const
{
    Q_UNUSED(parameters);
    record.outcome = QStringLiteral("ringing while the party is called");
    reply(HttpResponse::twiml(m_router.waiting().toUtf8()), std::move(record));
}

void VoiceEndpoint::status(const Webhook::FormParameters &parameters, RequestRecord record,
                           const Reply &reply) const
{
    Store::CallEvent event;
    event.callSid = parameters.value(QStringLiteral("CallSid"));
    event.status = parameters.value(QStringLiteral("CallStatus"));
    if (event.callSid.isEmpty() || event.status.isEmpty()) {
        reply(HttpResponse::error(400, QStringLiteral("a status callback needs CallSid and CallStatus")),
              std::move(record));
        return;
    }
    event.sequence = integerOr(parameters.value(QStringLiteral("SequenceNumber")), -1);
    event.direction = directionOf(parameters);
    event.from = parameters.value(QStringLiteral("From"));
    event.to = parameters.value(QStringLiteral("To"));
    event.duration = integerOr(parameters.value(QStringLiteral("CallDuration")), -1);
    const QDateTime timestamp
        = QDateTime::fromString(parameters.value(QStringLiteral("Timestamp")), Qt::RFC2822Date);
    event.timestamp = timestamp.isValid() ? timestamp.toUTC() : QDateTime::currentDateTimeUtc();
    // A failed answer makes Twilio count the callback as failed (it does not retry status callbacks).
    replyWhenStored(event, HttpResponse::noContent(),
                    HttpResponse::error(500, QStringLiteral("the status could not be stored")),
                    std::move(record), reply);
}

} // namespace Server
