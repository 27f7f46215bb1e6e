#pragma once

// The ringing a caller hears while the party called in for it rings (call control: the caller waits in a
// conference, whose wait would otherwise be silence): 440 + 480 Hz, two seconds on and four off, as a WAV
// file Twilio plays in a loop. Made once, on first use.

#include <QByteArray>

namespace Server::RingbackTone {

const QByteArray &wav();

} // namespace Server::RingbackTone
