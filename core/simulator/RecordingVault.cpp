#include "core/simulator/RecordingVault.h"

#include "core/common/PcmWav.h"
#include "core/simulator/TwilioParameters.h"

#include <algorithm>
#include <cmath>

namespace Simulator {

QByteArray RecordingVault::toneWav(int seconds)
{
    constexpr double frequency = 440.0;
    constexpr double amplitude = 0.3;
    constexpr int fadeSamples = sampleRate / 50; // 20 ms
    constexpr double pi = 3.14159265358979323846;
    const int samples = std::max(seconds, 0) * sampleRate;
    return Common::PcmWav::make(samples, sampleRate, [samples](int i) {
        const double fade = std::min({ 1.0, double(i) / fadeSamples, double(samples - 1 - i) / fadeSamples });
        return amplitude * fade * std::sin(2 * pi * frequency * i / sampleRate);
    });
}

QString RecordingVault::add(const QString &callSid, int seconds)
{
    Recording recording;
    recording.recordingSid = TwilioParameters::newSid(QStringLiteral("RE"));
    recording.callSid = callSid;
    recording.durationSeconds = seconds;
    recording.wav = toneWav(seconds);
    recording.created = QDateTime::currentDateTimeUtc();
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_recordings.insert(recording.recordingSid, recording);
    return recording.recordingSid;
}

std::optional<Server::SimulatedRecordings::Recording> RecordingVault::find(const QString &recordingSid) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto found = m_recordings.constFind(recordingSid);
    if (found == m_recordings.cend())
        return std::nullopt;
    return *found;
}

bool RecordingVault::remove(const QString &recordingSid)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_recordings.remove(recordingSid) > 0;
}

} // namespace Simulator
