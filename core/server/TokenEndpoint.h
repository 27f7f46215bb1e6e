#pragma once

// POST /token: a client proves who it is (HTTP Basic, name and secret) and gets a token for itself only.
// Unlike the seed, knowing a phone number is not enough. The secret is checked on the secret-check pool,
// never on the thread that answers webhooks; the answer follows in that thread once the check is done.

#include "core/server/HttpRequest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"

namespace Store {
class ClientStore;
class NumberStore;
} // namespace Store

namespace Server {

class LoginThrottle;
class SecretCheckPool;

class TokenEndpoint
{
public:
    TokenEndpoint(Store::ClientStore &clients, Store::NumberStore &numbers, LoginThrottle &throttle,
                  SecretCheckPool &secretChecks, PostToRequestThread postToRequestThread,
                  const ServerSettings &settings);

    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const;

private:
    // After the secret matched: what the body asks for.
    HttpResponse issue(const QString &clientName, const HttpRequest &request, RequestRecord &record) const;
    HttpResponse capabilityToken(const QString &clientName, const QString &phoneNumber) const;
    HttpResponse accessToken(const QString &clientName) const;

    Store::ClientStore &m_clients;
    Store::NumberStore &m_numbers;
    LoginThrottle &m_throttle;
    SecretCheckPool &m_secretChecks;
    PostToRequestThread m_postToRequestThread;
    const ServerSettings &m_settings;
};

} // namespace Server
