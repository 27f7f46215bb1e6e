#pragma once

// What the router decided for one webhook: the TwiML for Twilio and a one-line account of why.

#include "core/store/CallResult.h"
#include "core/twiml/VoiceResponse.h"

#include <QString>

#include <optional>

namespace Routing {

// A party the server asks Twilio to call into the call's conference (call control): what its REST request
// to Conferences/{room}/Participants carries.
struct ConferenceParty
{
    QString room; // the conference's name: the CallSid of the call's first leg
    QString to; // client:NAME or +E164
    QString from; // who the call is from, as the party sees it
    QString label; // the participant's label, unique in the room
    QString clientName; // the client it rings, if one
    int timeoutSeconds = 0;
};

struct RoutingDecision
{
    Twiml::VoiceResponse response;
    QString outcome; // "ring client:DeviceId_0001", "refused: caller ID +81... is not yours", ...
    QString clientName; // the client this call belongs to, when known
    QString from; // caller, normalised where possible
    QString to; // callee, normalised where possible
    // What the call came to for the person, when this answer decides it (a Dial's end, a refusal, a
    // message left); Unknown while it goes on.
    Store::CallResult result = Store::CallResult::Unknown;
    bool refused = false; // answered with a spoken refusal: counted as refused, though the status is 200
    // Call control: the party to call into the conference the response puts the caller in.
    std::optional<ConferenceParty> party;
};

} // namespace Routing
