#pragma once

// An access token as the phone receives it, made in-process or fetched from a Switchboard server: the JWT,
// and when to ask for the next one.

#include <QString>

#include <chrono>

namespace Token {

struct IssuedToken
{
    QString jwt;
    // At three quarters of the token's lifetime (TokenLifetime says why): the phone renews on this timer
    // as well as on the SDK's tokenWillExpire, which may come only once.
    std::chrono::milliseconds renewAfter { 0 };
    // The team's server plays Twilio (serve --simulate-twilio): the token is for its simulator, which the
    // phone then talks to instead of Twilio.
    bool forSimulator = false;
    // The team's server holds its calls for its phones (serve --call-control): the phone offers Hold.
    bool callControl = false;

    static std::chrono::milliseconds renewalFor(qint64 lifetimeSeconds)
    {
        return std::chrono::milliseconds(lifetimeSeconds * 1000 * 3 / 4);
    }
};

} // namespace Token
