#pragma once

// 16-bit mono PCM as a WAV file: what the simulator's recordings and the server's ringback tone are made
// of, and what Twilio's <Play> and every player take.

#include <QByteArray>

#include <functional>

namespace Common::PcmWav {

// samples values from sample(i), each from -1 to 1 (clipped), at sampleRate per second.
QByteArray make(int samples, int sampleRate, const std::function<double(int index)> &sample);

} // namespace Common::PcmWav
