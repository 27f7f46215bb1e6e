#pragma once

// The softphone side of simulated calls, implemented by a front end: the command line answers by itself
// after a delay, the GUI's simulated device rings the phone, tests script it.

#include <QString>

namespace Simulator {

class SimulatedCall;

class ClientDevice
{
public:
    virtual ~ClientDevice() = default;
    // clientName's phone rings for call: the front end calls call->answer() or call->reject(), or lets it
    // ring. It may do so at once, from inside ring(): the call acts on it from the event loop.
    virtual void ring(SimulatedCall *call, const QString &clientName) = 0;
    // The ringing stopped without an answer (the Dial timed out or the caller hung up).
    virtual void stopRinging(SimulatedCall *call) { Q_UNUSED(call); }
};

} // namespace Simulator
