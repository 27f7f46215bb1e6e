#pragma once

// How often, and after how long, a request to Twilio's REST API is tried again when it is turned away (429),
// meets a failing server (5xx) or cannot reach it. The wait doubles from firstWait up to longestWait, and is
// never shorter than the Retry-After Twilio sent; a Retry-After beyond longestRetryAfter ends the request.

#include <chrono>

namespace Rest {

struct RetryPolicy
{
    int attempts = 4; // in all, the first one included
    std::chrono::milliseconds firstWait { 1000 };
    std::chrono::milliseconds longestWait { 8000 };
    std::chrono::milliseconds longestRetryAfter { 60000 };
    // Without any data for this long, an attempt has failed (QNetworkRequest::setTransferTimeout).
    std::chrono::milliseconds transferTimeout { 30000 };
};

} // namespace Rest
