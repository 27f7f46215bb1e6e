#pragma once

// A webhook server on a free port of 127.0.0.1 that plays a Twilio account's REST API (numbers, TwiML Apps,
// API keys: Simulator::AccountResources), for the tests of connecting an account.

#include "core/server/WebhookServer.h"
#include "core/simulator/AccountResources.h"

#include <memory>

struct SimulatedAccountServer
{
    std::shared_ptr<Simulator::AccountResources> account;
    std::unique_ptr<Server::WebhookServer> server;

    // options.accountSid and authToken are the credentials it accepts. Empty when it listens, else why not.
    QString start(std::shared_ptr<Store::Database> database,
                  const Simulator::AccountResources::Options &options, const QByteArray &authToken)
    {
        account = std::make_shared<Simulator::AccountResources>(options);
        Server::ServerSettings settings;
        settings.port = 0;
        settings.account.accountSid = options.accountSid;
        settings.account.authToken = authToken;
        settings.simulatedAccount = account;
        server = std::make_unique<Server::WebhookServer>(std::move(database), settings);
        const auto port = server->start();
        return port ? QString() : port.error();
    }

    // Its address without the trailing slash: what a public URL or SWITCHBOARD_TWILIO_API_URL names.
    QString url() const
    {
        QString url = server->localUrl().toString();
        while (url.endsWith(u'/'))
            url.chop(1);
        return url;
    }
};
