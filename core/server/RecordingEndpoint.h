#pragma once

// The voicemail webhooks after their signature was checked: POST /voice/recording (<Record
// recordingStatusCallback>) and POST /voice/transcription (<Record transcribeCallback>). Each is stored in
// the voicemail inbox before it is answered, on the request's own thread: they come once per message, not
// once per call event, so they need no group commit.

#include "core/common/Result.h"
#include "core/server/Reply.h"
#include "core/webhook/FormParameters.h"

#include <memory>

namespace Store {
class Database;
} // namespace Store

namespace Server {

class RecordingEndpoint
{
public:
    explicit RecordingEndpoint(std::shared_ptr<Store::Database> database);

    void recording(const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) const;
    void transcription(const Webhook::FormParameters &parameters, RequestRecord record,
                       const Reply &reply) const;

private:
    // Stored, or answered 500 so that the failure shows in Twilio's debugger and our log.
    void replyAfter(const Result<void> &stored, const QString &outcome, RequestRecord record,
                    const Reply &reply) const;

    std::shared_ptr<Store::Database> m_database;
};

} // namespace Server
