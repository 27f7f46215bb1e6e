#pragma once

// Twilio's CallStatus and DialCallStatus values, with their wire names, defined once: the router, the
// simulator, the call log and the GUI compare and write statuses through this, never by spelling them.

#include "core/common/Result.h"

#include <QString>

namespace Webhook {

enum class CallStatus {
    Queued,
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Answered, // only a DialCallStatus: the dialled party answered
    Busy,
    NoAnswer,
    Failed,
    Canceled,
};

class CallStatuses
{
public:
    // The wire name: "queued", "in-progress", "no-answer", ...
    static QString name(CallStatus status);
    // The status with exactly this wire name; a name Twilio does not send is refused.
    static Result<CallStatus> parse(const QString &name);
    // For people: "Ringing", "In progress", "No answer", ... A call still going shows this until its
    // outcome is known.
    static QString label(CallStatus status);
    // The label of a wire name, or the name itself when Twilio sent something else.
    static QString labelOf(const QString &name);
    // Whether name is the wire name of status (exactly, as Twilio sends it).
    static bool is(const QString &name, CallStatus status);
    // Whether a call leg that reports status is over: completed, busy, no-answer, failed or canceled.
    // Answered is not: it tells that a <Dial> connected, not that the caller's leg ended.
    static bool isFinal(CallStatus status);
};

} // namespace Webhook
