#pragma once

// POST /token: a client proves who it is (HTTP Basic, name and secret) and gets a token for itself only.
// Unlike the seed, knowing a phone number is not enough.

#include "core/server/HttpRequest.h"
#include "core/server/HttpResponse.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"

namespace Store {
class ClientStore;
class NumberStore;
} // namespace Store

namespace Server {

class LoginThrottle;

class TokenEndpoint
{
public:
    TokenEndpoint(Store::ClientStore &clients, Store::NumberStore &numbers, LoginThrottle &throttle,
                  const ServerSettings &settings);

    HttpResponse handle(const HttpRequest &request, RequestRecord &record) const;

private:
    HttpResponse capabilityToken(const QString &clientName, const QString &phoneNumber) const;
    HttpResponse accessToken(const QString &clientName) const;

    Store::ClientStore &m_clients;
    Store::NumberStore &m_numbers;
    LoginThrottle &m_throttle;
    const ServerSettings &m_settings;
};

} // namespace Server
