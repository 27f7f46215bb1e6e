#pragma once

// The paths of the routes our own programs call on a Switchboard server, defined once: the dispatcher's
// table and the phone's requests in team mode use these. Twilio's webhooks are Routing::WebhookPaths.

#include <QString>

namespace Server::ApiPaths {

inline QString token()
{
    return QStringLiteral("/token"); // POST: a client's access token
}
inline QString calls()
{
    return QStringLiteral("/calls"); // GET: a client's own calls
}
inline QString health()
{
    return QStringLiteral("/healthz"); // GET: whether the server and its database answer
}

} // namespace Server::ApiPaths
