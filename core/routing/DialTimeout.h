#pragma once

// The limits of how long a <Dial> rings, defined once: the settings, the Settings page, `serve
// --dial-timeout` and the call router all use these, so a timeout one accepts the others accept too.

#include <QString>

namespace Routing::DialTimeout {

// Twilio's own default is 30 s; Switchboard has rung for a minute from the start, time enough to reach a
// phone in another room.
constexpr int defaultSeconds = 60;
constexpr int minSeconds = 5; // Twilio's <Dial timeout> limits
constexpr int maxSeconds = 600;

// Empty when seconds is within the limits; else a sentence without the field's name.
inline QString problem(int seconds)
{
    if (seconds >= minSeconds && seconds <= maxSeconds)
        return {};
    return QStringLiteral("give from %1 to %2 seconds (Twilio's limits), not %3")
        .arg(minSeconds)
        .arg(maxSeconds)
        .arg(seconds);
}

} // namespace Routing::DialTimeout
