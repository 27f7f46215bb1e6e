#pragma once

// Decides how each call is routed: Twilio's webhook parameters and the stores in, TwiML out.
// No sockets, no signatures: the server has checked those before a request gets here.

#include "core/routing/RoutingDecision.h"
#include "core/routing/RoutingSettings.h"
#include "core/routing/TollFraudGuard.h"
#include "core/routing/WebhookPaths.h" // the paths its TwiML points Twilio to
#include "core/webhook/FormParameters.h"

namespace Store {
class ClientStore;
class NumberStore;
} // namespace Store

namespace Routing {

class CallRouter
{
public:
    CallRouter(Store::NumberStore &numbers, Store::ClientStore &clients, RoutingSettings settings);

    // A call to one of our numbers (the number's "A call comes in" URL): ring its client.
    RoutingDecision incoming(const Webhook::FormParameters &parameters) const;
    // A client's device.connect() (the TwiML App's Voice URL): dial the number or client it asked for.
    RoutingDecision outgoing(const Webhook::FormParameters &parameters) const;
    // The <Dial action>: voicemail when nobody answered, hang up when the call is over.
    RoutingDecision dialComplete(const Webhook::FormParameters &parameters) const;

    // A spoken refusal: what every failed decision answers, so a caller never hears silence.
    RoutingDecision refusal(const QString &outcome, const QString &spoken) const;

    // What a held party hears (a participant's HoldUrl), until it is taken off hold.
    Twiml::VoiceResponse hold() const;
    // What a caller hears while the party called in for it rings (a conference's waitUrl).
    Twiml::VoiceResponse waiting() const;

    const RoutingSettings &settings() const { return m_settings; }

private:
    // callSid: the call's own, which names its conference under call control.
    RoutingDecision ringClient(const QString &clientName, const QString &callerId, const QString &callSid,
                               const QString &caller) const;
    // Call control: the caller waits in the call's own conference while the server calls party in.
    RoutingDecision throughConference(const QString &callSid, ConferenceParty party) const;
    std::optional<QString> enabledClientFor(const QString &e164) const;

    Store::NumberStore &m_numbers;
    Store::ClientStore &m_clients;
    RoutingSettings m_settings;
    TollFraudGuard m_tollFraudGuard;
};

} // namespace Routing
