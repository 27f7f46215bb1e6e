#pragma once

// The command line's simulated softphone: it answers a ringing call after a delay (or never) and hangs up
// after talking for a while, printing what it does. A client already on a call declines a second one (call
// waiting), so that its caller reaches voicemail.

#include "core/simulator/CallSimulator.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QTextStream>

#include <chrono>
#include <functional>
#include <optional>

namespace App {

class AutoAnsweringDevice : public Simulator::ClientDevice
{
public:
    // Delays in simulated time; timeScale makes them pass faster, as for the simulator.
    AutoAnsweringDevice(QTextStream &out, std::optional<std::chrono::milliseconds> answerAfter,
                        std::chrono::milliseconds talkFor, double timeScale);

    void ring(Simulator::SimulatedCall *call, const QString &clientName) override;
    void stopRinging(Simulator::SimulatedCall *call) override;

    // For a call the client places itself: hang up after talking for talkFor once it is answered.
    void hangUpAfterTalking(Simulator::SimulatedCall *call);
    // The first call a client answers is handed to answered (the call script) instead of being hung up
    // after talkFor. Until releaseTalks(), the clients who answer after it (a transfer's target, an added
    // party) stay on the call, so that the script can act with them; then each hangs up after talkFor.
    using Answered = std::function<void(Simulator::SimulatedCall *call, const QString &clientName)>;
    void setFirstAnswered(Answered answered);
    void releaseTalks();

private:
    std::chrono::milliseconds real(std::chrono::milliseconds simulated) const;

    QTextStream &m_out;
    std::optional<std::chrono::milliseconds> m_answerAfter;
    std::chrono::milliseconds m_talkFor;
    double m_timeScale;
    Answered m_firstAnswered;
    bool m_holdTalks = false;
    QList<QPointer<Simulator::SimulatedCall>> m_heldTalks; // answered while the script runs
    QHash<QString, QPointer<Simulator::SimulatedCall>> m_onCall; // client name -> the call it answered
};

} // namespace App
