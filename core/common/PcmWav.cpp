#include "core/common/PcmWav.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>

namespace Common::PcmWav {
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

QByteArray make(int samples, int sampleRate, const std::function<double(int index)> &sample)
{
    samples = std::max(samples, 0);
    const quint32 dataBytes = quint32(samples) * 2;
    QByteArray wav;
    wav.reserve(int(44 + dataBytes));
    wav.append("RIFF", 4);
    appendLittleEndian32(wav, 36 + dataBytes);
    wav.append("WAVEfmt ", 8);
    appendLittleEndian32(wav, 16); // the fmt chunk's size
    appendLittleEndian16(wav, 1); // PCM
    appendLittleEndian16(wav, 1); // mono
    appendLittleEndian32(wav, quint32(sampleRate));
    appendLittleEndian32(wav, quint32(sampleRate) * 2); // bytes per second
    appendLittleEndian16(wav, 2); // bytes per sample frame
    appendLittleEndian16(wav, 16); // bits per sample
    wav.append("data", 4);
    appendLittleEndian32(wav, dataBytes);
    for (int i = 0; i < samples; ++i) {
        const double value = std::clamp(sample(i), -1.0, 1.0) * 32767;
        appendLittleEndian16(wav, quint16(qint16(std::lround(value))));
    }
    return wav;
}

} // namespace Common::PcmWav
