#pragma once

// How a handler answers one request: now, or later once its work is done (a call event committed, a
// secret checked). Called exactly once, in the thread that serves the request's connection; the
// connection's answers still go out in the order its requests came.

#include "core/server/HttpResponse.h"
#include "core/server/RequestRecord.h"

#include <functional>

namespace Server {

using Reply = std::function<void(HttpResponse response, RequestRecord record)>;

// Runs a task later in the thread that serves the request (see Common::ThreadMailbox::post()); false when
// that thread has stopped and the task will never run.
using PostToRequestThread = std::function<bool(std::function<void()> task)>;

} // namespace Server
