#pragma once

// Twilio's side of a phone's signalling connection, for a server that plays Twilio itself
// (`serve --simulate-twilio`): what the Voice SDK would hear from Twilio (a call rings, was cancelled,
// was answered, hung up) and what it tells Twilio (answer, reject, hang up, call). SimulatorEndpoint checks
// who asks; the implementation (Simulator::DeviceHub) plays the calls.
//
// Every method is called in a request thread and returns at once: the calls themselves run elsewhere.

#include "core/server/HttpResponse.h"

#include <QString>

namespace Server {

class DeviceSignalling
{
public:
    virtual ~DeviceSignalling() = default;

    // The events for identity's phone after sequence number after, oldest first ({"events": [...]}). Asking
    // is how a phone stays signed in: one that has not asked for a while does not ring.
    virtual HttpResponse events(const QString &identity, qint64 after) = 0;
    // identity's phone acts on a call it takes part in: "ringing" (it shows the call), "answer", "reject",
    // "hangup".
    virtual HttpResponse act(const QString &identity, const QString &callSid, const QString &action) = 0;
    // identity's phone calls to (a number or client:NAME), as the SDK's Device.connect() would.
    virtual HttpResponse callOut(const QString &identity, const QString &to) = 0;
    // An outside phone calls one of our numbers, as Twilio's REST API would be asked to.
    virtual HttpResponse callIn(const QString &from, const QString &to) = 0;
};

} // namespace Server
