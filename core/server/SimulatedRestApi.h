#pragma once

// Twilio's REST API of a server that plays Twilio (`serve --simulate-twilio`). The recordings, so that
// voicemail can be played and deleted with no Twilio account: GET and DELETE
// /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}.json, and GET ….wav for the audio. As at
// Twilio, HTTP Basic with the account SID and auth token, or the API key and its secret; errors in
// Twilio's JSON form. The calls and conferences (SimulatedCalls), and the account's numbers, apps and keys
// (SimulatedAccount). Point a client at it with SWITCHBOARD_TWILIO_API_URL.

#include "core/config/TwilioAccount.h"
#include "core/server/HttpRequest.h"
#include "core/server/HttpResponse.h"
#include "core/server/Reply.h"

#include <memory>

namespace Server {

class SimulatedAccount;
class SimulatedCalls;
class SimulatedRecordings;

class SimulatedRestApi
{
public:
    SimulatedRestApi(const Config::TwilioAccount &account, std::shared_ptr<SimulatedRecordings> recordings,
                     std::shared_ptr<SimulatedCalls> calls,
                     std::shared_ptr<SimulatedAccount> simulatedAccount,
                     PostToRequestThread postToRequestThread);

    // Twilio's error body: {"code", "message", "more_info", "status"}.
    static HttpResponse twilioError(int status, int code, const QString &message);
    // Whether path is one of Twilio's (it starts with /2010-04-01/).
    static bool serves(const QString &path);
    // Any request thread. who: what was asked, for the request's record.
    HttpResponse handle(const HttpRequest &request, QString *who) const;
    // The same, for every resource: calls and conferences (SimulatedCalls) answer later.
    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const;

private:
    bool isAuthorized(const HttpRequest &request) const;
    // The account itself (resource empty), its numbers, apps and keys.
    HttpResponse answerForAccount(const HttpRequest &request, const QString &resource, QString *what) const;

    Config::TwilioAccount m_account;
    std::shared_ptr<SimulatedRecordings> m_recordings;
    std::shared_ptr<SimulatedCalls> m_calls;
    std::shared_ptr<SimulatedAccount> m_simulatedAccount;
    PostToRequestThread m_postToRequestThread;
};

} // namespace Server
