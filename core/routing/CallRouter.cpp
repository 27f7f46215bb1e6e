#include "core/routing/CallRouter.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/routing/PartyLabel.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"
#include "core/webhook/CallStatus.h"

#include <optional>

namespace Routing {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

// Statuses after which the Dial is over but nobody talked: the caller may leave a message.
bool callsForVoicemail(const QString &dialCallStatus)
{
    return CallStatuses::is(dialCallStatus, CallStatus::NoAnswer)
        || CallStatuses::is(dialCallStatus, CallStatus::Busy)
        || CallStatuses::is(dialCallStatus, CallStatus::Failed);
}

} // namespace

CallRouter::CallRouter(Store::NumberStore &numbers, Store::ClientStore &clients, RoutingSettings settings)
    : m_numbers(numbers)
    , m_clients(clients)
    , m_settings(std::move(settings))
    , m_tollFraudGuard(m_settings.defaultRegion, m_settings.allowedRegions, m_settings.allowedNumberTypes)
{ }

RoutingDecision CallRouter::refusal(const QString &outcome, const QString &spoken) const
{
    RoutingDecision decision;
    decision.response.say(Twiml::Say(spoken).language(m_settings.language));
    decision.response.hangup();
    decision.outcome = QStringLiteral("refused: ") + outcome;
    decision.result = Store::CallResult::Failed;
    decision.refused = true;
    return decision;
}

std::optional<QString> CallRouter::enabledClientFor(const QString &e164) const
{
    return m_numbers.enabledClientFor(e164);
}

RoutingDecision CallRouter::throughConference(const QString &callSid, ConferenceParty party) const
{
    if (callSid.isEmpty())
        return refusal(QStringLiteral("the webhook names no CallSid, which call control needs"),
                       m_settings.technicalProblemMessage);
    RoutingDecision decision;
    // The caller alone does not start the conference (it would hear the room, not the wait), and its
    // leaving ends it; the party the server calls in starts it on entering.
    decision.response.dial(
        Twiml::Dial().conference(Twiml::Conference(callSid)
                                     .beep(false)
                                     .startConferenceOnEnter(false)
                                     .endConferenceOnExit(true)
                                     .waitUrl(WebhookPaths::wait())
                                     .participantLabel(PartyLabel::caller())
                                     .statusCallback(WebhookPaths::conference())
                                     .statusCallbackEvent(QStringLiteral("start end join leave hold"))));
    party.room = callSid;
    party.label = PartyLabel::callee();
    party.timeoutSeconds = m_settings.dialTimeout;
    decision.outcome = QStringLiteral("call %1 into conference %2").arg(party.to, callSid);
    decision.party = std::move(party);
    return decision;
}

RoutingDecision CallRouter::ringClient(const QString &clientName, const QString &callerId,
                                       const QString &callSid, const QString &caller) const
{
    if (m_settings.callControl) {
        ConferenceParty party;
        party.to = Phone::ClientAddress::addressOf(clientName);
        party.from = callerId.isEmpty() ? caller : callerId;
        party.clientName = clientName;
        RoutingDecision decision = throughConference(callSid, std::move(party));
        decision.clientName = clientName;
        return decision;
    }
    RoutingDecision decision;
    Twiml::Dial dial;
    dial.timeout(m_settings.dialTimeout).action(WebhookPaths::dialComplete());
    if (!callerId.isEmpty())
        dial.callerId(callerId);
    decision.response.dial(dial.client(Twiml::Client(clientName)));
    decision.outcome = QStringLiteral("ring ") + Phone::ClientAddress::addressOf(clientName);
    decision.clientName = clientName;
    return decision;
}

RoutingDecision CallRouter::incoming(const Webhook::FormParameters &parameters) const
{
    const QString to = parameters.value(QStringLiteral("To"));
    // Twilio sends To in E.164, the form our numbers are stored in: a number found as it is needs no
    // parsing, which would be most of the work of routing the call. Anything else is parsed first.
    QString e164 = to;
    std::optional<QString> client;
    if (to.startsWith(u'+'))
        client = enabledClientFor(to);
    if (!client) {
        const auto number = Phone::PhoneNumber::parse(to, m_settings.defaultRegion);
        if (!number)
            return refusal(QStringLiteral("the called number is not valid (%1)").arg(number.error()),
                           m_settings.notInServiceMessage);
        e164 = number->e164();
        if (e164 != to)
            client = enabledClientFor(e164);
    }
    if (!client) {
        auto decision = refusal(QStringLiteral("%1 is not mapped to an enabled client").arg(e164),
                                m_settings.notInServiceMessage);
        decision.to = e164;
        return decision;
    }
    RoutingDecision decision = ringClient(*client, QString(), parameters.value(QStringLiteral("CallSid")),
                                          parameters.value(QStringLiteral("From")));
    decision.to = e164;
    decision.from = parameters.value(QStringLiteral("From"));
    return decision;
}

RoutingDecision CallRouter::outgoing(const Webhook::FormParameters &parameters) const
{
    const auto refuse = [this](const QString &why, const QString &detail = QString()) {
        return refusal(detail.isEmpty() ? why : why + QLatin1String(": ") + detail,
                       m_settings.callRefusedMessage.arg(why));
    };

    const auto caller = Phone::ClientAddress::parse(parameters.value(QStringLiteral("From")));
    if (!caller)
        return refuse(QStringLiteral("the call does not come from a client"));
    const auto callerClient = m_clients.find(caller->name());
    if (!callerClient || callerClient->disabled)
        return refuse(QStringLiteral("client %1 may not place calls").arg(caller->name()));
    // From here on the call is the caller's: a refusal is logged under its client, so that its own
    // Recent list and the call log's client filter show it.
    const auto refuseCall = [&](const QString &spoken, const QString &detail = QString()) {
        RoutingDecision decision = refuse(spoken, detail);
        decision.clientName = caller->name();
        decision.from = caller->toString();
        return decision;
    };

    // The Voice SDK's convention is To; the seed's client sends callOutgoingPhoneNumber.
    QString destination = parameters.value(QStringLiteral("To")).trimmed();
    if (destination.isEmpty())
        destination = parameters.value(QStringLiteral("callOutgoingPhoneNumber")).trimmed();
    if (destination.isEmpty())
        return refuseCall(QStringLiteral("no number to call was given"));

    // Caller ID: the number the client asked for (seed: callerPhoneNumber) only if it is its own;
    // otherwise the client's first enabled number.
    QString callerId;
    const QString requestedCallerId = parameters.value(QStringLiteral("callerPhoneNumber")).trimmed();
    if (!requestedCallerId.isEmpty()) {
        const auto number = Phone::PhoneNumber::parse(requestedCallerId, m_settings.defaultRegion);
        const auto mapping = number ? m_numbers.find(number->e164()) : std::nullopt;
        if (!mapping || !mapping->enabled || mapping->clientName != caller->name())
            return refuseCall(QStringLiteral("caller ID %1 is not a number of client %2")
                                  .arg(number ? number->e164() : requestedCallerId, caller->name()));
        callerId = mapping->e164;
    } else if (const auto own = m_numbers.ownNumberOf(caller->name())) {
        callerId = own->e164;
    }

    // Another client, by address or by one of our numbers: ring it directly, no PSTN leg.
    QString internalClient;
    if (const auto address = Phone::ClientAddress::parse(destination)) {
        const auto client = m_clients.find(address->name());
        if (!client || client->disabled)
            return refuseCall(QStringLiteral("there is no client named %1").arg(address->name()));
        internalClient = address->name();
    }
    std::optional<Phone::PhoneNumber> number; // none when a client is called by its address
    if (internalClient.isEmpty()) {
        const auto parsed = Phone::PhoneNumber::parse(destination, m_settings.defaultRegion);
        if (!parsed)
            return refuseCall(QStringLiteral("the number to call is not valid"), parsed.error());
        number = *parsed;
        if (const auto client = enabledClientFor(number->e164()))
            internalClient = *client;
    }
    if (!internalClient.isEmpty()) {
        RoutingDecision decision = ringClient(
            internalClient, callerId, parameters.value(QStringLiteral("CallSid")), caller->toString());
        decision.from = caller->toString();
        decision.to = number ? number->e164() : Phone::ClientAddress::addressOf(internalClient);
        return decision;
    }

    if (callerId.isEmpty())
        return refuseCall(QStringLiteral("client %1 has no number to call from").arg(caller->name()));
    if (const auto refused = m_tollFraudGuard.refusal(*number)) {
        RoutingDecision decision = refuseCall(refused->spoken, refused->detail);
        decision.to = number->e164();
        return decision;
    }

    if (m_settings.callControl) {
        ConferenceParty party;
        party.to = number->e164();
        party.from = callerId;
        RoutingDecision decision = throughConference(parameters.value(QStringLiteral("CallSid")), party);
        decision.clientName = caller->name();
        decision.from = caller->toString();
        decision.to = number->e164();
        return decision;
    }
    RoutingDecision decision;
    // The action tells how the Dial ended (busy, no answer, ...): the caller's own leg ends "completed".
    decision.response.dial(Twiml::Dial()
                               .timeout(m_settings.dialTimeout)
                               .action(WebhookPaths::dialComplete())
                               .callerId(callerId)
                               .number(Twiml::Number(number->e164())));
    decision.outcome = QStringLiteral("dial %1 as %2").arg(number->e164(), callerId);
    decision.clientName = caller->name();
    decision.from = caller->toString();
    decision.to = number->e164();
    return decision;
}

Twiml::VoiceResponse CallRouter::hold() const
{
    Twiml::VoiceResponse response;
    // Asked again after the pause (an empty <Redirect> is this document): the message every half minute.
    response.say(Twiml::Say(m_settings.holdMessage).language(m_settings.language));
    response.pause(Twiml::Pause().length(30));
    response.redirect(Twiml::Redirect(QString()).method(QStringLiteral("POST")));
    return response;
}

Twiml::VoiceResponse CallRouter::waiting() const
{
    Twiml::VoiceResponse response;
    response.play(Twiml::Play(WebhookPaths::ringback()).loop(0)); // 0: until the conference starts
    return response;
}

RoutingDecision CallRouter::dialComplete(const Webhook::FormParameters &parameters) const
{
    RoutingDecision decision;
    // <Record> without an action posts back here with the recording: the message is left.
    if (parameters.contains(QStringLiteral("RecordingUrl"))) {
        decision.response.say(Twiml::Say(m_settings.voicemailThanks).language(m_settings.language));
        decision.response.hangup();
        decision.outcome = QStringLiteral("voicemail recorded");
        decision.result = Store::CallResult::Voicemail;
        return decision;
    }
    const QString status = parameters.value(QStringLiteral("DialCallStatus"));
    // Voicemail is for outside callers who reached one of our numbers; a client calling out just hears
    // the call end.
    const bool incoming = !Phone::ClientAddress::parse(parameters.value(QStringLiteral("From")));
    decision.result = Store::CallResults::ofDial(status, incoming);
    if (incoming && callsForVoicemail(status)) {
        decision.response.say(Twiml::Say(m_settings.voicemailPrompt).language(m_settings.language));
        // The message itself reaches us through the recording's callback, which Twilio sends once the
        // media is stored (absent: the caller said nothing; failed: it was lost).
        Twiml::Record record = Twiml::Record()
                                   .maxLength(m_settings.voicemailMaxLength)
                                   .playBeep(true)
                                   .recordingStatusCallback(WebhookPaths::recording())
                                   .recordingStatusCallbackEvent(QStringLiteral("completed absent failed"));
        if (m_settings.transcribeVoicemail)
            record.transcribe(true).transcribeCallback(WebhookPaths::transcription());
        decision.response.record(record);
        decision.response.hangup();
        decision.outcome = QStringLiteral("voicemail after ") + status;
        return decision;
    }
    decision.response.hangup();
    decision.outcome
        = QStringLiteral("hang up after ") + (status.isEmpty() ? QStringLiteral("(no status)") : status);
    return decision;
}

} // namespace Routing
