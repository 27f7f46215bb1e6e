#pragma once

// `switchboard voicemail list|play|delete`: the voicemail inbox from the command line. play fetches the
// message's audio from Twilio (the REST API, with the account's credentials); delete deletes it at Twilio,
// then here.

#include "app/CommandContext.h"
#include "core/rest/TwilioRestClient.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace Store {
struct Voicemail;
} // namespace Store

namespace App {

class SubcommandParser;

class VoicemailCommand
{
public:
    explicit VoicemailCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "voicemail"

private:
    int list(const QStringList &arguments);
    int play(const QStringList &arguments);
    int remove(const QStringList &arguments);
    // The one RE… argument of play and delete, and its message; prints why not and returns an exit code
    // otherwise (-1 when found).
    int findMessage(const SubcommandParser &parser, Store::Voicemail *found);
    // One request to Twilio's REST API with the command's account, waited for: the command line has nothing
    // else to do meanwhile. None when there is no account to ask with (said on standard error).
    using Ask = std::function<void(Rest::TwilioRestClient &client, Rest::TwilioRestClient::Done done)>;
    std::optional<Rest::ApiReply> askTwilio(const QString &command, const Ask &ask);

    const CommandContext &m_context;
};

} // namespace App
