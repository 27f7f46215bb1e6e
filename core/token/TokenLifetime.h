#pragma once

// The limits of a token's lifetime, defined once: the settings, the desktop phone's tokens, the token
// command and the server's /token all check against these, so a lifetime one accepts the others accept too.

#include <QString>

namespace Token::TokenLifetime {

constexpr int defaultSeconds = 3600; // as in the seed
// The phone renews at three quarters of the lifetime: at 60 s that is every 45 s, still well before the
// SDK's tokenWillExpire (10 s before the end). Shorter would mostly be renewing.
constexpr int minSeconds = 60;
constexpr int maxSeconds = 24 * 3600; // Twilio refuses longer-lived access tokens (error 31207)

// Empty when seconds is within the limits; else a sentence without the field's name.
inline QString problem(int seconds)
{
    if (seconds >= minSeconds && seconds <= maxSeconds)
        return {};
    return QStringLiteral("give from %1 to %2 seconds (24 hours, Twilio's limit), not %3")
        .arg(minSeconds)
        .arg(maxSeconds)
        .arg(seconds);
}

} // namespace Token::TokenLifetime
