#include "core/server/MonotonicClock.h"

namespace Server {

MonotonicClock steadyClock()
{
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
    };
}

} // namespace Server
