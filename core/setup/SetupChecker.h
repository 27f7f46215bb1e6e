#pragma once

// Runs every check of a connected account, for `twilio check` and the Server page alike: the credentials
// (AccountConnector::look), each mapped number, the TwiML App and API key (SetupCheck), and whether the
// public URL leads here (ReachabilityProbe).

#include "core/config/TwilioAccount.h"
#include "core/setup/AccountConnector.h"
#include "core/setup/ReachabilityProbe.h"
#include "core/setup/SetupCheck.h"

#include <QObject>

#include <memory>

namespace Setup {

class SetupChecker : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(QList<CheckFinding>)>;

    // account: the saved one (its TwiML App and API key are checked); access: how to ask Twilio.
    SetupChecker(Rest::ApiAccess access, std::shared_ptr<Store::Database> database,
                 QObject *parent = nullptr);

    // done runs exactly once, in this object's thread, unless it is deleted first.
    void run(const Config::TwilioAccount &account, const WebhookUrls &urls, const QString &defaultRegion,
             const QUrl &localUrl, const Done &done);

    // The sentence and fix for credentials Twilio no longer accepts.
    static CheckFinding refusedSignIn(const QString &problem);

private:
    std::shared_ptr<Store::Database> m_database;
    AccountConnector m_connector;
    ReachabilityProbe m_probe;
};

} // namespace Setup
