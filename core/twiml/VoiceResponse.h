#pragma once

// A TwiML <Response> for a voice webhook, written byte for byte as twilio-node's VoiceResponse.

#include "core/twiml/Verbs.h"

namespace Twiml {

class VoiceResponse
{
public:
    VoiceResponse &append(const Node &verb)
    {
        m_root.append(verb);
        return *this;
    }

    VoiceResponse &dial(const Dial &verb) { return append(verb); }
    VoiceResponse &say(const Say &verb) { return append(verb); }
    VoiceResponse &play(const Play &verb) { return append(verb); }
    VoiceResponse &pause(const Pause &verb = Pause()) { return append(verb); }
    VoiceResponse &record(const Record &verb = Record()) { return append(verb); }
    VoiceResponse &hangup() { return append(Hangup()); }
    VoiceResponse &reject(const Reject &verb = Reject()) { return append(verb); }
    VoiceResponse &redirect(const Redirect &verb) { return append(verb); }

    const Node &root() const { return m_root; }

    // "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>...</Response>"
    QString toXml() const
    {
        return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + m_root.toXml();
    }
    QByteArray toUtf8() const { return toXml().toUtf8(); }

private:
    Node m_root { QStringLiteral("Response") };
};

} // namespace Twiml
