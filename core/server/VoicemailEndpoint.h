#pragma once

// A signed-in client's own voicemail (ClientSignIn), for the phone's Voicemail tab in team mode: the phone
// never holds the account's credentials, so the server fetches and deletes at Twilio for it.
//   GET    /voicemail?limit=N               {"voicemail": [...], "unheard": N}, newest first
//   GET    /voicemail/{RecordingSid}/audio  the message as WAV, fetched from Twilio's REST API
//   POST   /voicemail/{RecordingSid}        {"heard": true|false}
//   DELETE /voicemail/{RecordingSid}        deleted at Twilio, then here
// Another client's message is answered as one that does not exist (404).

#include "core/server/ClientSignIn.h"
#include "core/server/HttpRequest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"

#include <memory>

namespace Rest {
class TwilioRestClient;
} // namespace Rest

namespace Store {
class Database;
struct Voicemail;
} // namespace Store

namespace Server {

class VoicemailEndpoint
{
public:
    static constexpr int defaultLimit = 50;
    static constexpr int maximumLimit = 200;

    VoicemailEndpoint(const ClientSignIn &signIn, std::shared_ptr<Store::Database> database,
                      const ServerSettings &settings);

    static bool serves(const QString &path);
    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const;

    // What a request asks, read before the sign-in so that a malformed one costs no hashing.
    struct Asked
    {
        enum class Action { List, Audio, Mark, Delete };
        Action action = Action::List;
        QString recordingSid;
        int limit = defaultLimit;
        bool heard = false;
    };

private:
    void signedIn(const QString &clientName, const Asked &asked, RequestRecord record,
                  const Reply &reply) const;
    HttpResponse list(const QString &clientName, int limit, RequestRecord &record) const;
    // A REST client for the account, which deletes itself later once its answer is in; null when the
    // server has no access to Twilio's REST API (then the request is answered).
    Rest::TwilioRestClient *restClient(RequestRecord &record, const Reply &reply) const;
    // The audio, or the deletion, through the REST client; answers when Twilio has.
    void fetchAudio(const Store::Voicemail &message, RequestRecord record, const Reply &reply) const;
    void remove(const Store::Voicemail &message, RequestRecord record, const Reply &reply) const;

    const ClientSignIn &m_signIn;
    std::shared_ptr<Store::Database> m_database;
    const ServerSettings &m_settings;
};

} // namespace Server
