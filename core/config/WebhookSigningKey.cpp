#include "core/config/WebhookSigningKey.h"

#include "core/config/SecretStore.h"
#include "core/store/ClientStore.h"

namespace Config {

Result<std::optional<WebhookSigningKey>> WebhookSigningKey::find(const TwilioAccount &account,
                                                                 SecretStore &secrets)
{
    if (!account.authToken.isEmpty())
        return WebhookSigningKey(account.authToken, Origin::AuthToken);
    const auto stored = secrets.read(localKeyName);
    if (!stored)
        return Failure(stored.error());
    if (!stored->has_value() || (*stored)->isEmpty())
        return std::nullopt;
    return WebhookSigningKey(**stored, Origin::LocalKey);
}

Result<WebhookSigningKey> WebhookSigningKey::findOrCreate(const TwilioAccount &account, SecretStore &secrets)
{
    const auto found = find(account, secrets);
    if (!found)
        return Failure(found.error()); // never replace a key that could not be read: simulate may hold it
    if (found->has_value())
        return **found;
    // The same random text as a generated client secret: 192 bits from libsodium.
    const auto generated = Store::ClientStore::generateSecret();
    if (!generated)
        return Failure(generated.error());
    if (const auto written = secrets.write(localKeyName, *generated); !written)
        return Failure(written.error());
    return WebhookSigningKey(*generated, Origin::LocalKey);
}

QString WebhookSigningKey::description() const
{
    return m_origin == Origin::AuthToken ? QStringLiteral("the account's auth token")
                                         : QStringLiteral("the desktop app's local signing key");
}

} // namespace Config
