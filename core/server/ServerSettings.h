#pragma once

// How the webhook server listens, whom it trusts, and what it signs tokens with.

#include "core/config/TwilioAccount.h"
#include "core/routing/RoutingSettings.h"
#include "core/server/HttpLimits.h"
#include "core/server/LoginLimits.h"
#include "core/server/ProbeLog.h"
#include "core/token/TokenLifetime.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Server {

class DeviceSignalling;
class SimulatedAccount;
class SimulatedCalls;
class SimulatedRecordings;

struct ServerSettings
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080; // 0 picks a free port
    // The base URL Twilio requests (through a tunnel or proxy): signatures are computed over it.
    QString publicBaseUrl;
    // Off only for local experiments; the server says so loudly at start and on every request.
    bool verifySignatures = true;
    Config::TwilioAccount account;
    int tokenTtl = Token::TokenLifetime::defaultSeconds;
    // POST /token: wrong credentials allowed per client name and per address before they must wait.
    LoginLimits tokenLogins;
    // Reverse proxies (address, prefix length) whose X-Forwarded-For or Forwarded header names the
    // client; from any other peer those headers are ignored. Empty: the TCP peer is the client.
    QList<QPair<QHostAddress, int>> trustedProxies;
    // POST /token's secret checks (argon2id, ~0.1 s and 64 MiB each): threads (0: one per core but one,
    // at least 1, at most 4), and how many may wait before the endpoint answers 503.
    int secretCheckThreads = 0;
    int maxSecretChecksQueued = 64;
    HttpLimits limits;
    // Threads that serve requests; 0: one per core, at most 4.
    int requestThreads = 0;
    Routing::RoutingSettings routing;
    // Set when the server plays Twilio itself (serve --simulate-twilio): phones ring through it, and
    // POST /token says so. Null: the routes of SimulatorEndpoint answer 404.
    std::shared_ptr<DeviceSignalling> simulatedTwilio;
    // Its recordings, served as Twilio's REST API serves them (SimulatedRestApi). Null: those routes 404.
    std::shared_ptr<SimulatedRecordings> simulatedRecordings;
    // Its calls and conferences, as Twilio's REST API changes them (call control). Null: those routes 404.
    // Call control asks for the calls it plays at ownUrl, and for the others at twilioApiUrl.
    std::shared_ptr<SimulatedCalls> simulatedCalls;
    // Its account: numbers, TwiML Apps and API keys, as Twilio's REST API changes them (connecting an
    // account). Null: those routes 404.
    std::shared_ptr<SimulatedAccount> simulatedAccount;
    // The nonces GET /healthz?probe=… brought, shared by every copy of these settings (each request
    // thread's).
    std::shared_ptr<ProbeLog> probes = std::make_shared<ProbeLog>();
    // Where this server listens, set by WebhookServer once it does.
    QUrl ownUrl;
    // Twilio's REST API, for the voicemail a phone plays or deletes through this server. Empty:
    // https://api.twilio.com, or this server's own when it plays Twilio (simulatedRecordings).
    QUrl twilioApiUrl;
};

} // namespace Server
