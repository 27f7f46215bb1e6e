#pragma once

// The paths of Twilio's webhooks on our server, defined once: the dispatcher's table, the TwiML the router
// writes (<Dial action>), the simulator's requests and the URLs shown to the operator all use these.

#include <QString>

namespace Routing::WebhookPaths {

inline QString incoming()
{
    return QStringLiteral("/voice/incoming"); // a number's "A call comes in"
}
inline QString outgoing()
{
    return QStringLiteral("/voice/outgoing"); // the TwiML App's Voice URL
}
inline QString dialComplete()
{
    return QStringLiteral("/voice/dial-complete"); // <Dial action>, and <Record> after it
}
inline QString status()
{
    return QStringLiteral("/voice/status"); // status callbacks
}
inline QString recording()
{
    return QStringLiteral("/voice/recording"); // <Record recordingStatusCallback>: a voicemail is ready
}
inline QString transcription()
{
    return QStringLiteral("/voice/transcription"); // <Record transcribeCallback>: its transcript
}

// Call control (RoutingSettings::callControl).
inline QString conference()
{
    return QStringLiteral("/voice/conference"); // <Conference statusCallback>: joins, leaves, holds
}
inline QString party()
{
    return QStringLiteral("/voice/party"); // the status of a party the server called into a conference
}
inline QString hold()
{
    return QStringLiteral("/voice/hold"); // a participant's HoldUrl: what a held party hears
}
inline QString wait()
{
    return QStringLiteral("/voice/wait"); // <Conference waitUrl>: what the caller hears while the party rings
}
inline QString ringback()
{
    return QStringLiteral(
        "/media/ringback.wav"); // GET: the ringing tone wait() plays; no secret, no signature
}

} // namespace Routing::WebhookPaths
