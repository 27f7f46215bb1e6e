#pragma once

// The /voice/* webhooks after their signature was checked: route the call, keep the call log. Each
// answer waits until what it noted in the call log is durable (in the call journal, or committed by the
// group-committing writer): Twilio never sends an answered webhook again, so an answer whose record was
// lost would be lost for good.

#include "core/server/Reply.h"
#include "core/webhook/FormParameters.h"

namespace Routing {
class CallRouter;
struct RoutingDecision;
} // namespace Routing

namespace Store {
class CallLogWriter;
struct CallEvent;
} // namespace Store

namespace Server {

class CallControl;

class VoiceEndpoint
{
public:
    VoiceEndpoint(Routing::CallRouter &router, Store::CallLogWriter &callLogWriter,
                  const CallControl &callControl, PostToRequestThread postToRequestThread);

    void incoming(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;
    void outgoing(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;
    void dialComplete(const Webhook::FormParameters &parameters, RequestRecord record,
                      const Reply &reply) const;
    void status(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;
    // Call control: what a held party hears.
    void hold(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;
    // Call control: what the caller hears while the party rings.
    void wait(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;

    // Hands event to the writer and replies with response once it is durable, or with failure when it
    // cannot be.
    void replyWhenStored(const Store::CallEvent &event, const HttpResponse &response,
                         const HttpResponse &failure, RequestRecord record, const Reply &reply) const;

private:
    void answer(const Routing::RoutingDecision &decision, const Webhook::FormParameters &parameters,
                const QString &status, RequestRecord record, const Reply &reply) const;

    // Call control: the answer waits until Twilio took the request to call the party in; when it did not,
    // the caller hears what a failed <Dial> would have given.
    Reply callingPartyIn(const Routing::RoutingDecision &decision, const Webhook::FormParameters &parameters,
                         const Reply &reply) const;

    Routing::CallRouter &m_router;
    Store::CallLogWriter &m_callLogWriter;
    const CallControl &m_callControl;
    PostToRequestThread m_postToRequestThread;
    HttpResponse m_technicalProblem;
};

} // namespace Server
