#include "core/config/AccountSettings.h"

#include "core/config/SecretStore.h"

#include <QSettings>

namespace Config {
namespace {

constexpr QLatin1StringView accountSidKey("twilio/accountSid");
constexpr QLatin1StringView apiKeySidKey("twilio/apiKeySid");
constexpr QLatin1StringView twimlAppSidKey("twilio/twimlAppSid");

Result<void> storeSecret(SecretStore &secrets, const QString &key, const QByteArray &value)
{
    return value.isEmpty() ? secrets.remove(key) : secrets.write(key, value);
}

} // namespace

AccountSettings::AccountSettings(QSettings &settings, SecretStore &secrets)
    : m_settings(settings)
    , m_secrets(secrets)
{ }

Result<TwilioAccount> AccountSettings::load() const
{
    TwilioAccount account;
    account.accountSid = m_settings.value(accountSidKey).toString();
    account.apiKeySid = m_settings.value(apiKeySidKey).toString();
    account.twimlAppSid = m_settings.value(twimlAppSidKey).toString();
    const auto authToken = m_secrets.read(AccountSettings::authTokenKey);
    if (!authToken)
        return Failure(authToken.error());
    const auto apiKeySecret = m_secrets.read(AccountSettings::apiKeySecretKey);
    if (!apiKeySecret)
        return Failure(apiKeySecret.error());
    account.authToken = authToken->value_or(QByteArray());
    account.apiKeySecret = apiKeySecret->value_or(QByteArray());
    return account;
}

Result<void> AccountSettings::save(const TwilioAccount &account)
{
    QStringList problems;
    const auto check = [&](const QString &sid, const char *prefix, const QString &what) {
        if (!sid.isEmpty())
            if (const QString problem = TwilioAccount::sidProblem(sid, QLatin1String(prefix), what);
                !problem.isEmpty())
                problems << problem;
    };
    check(account.accountSid, "AC", QStringLiteral("the account SID"));
    check(account.apiKeySid, "SK", QStringLiteral("the API key SID"));
    check(account.twimlAppSid, "AP", QStringLiteral("the TwiML App SID"));
    if (!problems.isEmpty())
        return Failure(problems.join(QStringLiteral("; ")));

    // Secrets first: should the keychain refuse, the settings file still matches what is stored.
    if (auto stored = storeSecret(m_secrets, AccountSettings::authTokenKey, account.authToken); !stored)
        return stored;
    if (auto stored = storeSecret(m_secrets, AccountSettings::apiKeySecretKey, account.apiKeySecret); !stored)
        return stored;
    m_settings.setValue(accountSidKey, account.accountSid);
    m_settings.setValue(apiKeySidKey, account.apiKeySid);
    m_settings.setValue(twimlAppSidKey, account.twimlAppSid);
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return Failure(QStringLiteral("could not write the settings file %1").arg(m_settings.fileName()));
    return {};
}

TwilioAccount AccountSettings::withEnvironment(TwilioAccount account, const QProcessEnvironment &environment)
{
    const TwilioAccount fromEnvironment = TwilioAccount::fromEnvironment(environment);
    if (!fromEnvironment.accountSid.isEmpty())
        account.accountSid = fromEnvironment.accountSid;
    if (!fromEnvironment.authToken.isEmpty())
        account.authToken = fromEnvironment.authToken;
    if (!fromEnvironment.apiKeySid.isEmpty())
        account.apiKeySid = fromEnvironment.apiKeySid;
    if (!fromEnvironment.apiKeySecret.isEmpty())
        account.apiKeySecret = fromEnvironment.apiKeySecret;
    if (!fromEnvironment.twimlAppSid.isEmpty())
        account.twimlAppSid = fromEnvironment.twimlAppSid;
    return account;
}

} // namespace Config
