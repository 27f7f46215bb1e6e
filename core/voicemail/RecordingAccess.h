#pragma once

// Where a message's recording is fetched and deleted: Twilio's REST API with the account's credentials, or
// the simulator's copy of it. For the desktop, which holds the account itself.

#include "core/common/Result.h"
#include "core/rest/ApiAccess.h"

#include <functional>
#include <optional>

namespace Store {
struct Voicemail;
} // namespace Store

namespace Voicemail {

// The REST API that holds the message's recording; none when no API holds it any more (a simulated
// recording of an earlier run: only the row is left); a failure when the API that should cannot be
// reached (no account credentials).
using RecordingAccess
    = std::function<Result<std::optional<Rest::ApiAccess>>(const Store::Voicemail &message)>;

} // namespace Voicemail
