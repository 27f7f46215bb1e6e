#pragma once

// The routes of a server that plays Twilio (`serve --simulate-twilio`), and who may use them:
// - a phone, with the access token the server issued it (Authorization: Bearer JWT, checked with the API
//   key's secret, as Twilio checks it), for its own identity only: GET /simulator/events,
//   POST /simulator/calls ({"to": ...}), POST /simulator/calls/{CallSid} ({"action": ...});
// - whoever holds the account, as Twilio's REST API asks (HTTP Basic, account SID and auth token):
//   POST /simulator/incoming ({"from": ..., "to": ...}).

#include "core/server/HttpRequest.h"
#include "core/server/HttpResponse.h"
#include "core/server/ServerSettings.h"

#include <QJsonObject>

#include <optional>

namespace Server {

class SimulatorEndpoint
{
public:
    explicit SimulatorEndpoint(const ServerSettings &settings);

    // Whether path is one of these routes.
    static bool serves(const QString &path);
    // Answers a request to one of these routes; 404 when the server does not play Twilio. record.outcome
    // says who asked.
    HttpResponse handle(const HttpRequest &request, QString *outcome) const;

private:
    // The identity of a valid access token of this server's API key, or why there is none.
    Result<QString> phoneIdentity(const HttpRequest &request) const;
    bool isAccount(const HttpRequest &request) const;
    static Result<QJsonObject> jsonBody(const HttpRequest &request);

    const ServerSettings &m_settings;
};

} // namespace Server
