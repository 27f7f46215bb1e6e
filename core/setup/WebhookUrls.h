#pragma once

// The URLs Twilio is to call on this server, from its public URL (a tunnel, or the team's server): what a
// number's "A call comes in" and status callback are set to, and the TwiML App's Voice URL.

#include "core/common/Result.h"

#include <QString>

namespace Setup {

struct WebhookUrls
{
    QString publicUrl; // normalised: no trailing slash
    QString incoming; // …/voice/incoming: a number's VoiceUrl
    QString outgoing; // …/voice/outgoing: the TwiML App's VoiceUrl
    QString status; // …/voice/status: the StatusCallback of both

    // Refused, saying why, when publicUrl is empty or not an http(s) URL Twilio's paths can be added to.
    static Result<WebhookUrls> forPublicUrl(const QString &publicUrl);
    // Empty unless the public URL names this machine or a private network (127.0.0.1, localhost,
    // 192.168.…), which Twilio cannot reach: then why, and what to give instead.
    QString privateHostProblem() const;
};

} // namespace Setup
