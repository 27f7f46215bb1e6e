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

} // namespace Routing::WebhookPaths
