#include "core/simulator/CallClock.h"

#include <QtGlobal>

#include <limits>

namespace Simulator {

void CallClock::run()
{
    if (!m_running.isValid())
        m_running.start();
}

void CallClock::hold()
{
    if (!m_running.isValid())
        return;
    m_heldNs += qint64(double(m_running.nsecsElapsed()) * m_timeScale);
    m_running.invalidate();
}

qint64 CallClock::elapsedMs() const
{
    qint64 ns = m_heldNs;
    if (m_running.isValid())
        ns += qint64(double(m_running.nsecsElapsed()) * m_timeScale);
    return ns / 1000000;
}

int CallClock::realMs(qint64 simulatedMs, double timeScale)
{
    const double real = double(simulatedMs) / timeScale;
    return int(qBound(0.0, real, double(std::numeric_limits<int>::max())));
}

} // namespace Simulator
