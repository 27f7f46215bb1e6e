#pragma once

// The command line's simulated softphone: it answers a ringing call after a delay (or never) and hangs up
// after talking for a while, printing what it does.

#include "core/simulator/CallSimulator.h"

#include <QTextStream>

#include <chrono>
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

private:
    std::chrono::milliseconds real(std::chrono::milliseconds simulated) const;

    QTextStream &m_out;
    std::optional<std::chrono::milliseconds> m_answerAfter;
    std::chrono::milliseconds m_talkFor;
    double m_timeScale;
};

} // namespace App
