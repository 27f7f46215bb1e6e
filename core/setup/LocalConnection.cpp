#include "core/setup/LocalConnection.h"

#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/store/NumberStore.h"

#include <QSettings>

namespace Setup {

LocalConnection::LocalConnection(QSettings &settings, Config::SecretStore &secrets,
                                 std::shared_ptr<Store::Database> database, QString defaultRegion)
    : m_settings(settings)
    , m_secrets(secrets)
    , m_database(std::move(database))
    , m_defaultRegion(std::move(defaultRegion))
{ }

Result<void> LocalConnection::change(const std::function<void(Config::TwilioAccount &account)> &edit)
{
    Config::AccountSettings accountSettings(m_settings, m_secrets);
    auto account = accountSettings.load();
    if (!account)
        return Failure(account.error());
    edit(*account);
    return accountSettings.save(*account);
}

AccountConnector::Local LocalConnection::steps()
{
    AccountConnector::Local local;
    local.keepKey = [this](const QString &sid, const QByteArray &secret) {
        return change([&](Config::TwilioAccount &account) {
            account.apiKeySid = sid;
            account.apiKeySecret = secret;
        });
    };
    local.dropKey = [this](const QString &sid) {
        return change([&](Config::TwilioAccount &account) {
            if (account.apiKeySid == sid) {
                account.apiKeySid.clear();
                account.apiKeySecret.clear();
            }
        });
    };
    local.keepApp = [this](const QString &sid) {
        return change([&](Config::TwilioAccount &account) { account.twimlAppSid = sid; });
    };
    local.dropApp = [this](const QString &sid) {
        return change([&](Config::TwilioAccount &account) {
            if (account.twimlAppSid == sid)
                account.twimlAppSid.clear();
        });
    };
    local.mapNumber = [this](const NumberChoice &choice) -> Result<void> {
        Store::NumberStore numbers(m_database, m_defaultRegion);
        const auto mapped = numbers.find(choice.e164);
        if (!mapped) {
            if (auto added = numbers.add(choice.e164, choice.clientName); !added)
                return Failure(added.error());
            return {};
        }
        if (mapped->clientName == choice.clientName && mapped->enabled)
            return {};
        Store::NumberMapping changed = *mapped;
        changed.clientName = choice.clientName;
        changed.enabled = true;
        if (auto updated = numbers.update(changed); !updated)
            return Failure(updated.error());
        return {};
    };
    return local;
}

Result<void> LocalConnection::saveSignIn(const Config::TwilioAccount &signIn, const QString &publicUrl)
{
    if (auto saved = change([&](Config::TwilioAccount &account) {
            if (account.accountSid != signIn.accountSid) { // another account: nothing of the old one holds
                account = Config::TwilioAccount();
                account.accountSid = signIn.accountSid;
            }
            if (!signIn.authToken.isEmpty())
                account.authToken = signIn.authToken;
            if (signIn.authToken.isEmpty() && !signIn.apiKeySid.isEmpty()) {
                account.apiKeySid = signIn.apiKeySid;
                account.apiKeySecret = signIn.apiKeySecret;
            }
        });
        !saved)
        return saved;
    Config::AppSettings settings = Config::AppSettings::load(m_settings);
    settings.publicUrl = Config::AppSettings::normalizedPublicUrl(publicUrl);
    return settings.save(m_settings);
}

} // namespace Setup
