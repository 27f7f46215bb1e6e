#pragma once

// Turns a checked HTTP request into a response: the route table, methods, content types,
// Twilio signatures, and the JSON errors. Owns the stores, the router and the endpoints.

#include "core/routing/CallRouter.h"
#include "core/server/HttpRequest.h"
#include "core/server/HttpResponse.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"
#include "core/server/TokenEndpoint.h"
#include "core/server/VoiceEndpoint.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"

#include <memory>

namespace Store {
class CallLogWriter;
class Database;
} // namespace Store

namespace Server {

class LoginThrottle;

class RequestDispatcher
{
public:
    // callLog writes what the webhooks note of each call; settings.publicBaseUrl is what signatures are
    // checked against.
    RequestDispatcher(std::shared_ptr<Store::Database> database,
                      std::shared_ptr<Store::CallLogWriter> callLog,
                      std::shared_ptr<LoginThrottle> loginThrottle, ServerSettings settings);

    // Fills record (route, parameters, signature verdict, outcome) along the way.
    HttpResponse dispatch(const HttpRequest &request, RequestRecord &record);

    const ServerSettings &settings() const { return m_settings; }

private:
    HttpResponse health() const;
    HttpResponse voice(const HttpRequest &request, RequestRecord &record);

    std::shared_ptr<Store::Database> m_database;
    ServerSettings m_settings;
    Store::ClientStore m_clients;
    Store::NumberStore m_numbers;
    Store::CallLog m_callLog;
    std::shared_ptr<Store::CallLogWriter> m_callLogWriter;
    std::shared_ptr<LoginThrottle> m_loginThrottle;
    Routing::CallRouter m_router;
    TokenEndpoint m_tokens;
    VoiceEndpoint m_voice;
};

} // namespace Server
