#pragma once

// How many wrong credentials POST /token takes, per client name and per address, before it makes the
// sender wait; kept apart from LoginThrottle so that ServerSettings can carry them.

#include <chrono>

namespace Server {

struct LoginLimits
{
    // Wrong secrets for one client name within the window; then that name waits for the window's end.
    // This is what stops guessing at a secret, whoever sends the guesses.
    int failuresPerName = 10;
    // Wrong credentials from one address (an IPv6 /64) within the window, whatever the names. Much higher
    // than the per-name limit: behind a tunnel or NAT, many honest clients share one address.
    int failuresPerAddress = 100;
    std::chrono::milliseconds window = std::chrono::minutes(1);
    // Names and addresses remembered, each: past this, the oldest are forgotten rather than memory grown.
    int maxTracked = 10000;
};

} // namespace Server
