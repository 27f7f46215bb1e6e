#include "core/simulator/RecordingVault.h"

#include "core/simulator/TwilioParameters.h"

#include <QtEndian>

#include <cmath>

namespace Simulator {
namespace {

void appendLittleEndian32(QByteArray &bytes, quint32 value)
{
    char raw[4];
    qToLittleEndian(value, raw);
    bytes.append(raw, 4);
}

void appendLittleEndian16(QByteArray &bytes, quint16 value)
{
    char raw[2];
    qToLittleEndian(value, raw);
    bytes.append(raw, 2);
}

} // namespace

QByteArray RecordingVault::toneWav(int seconds)
{
    constexpr double frequency = 440.0;
    constexpr double amplitude = 0.3 * 32767;
    constexpr int fadeSamples = sampleRate / 50; // 20 ms
    constexpr double pi = 3.14159265358979323846;
    const int samples = std::max(seconds, 0) * sampleRate;
    const quint32 dataBytes = quint32(samples) * 2;
    QByteArray wav;
    wav.reserve(int(44 + dataBytes));
    wav.append("RIFF", 4);
    appendLittleEndian32(wav, 36 + dataBytes);
    wav.append("WAVEfmt ", 8);
    appendLittleEndian32(wav, 16); // the fmt chunk's size
    appendLittleEndian16(wav, 1); // PCM
    appendLittleEndian16(wav, 1); // mono
    appendLittleEndian32(wav, sampleRate);
    appendLittleEndian32(wav, sampleRate * 2); // bytes per second
    appendLittleEndian16(wav, 2); // bytes per sample frame
    appendLittleEndian16(wav, 16); // bits per sample
    wav.append("data", 4);
    appendLittleEndian32(wav, dataBytes);
    for (int i = 0; i < samples; ++i) {
        const double fade = std::min({ 1.0, double(i) / fadeSamples, double(samples - 1 - i) / fadeSamples });
        const double value = amplitude * fade * std::sin(2 * pi * frequency * i / sampleRate);
        appendLittleEndian16(wav, quint16(qint16(std::lround(value))));
    }
    return wav;
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
