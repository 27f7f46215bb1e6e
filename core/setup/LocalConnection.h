#pragma once

// What this machine keeps of a connected Twilio account: the account and its secrets (AccountSettings: the
// SIDs in the settings file, the secrets in the secret store), the public URL, and which number rings which
// client (the Numbers page). The command line and the Settings page both keep it here, so that the phone,
// the server and every command read the same account after connecting.

#include "core/common/Result.h"
#include "core/config/TwilioAccount.h"
#include "core/setup/AccountConnector.h"

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace Config {
class SecretStore;
} // namespace Config

namespace Store {
class Database;
} // namespace Store

namespace Setup {

class LocalConnection
{
public:
    LocalConnection(QSettings &settings, Config::SecretStore &secrets,
                    std::shared_ptr<Store::Database> database, QString defaultRegion);

    // A server run as a service keeps its account in an environment file (EnvironmentFile), not in the
    // settings: the API key and its secret and the TwiML App go there (TWILIO_API_KEY, TWILIO_API_SECRET,
    // TWILIO_TWIML_APP_SID), and the sign-in is not saved (the file holds it already).
    void setEnvironmentFile(const QString &path) { m_environmentFile = path; }

    // The steps' callbacks for AccountConnector::apply and disconnect. They may run after this object is
    // gone, but not after the settings, secret store and database it was given.
    AccountConnector::Local steps();
    // After a sign-in that Twilio accepted: the account SID and the credential signed in with, and the
    // public URL. An API key signed in with also signs the phones' tokens.
    Result<void> saveSignIn(const Config::TwilioAccount &signIn, const QString &publicUrl);

private:
    QSettings &m_settings;
    Config::SecretStore &m_secrets;
    std::shared_ptr<Store::Database> m_database;
    QString m_defaultRegion;
    QString m_environmentFile;
};

} // namespace Setup
