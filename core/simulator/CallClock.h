#pragma once

// A call's simulated time: it runs, timeScale times faster than real time, only while the call waits for
// a person or a timer (ringing, talking, a Pause). The server's answers take no simulated time: the server
// is real, and scaling its milliseconds up would only add noise to the durations.

#include <QElapsedTimer>

namespace Simulator {

class CallClock
{
public:
    explicit CallClock(double timeScale)
        : m_timeScale(timeScale)
    { }

    void run();
    void hold();
    bool isRunning() const { return m_running.isValid(); }
    // Simulated milliseconds so far.
    qint64 elapsedMs() const;
    // Real milliseconds a wait of simulatedMs takes.
    int realMs(qint64 simulatedMs) const { return realMs(simulatedMs, m_timeScale); }
    static int realMs(qint64 simulatedMs, double timeScale);

    static int seconds(qint64 milliseconds) { return int((milliseconds + 500) / 1000); }

private:
    double m_timeScale;
    QElapsedTimer m_running; // invalid while held
    qint64 m_heldNs = 0; // simulated nanoseconds of the earlier runs
};

} // namespace Simulator
