#include "core/config/WebhookSigningKey.h"

#include "core/config/SecretStore.h"
#include "core/store/ClientStore.h"

namespace Config {

Result<std::optional<WebhookSigningKey>> WebhookSigningKey::find(const TwilioAccount &account,
                                                                 SecretStore &secrets)
{
    using R = Result<std::optional<WebhookSigningKey>>;
    if (!account.authToken.isEmpty())
        return R::success(WebhookSigningKey(account.authToken, Origin::AuthToken));
    const auto stored = secrets.read(localKeyName);
    if (!stored)
        return R::failure(stored.error());
    if (!stored->has_value() || (*stored)->isEmpty())
        return R::success(std::nullopt);
    return R::success(WebhookSigningKey(**stored, Origin::LocalKey));
}

Result<WebhookSigningKey> WebhookSigningKey::findOrCreate(const TwilioAccount &account, SecretStore &secrets)
{
    using R = Result<WebhookSigningKey>;
    const auto found = find(account, secrets);
    if (!found)
        return R::failure(found.error()); // never replace a key that could not be read: simulate may hold it
    if (found->has_value())
        return R::success(**found);
    // The same random text as a generated client secret: 192 bits from libsodium.
    const auto generated = Store::ClientStore::generateSecret();
    if (!generated)
        return R::failure(generated.error());
    if (const auto written = secrets.write(localKeyName, *generated); !written)
        return R::failure(written.error());
    return R::success(WebhookSigningKey(*generated, Origin::LocalKey));
}

QString WebhookSigningKey::description() const
{
    return m_origin == Origin::AuthToken ? QStringLiteral("the account's auth token")
                                         : QStringLiteral("the desktop app's local signing key");
}

} // namespace Config
