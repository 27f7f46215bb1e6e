#pragma once

// Makes the desktop phone's access tokens in-process (no HTTP): a VoiceGrant for one identity, incoming
// allowed and outgoing through the TwiML App, signed with the account's API key.

#include "core/common/Result.h"
#include "core/config/TwilioAccount.h"
#include "core/token/AccessToken.h"
#include "ui/engine/PhoneBridge.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace Engine {

class TokenSource
{
public:
    TokenSource(Config::TwilioAccount account, QString identity,
                int ttlSeconds = Token::AccessToken::defaultTtl);

    // Sentences that name what to fix (a setting, the identity, the lifetime); empty when tokens can be made.
    QStringList problems() const;
    Result<QString> issue() const;

    const QString &identity() const { return m_identity; }
    int ttlSeconds() const { return m_ttlSeconds; }
    // Well before the token expires: tokenWillExpire may come only once after an update (TWILIO.md), so the
    // phone renews on a timer as well.
    std::chrono::milliseconds renewInterval() const;

    // issue() as PhoneBridge::setTwilioBackend takes it (holds a copy of this source); it answers at once.
    PhoneBridge::TokenProvider provider() const;

private:
    Config::TwilioAccount m_account;
    QString m_identity;
    int m_ttlSeconds;
};

} // namespace Engine
