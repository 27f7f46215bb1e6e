#pragma once

// The server's "now" for the limits that count time (sign-in windows, connection timeouts): a monotonic
// clock in milliseconds, passed as a function so that tests move time by hand instead of waiting for it.

#include <chrono>
#include <functional>

namespace Server {

using MonotonicClock = std::function<std::chrono::milliseconds()>;

// std::chrono::steady_clock: what the server runs on.
MonotonicClock steadyClock();

} // namespace Server
