#pragma once

// The /voice/* webhooks after their signature was checked: route the call, keep the call log.

#include "core/server/HttpResponse.h"
#include "core/server/RequestRecord.h"
#include "core/webhook/FormParameters.h"

namespace Routing {
class CallRouter;
struct RoutingDecision;
} // namespace Routing
namespace Store {
class CallLog;
class CallLogWriter;
} // namespace Store

namespace Server {

class VoiceEndpoint
{
public:
    // Status callbacks are stored in callLog before they are answered; the other webhooks hand what
    // they note to callLogWriter and answer at once.
    VoiceEndpoint(Routing::CallRouter &router, Store::CallLog &callLog, Store::CallLogWriter &callLogWriter);

    HttpResponse incoming(const Webhook::FormParameters &parameters, RequestRecord &record) const;
    HttpResponse outgoing(const Webhook::FormParameters &parameters, RequestRecord &record) const;
    HttpResponse dialComplete(const Webhook::FormParameters &parameters, RequestRecord &record) const;
    HttpResponse status(const Webhook::FormParameters &parameters, RequestRecord &record) const;

private:
    HttpResponse answer(const Routing::RoutingDecision &decision, const Webhook::FormParameters &parameters,
                        const QString &status, RequestRecord &record) const;

    Routing::CallRouter &m_router;
    Store::CallLog &m_callLog;
    Store::CallLogWriter &m_callLogWriter;
};

} // namespace Server
