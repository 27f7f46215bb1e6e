#include "core/server/RingbackTone.h"

#include "core/common/PcmWav.h"

#include <cmath>

namespace Server::RingbackTone {

const QByteArray &wav()
{
    static const QByteArray tone = [] {
        constexpr int sampleRate = 8000; // telephone audio
        constexpr int onSamples = 2 * sampleRate;
        constexpr int cycleSamples = 6 * sampleRate;
        constexpr int fadeSamples = sampleRate / 100; // 10 ms: no click at either end
        constexpr double pi = 3.14159265358979323846;
        return Common::PcmWav::make(cycleSamples, sampleRate, [](int i) {
            if (i >= onSamples)
                return 0.0;
            const double fade
                = std::min({ 1.0, double(i) / fadeSamples, double(onSamples - 1 - i) / fadeSamples });
            const double t = double(i) / sampleRate;
            return fade * 0.2 * (std::sin(2 * pi * 440 * t) + std::sin(2 * pi * 480 * t));
        });
    }();
    return tone;
}

} // namespace Server::RingbackTone
