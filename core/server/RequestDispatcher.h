#pragma once

// Turns a checked HTTP request into a response: which hosts and origins are served, the route table,
// methods, content types, Twilio signatures, and the JSON errors. Owns the stores, the router and the
// endpoints. Answers through a Reply, at once or once the work behind the answer is done.

#include "core/routing/CallRouter.h"
#include "core/server/AllowedHosts.h"
#include "core/server/CallActions.h"
#include "core/server/CallControl.h"
#include "core/server/CallsEndpoint.h"
#include "core/server/ClientSignIn.h"
#include "core/server/HttpRequest.h"
#include "core/server/RecordingEndpoint.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"
#include "core/server/SimulatedRestApi.h"
#include "core/server/SimulatorEndpoint.h"
#include "core/server/TokenEndpoint.h"
#include "core/server/VoiceEndpoint.h"
#include "core/server/VoicemailEndpoint.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"

#include <QUrlQuery>

#include <functional>
#include <memory>

namespace Store {
class CallLogWriter;
class Database;
} // namespace Store

namespace Server {

class LoginThrottle;
class SecretCheckPool;

class RequestDispatcher
{
public:
    // callLog writes what the webhooks note of each call; secretChecks checks client secrets;
    // postToRequestThread brings their results back to the thread this dispatcher lives in.
    // settings.publicBaseUrl is what signatures are checked against.
    RequestDispatcher(std::shared_ptr<Store::Database> database,
                      std::shared_ptr<Store::CallLogWriter> callLog,
                      std::shared_ptr<LoginThrottle> loginThrottle,
                      std::shared_ptr<SecretCheckPool> secretChecks,
                      const PostToRequestThread &postToRequestThread, ServerSettings settings);

    // Fills record (route, parameters, signature verdict, outcome) along the way and hands it to reply
    // with the response.
    void dispatch(const HttpRequest &request, RequestRecord record, const Reply &reply);

    const ServerSettings &settings() const { return m_settings; }

private:
    // GET /healthz: the server and its database; ?probe= and ?seen= serve the setup check (ProbeLog).
    HttpResponse health(const QUrlQuery &query) const;
    void voice(const HttpRequest &request, RequestRecord record, const Reply &reply);
    // POST /calls/{CallSid}/hold or /resume: a signed-in phone holds the others on its call, or resumes.
    void callAction(const HttpRequest &request, RequestRecord record, const Reply &reply);
    // The handler of one of Twilio's webhooks (Routing::WebhookPaths), or none for another path.
    using WebhookHandler = std::function<void(const Webhook::FormParameters &, RequestRecord, const Reply &)>;
    WebhookHandler webhookHandler(const QString &path) const;

    std::shared_ptr<Store::Database> m_database;
    ServerSettings m_settings;
    Store::ClientStore m_clients;
    Store::NumberStore m_numbers;
    std::shared_ptr<Store::CallLogWriter> m_callLogWriter;
    std::shared_ptr<LoginThrottle> m_loginThrottle;
    std::shared_ptr<SecretCheckPool> m_secretChecks;
    AllowedHosts m_allowedHosts;
    Routing::CallRouter m_router;
    ClientSignIn m_signIn;
    CallControl m_callControl;
    CallActions m_callActions;
    TokenEndpoint m_tokens;
    CallsEndpoint m_calls;
    VoicemailEndpoint m_voicemail;
    VoiceEndpoint m_voice;
    RecordingEndpoint m_recordings;
    SimulatorEndpoint m_simulator;
    SimulatedRestApi m_simulatedRestApi;
};

} // namespace Server
