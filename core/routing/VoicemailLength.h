#pragma once

// The limits of a voicemail's length (<Record maxLength>), defined once: the settings, the Settings page,
// `serve --voicemail-length` and the call router all use these, so a length one accepts the others accept.

#include <QString>

namespace Routing::VoicemailLength {

constexpr int defaultSeconds = 120; // two minutes: a message, not a conversation
constexpr int minSeconds = 1; // Twilio's lower limit
// Twilio records up to 4 hours (14400 s), but a voicemail that long is a line left open, not a message:
// every second is billed and stored. An hour, Twilio's own default for <Record>, is plenty.
constexpr int maxSeconds = 3600;

// Empty when seconds is within the limits; else a sentence without the field's name.
inline QString problem(int seconds)
{
    if (seconds >= minSeconds && seconds <= maxSeconds)
        return {};
    return QStringLiteral("give from %1 to %2 seconds (an hour), not %3")
        .arg(minSeconds)
        .arg(maxSeconds)
        .arg(seconds);
}

} // namespace Routing::VoicemailLength
