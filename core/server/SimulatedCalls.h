#pragma once

// The calls and conferences of a server that plays Twilio, as Twilio's REST API changes them: update a
// call (send it to other TwiML, end it), call a participant into a conference, hold or resume one.
// SimulatedRestApi hands such requests here after checking who asks; Simulator::SimulatedCallApi plays
// them in the thread of the calls.

#include "core/server/HttpResponse.h"
#include "core/webhook/FormParameters.h"

#include <functional>

namespace Server {

class SimulatedCalls
{
public:
    // The answer in Twilio's form, and what was done, for the request's record. Called exactly once, in
    // any thread.
    using Answer = std::function<void(HttpResponse response, QString what)>;

    virtual ~SimulatedCalls() = default;

    // Whether resource (below the account: "Calls/CA….json") is one of these.
    static bool serves(const QString &resource)
    {
        return resource.startsWith(QLatin1String("Calls/"))
            || resource.startsWith(QLatin1String("Conferences/"));
    }
    // Any thread: whether callSid is a call this simulator placed, whose REST requests it answers (a
    // desktop's server plays some calls and leaves the rest to Twilio).
    virtual bool plays(const QString &callSid) const = 0;
    // Any thread.
    virtual void request(const QByteArray &method, const QString &resource,
                         const Webhook::FormParameters &form, Answer answer)
        = 0;
};

} // namespace Server
