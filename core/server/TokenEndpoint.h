#pragma once

// POST /token: a client proves who it is (ClientSignIn: HTTP Basic, name and secret) and gets a token for
// itself only. Unlike the seed, knowing a phone number is not enough.

#include "core/server/ClientSignIn.h"
#include "core/server/HttpRequest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"

namespace Store {
class NumberStore;
} // namespace Store

namespace Server {

class TokenEndpoint
{
public:
    TokenEndpoint(const ClientSignIn &signIn, Store::NumberStore &numbers, const ServerSettings &settings);

    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const;

private:
    // After the secret matched: what the body asks for.
    HttpResponse issue(const QString &clientName, const HttpRequest &request, RequestRecord &record) const;
    HttpResponse capabilityToken(const QString &clientName, const QString &phoneNumber) const;
    HttpResponse accessToken(const QString &clientName) const;

    const ClientSignIn &m_signIn;
    Store::NumberStore &m_numbers;
    const ServerSettings &m_settings;
};

} // namespace Server
