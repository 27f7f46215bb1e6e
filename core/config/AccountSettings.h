#pragma once

// The Twilio account as the settings page edits it: the SIDs in the settings file, the auth token and the
// API key secret in the SecretStore (the system keychain, or the user-only file), never in the settings.

#include "core/common/Result.h"
#include "core/config/TwilioAccount.h"

#include <QProcessEnvironment>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace Config {

class SecretStore;

class AccountSettings
{
public:
    // Where the SecretStore keeps the two secrets.
    static constexpr QLatin1StringView authTokenKey { "twilio-auth-token" };
    static constexpr QLatin1StringView apiKeySecretKey { "twilio-api-key-secret" };

    AccountSettings(QSettings &settings, SecretStore &secrets);

    Result<TwilioAccount> load() const;
    // Refuses SIDs of the wrong form (each with its reason) before anything is written. An empty secret
    // removes the stored one.
    Result<void> save(const TwilioAccount &account);

    // The TWILIO_* variables that are set take the place of what was saved, for this run only.
    static TwilioAccount withEnvironment(TwilioAccount account, const QProcessEnvironment &environment);

private:
    QSettings &m_settings;
    SecretStore &m_secrets;
};

} // namespace Config
