#include "core/setup/LocalConnection.h"

#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/config/EnvironmentFile.h"
#include "core/store/NumberStore.h"

#include <QSettings>

namespace Setup {
namespace {

// The account as AccountSettings keeps it: edit applied to what is saved, then saved.
Result<void> changeAccount(QSettings &settings, Config::SecretStore &secrets,
                           const std::function<void(Config::TwilioAccount &account)> &edit)
{
    Config::AccountSettings accountSettings(settings, secrets);
    auto account = accountSettings.load();
    if (!account)
        return Failure(account.error());
    edit(*account);
    return accountSettings.save(*account);
}

// The key and app in this user's settings and secret store (the desktop, a command run by hand).
void keepInSettings(AccountConnector::Local &local, QSettings *settings, Config::SecretStore *secrets)
{
    local.keepKey = [settings, secrets](const QString &sid, const QByteArray &secret) {
        return changeAccount(*settings, *secrets, [&](Config::TwilioAccount &account) {
            account.apiKeySid = sid;
            account.apiKeySecret = secret;
        });
    };
    local.dropKey = [settings, secrets](const QString &sid) {
        return changeAccount(*settings, *secrets, [&](Config::TwilioAccount &account) {
            if (account.apiKeySid == sid) {
                account.apiKeySid.clear();
                account.apiKeySecret.clear();
            }
        });
    };
    local.keepApp = [settings, secrets](const QString &sid) {
        return changeAccount(*settings, *secrets,
                             [&](Config::TwilioAccount &account) { account.twimlAppSid = sid; });
    };
    local.dropApp = [settings, secrets](const QString &sid) {
        return changeAccount(*settings, *secrets, [&](Config::TwilioAccount &account) {
            if (account.twimlAppSid == sid)
                account.twimlAppSid.clear();
        });
    };
}

// The key and app in a service's environment file.
void keepInEnvironmentFile(AccountConnector::Local &local, const QString &path)
{
    local.keepKey = [path](const QString &sid, const QByteArray &secret) -> Result<void> {
        Config::EnvironmentFile file(path);
        if (auto kept = file.set(QStringLiteral("TWILIO_API_SECRET"), QString::fromUtf8(secret)); !kept)
            return kept;
        return file.set(QStringLiteral("TWILIO_API_KEY"), sid);
    };
    local.dropKey = [path](const QString &sid) -> Result<void> {
        Config::EnvironmentFile file(path);
        // The secret goes with its key: both emptied only when the file names the key deleted.
        if (file.value(QStringLiteral("TWILIO_API_KEY")) != sid)
            return {};
        if (auto cleared = file.set(QStringLiteral("TWILIO_API_SECRET"), QString()); !cleared)
            return cleared;
        return file.set(QStringLiteral("TWILIO_API_KEY"), QString());
    };
    local.keepApp = [path](const QString &sid) {
        return Config::EnvironmentFile(path).set(QStringLiteral("TWILIO_TWIML_APP_SID"), sid);
    };
    local.dropApp = [path](const QString &sid) {
        return Config::EnvironmentFile(path).clearIf(QStringLiteral("TWILIO_TWIML_APP_SID"), sid);
    };
}

} // namespace

LocalConnection::LocalConnection(QSettings &settings, Config::SecretStore &secrets,
                                 std::shared_ptr<Store::Database> database, QString defaultRegion)
    : m_settings(settings)
    , m_secrets(secrets)
    , m_database(std::move(database))
    , m_defaultRegion(std::move(defaultRegion))
{ }

AccountConnector::Local LocalConnection::steps()
{
    AccountConnector::Local local;
    // The steps may run after this object is gone (a dialog's run outlives the call that started it): they
    // hold the settings and secret store themselves, which outlive the run.
    if (m_environmentFile.isEmpty())
        keepInSettings(local, &m_settings, &m_secrets);
    else
        keepInEnvironmentFile(local, m_environmentFile);
    local.mapNumber
        = [database = m_database, region = m_defaultRegion](const NumberChoice &choice) -> Result<bool> {
        Store::NumberStore numbers(database, region);
        const auto mapped = numbers.find(choice.e164);
        if (!mapped) {
            if (auto added = numbers.add(choice.e164, choice.clientName); !added)
                return Failure(added.error());
            return true;
        }
        if (mapped->clientName == choice.clientName && mapped->enabled)
            return false;
        Store::NumberMapping changed = *mapped;
        changed.clientName = choice.clientName;
        changed.enabled = true;
        if (auto updated = numbers.update(changed); !updated)
            return Failure(updated.error());
        return true;
    };
    return local;
}

Result<void> LocalConnection::saveSignIn(const Config::TwilioAccount &signIn, const QString &publicUrl)
{
    if (!m_environmentFile.isEmpty()) { // the service's file holds the account already
        if (const QString problem = Config::EnvironmentFile(m_environmentFile).problem(); !problem.isEmpty())
            return Failure(problem);
        return {};
    }
    if (auto saved
        = changeAccount(m_settings, m_secrets,
                        [&](Config::TwilioAccount &account) {
                            if (account.accountSid
                                != signIn.accountSid) { // another account: nothing of the old one holds
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
