#pragma once

// What the router decided for one webhook: the TwiML for Twilio and a one-line account of why.

#include "core/store/CallResult.h"
#include "core/twiml/VoiceResponse.h"

#include <QString>

namespace Routing {

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
};

} // namespace Routing
