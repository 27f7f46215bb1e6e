#pragma once

// The key this user's desktop app checks X-Twilio-Signature with: the account's auth token when one is
// set, otherwise a local key made once and kept in the SecretStore. Stable across runs, so that
// `switchboard simulate --server` can sign for the running app by reading the same store, and nobody has
// to pass a secret on the command line.

#include "core/common/Result.h"
#include "core/config/TwilioAccount.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Config {

class SecretStore;

class WebhookSigningKey
{
public:
    // Where the SecretStore keeps the local key; never the auth token's entry, so that the Settings page
    // and the account stay as the person left them.
    static constexpr QLatin1StringView localKeyName { "webhook-signing-key" };

    enum class Origin { AuthToken, LocalKey };

    // account: as the app uses it (saved, with the TWILIO_* variables that are set). Nothing when there is
    // no auth token and no local key has been made yet; a failure when the store cannot be read.
    static Result<std::optional<WebhookSigningKey>> find(const TwilioAccount &account, SecretStore &secrets);
    // As find(), but makes and stores the local key when there is none (the desktop app's start).
    static Result<WebhookSigningKey> findOrCreate(const TwilioAccount &account, SecretStore &secrets);

    const QByteArray &secret() const { return m_secret; }
    Origin origin() const { return m_origin; }
    // For messages: "the account's auth token" or "the desktop app's local signing key"; never the key.
    QString description() const;

private:
    WebhookSigningKey(QByteArray secret, Origin origin)
        : m_secret(std::move(secret))
        , m_origin(origin)
    { }

    QByteArray m_secret;
    Origin m_origin;
};

} // namespace Config
