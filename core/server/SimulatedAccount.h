#pragma once

// The account of a server that plays Twilio (`serve --simulate-twilio`), as Twilio's REST API changes it:
// the account itself, its phone numbers and their webhooks, its TwiML Apps and API keys, so that connecting
// an account (Setup::AccountConnector) can be tried and tested with no Twilio account. SimulatedRestApi hands
// such requests here after checking who asks; Simulator::AccountResources keeps the state.

#include "core/server/HttpResponse.h"
#include "core/webhook/FormParameters.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

namespace Server {

class SimulatedAccount
{
public:
    virtual ~SimulatedAccount() = default;

    // Whether resource (below the account: "IncomingPhoneNumbers.json"; empty for the account itself,
    // Accounts/{AccountSid}.json) is one of these.
    static bool serves(const QString &resource)
    {
        return resource.isEmpty() || resource.startsWith(QLatin1String("IncomingPhoneNumbers"))
            || resource.startsWith(QLatin1String("Applications"))
            || resource.startsWith(QLatin1String("Keys"));
    }

    // Any thread: whether an API key made here signs in with secret.
    virtual bool acceptsKey(const QString &keySid, const QByteArray &secret) const = 0;
    // Any thread. what: what was done, for the request's record.
    virtual HttpResponse request(const QByteArray &method, const QString &resource, const QUrlQuery &query,
                                 const Webhook::FormParameters &form, QString *what)
        = 0;
};

} // namespace Server
