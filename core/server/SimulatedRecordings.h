#pragma once

// The recordings a server that plays Twilio (`serve --simulate-twilio`) keeps, as Twilio's REST API serves
// them: SimulatedRestApi answers for them, Simulator::RecordingVault holds them. Any thread.

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Server {

class SimulatedRecordings
{
public:
    struct Recording
    {
        QString recordingSid;
        QString callSid;
        int durationSeconds = 0;
        QByteArray wav; // the audio, as Twilio's .wav media
        QDateTime created; // UTC
    };

    virtual ~SimulatedRecordings() = default;

    // None for a recording that never was, or was deleted.
    virtual std::optional<Recording> find(const QString &recordingSid) const = 0;
    // False when there was no such recording.
    virtual bool remove(const QString &recordingSid) = 0;
};

} // namespace Server
