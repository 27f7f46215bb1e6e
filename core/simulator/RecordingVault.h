#pragma once

// The simulator's recordings: what a caller "says" after <Record> is a tone as long as the message, kept as
// the WAV Twilio would store (8 kHz, 16-bit, mono), until it is deleted through the simulated REST API. Any
// thread: calls record in the simulator's thread, the server's request threads read and delete.

#include "core/server/SimulatedRecordings.h"

#include <QHash>

#include <mutex>

namespace Simulator {

class RecordingVault : public Server::SimulatedRecordings
{
public:
    static constexpr int sampleRate = 8000;

    // A new recording of seconds for callSid; its RecordingSid.
    QString add(const QString &callSid, int seconds);
    std::optional<Recording> find(const QString &recordingSid) const override;
    bool remove(const QString &recordingSid) override;

    // A 440 Hz tone of seconds as a RIFF WAVE file, faded in and out so that it does not click.
    static QByteArray toneWav(int seconds);

private:
    mutable std::mutex m_mutex;
    QHash<QString, Recording> m_recordings;
};

} // namespace Simulator
