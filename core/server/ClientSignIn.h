#pragma once

// Who is asking, for the routes a phone calls (POST /token, GET /calls): a client proves itself with HTTP
// Basic, its name and secret. Wrong guesses are throttled per name and per address before any secret is
// hashed, and the hash is checked on the secret-check pool, never on the thread that answers webhooks;
// what follows a match runs back in the request's thread.

#include "core/server/HttpRequest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"

#include <functional>

namespace Store {
class ClientStore;
} // namespace Store

namespace Server {

class LoginThrottle;
class SecretCheckPool;

class ClientSignIn
{
public:
    // In the request's thread, once the credentials matched: the enabled client's name, and the request's
    // record and reply to go on with.
    using SignedIn = std::function<void(const QString &clientName, RequestRecord record, const Reply &reply)>;

    ClientSignIn(Store::ClientStore &clients, LoginThrottle &throttle, SecretCheckPool &secretChecks,
                 PostToRequestThread postToRequestThread, const ServerSettings &settings);

    // Calls signedIn when request's credentials are an enabled client's; otherwise answers itself: 401
    // (none, unknown or wrong: the same answer for each), 429 (too many wrong ones) or 503 (they cannot be
    // checked now).
    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply,
                SignedIn signedIn) const;

private:
    Store::ClientStore &m_clients;
    LoginThrottle &m_throttle;
    SecretCheckPool &m_secretChecks;
    PostToRequestThread m_postToRequestThread;
    const ServerSettings &m_settings;
};

} // namespace Server
