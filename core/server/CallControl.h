#pragma once

// Call control on Twilio's side (Routing::RoutingSettings::callControl): each call waits in a conference of
// its own while this server asks Twilio's REST API to call the other party in, follows the conference
// through its callbacks, and holds or resumes parties when a phone that is on the call asks. What it learns
// is kept in the database (Store::ConferenceStore), so that any server sharing it can act on any call.
// Everything runs in the request's thread, whose event loop carries the REST requests.

#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"
#include "core/webhook/FormParameters.h"

#include <functional>
#include <memory>
#include <optional>

namespace Rest {
class TwilioRestClient;
} // namespace Rest

namespace Routing {
struct ConferenceParty;
} // namespace Routing

namespace Store {
class Database;
struct CallEvent;
struct RoomParty;
} // namespace Store

namespace Server {

class CallControl
{
public:
    // Notes event in the call log and answers with response once it is durable, or with failure.
    using StoreThenReply
        = std::function<void(const Store::CallEvent &event, const HttpResponse &response,
                             const HttpResponse &failure, RequestRecord record, const Reply &reply)>;

    // storeThenReply is for the conference's callbacks, which tell what a call came to (answered, or
    // missed while the party rang); without it they note nothing in the call log.
    CallControl(std::shared_ptr<Store::Database> database, const ServerSettings &settings,
                StoreThenReply storeThenReply = {});

    // Notes caller as the room's first party and asks Twilio to call party in. done gets an empty sentence
    // once Twilio took the request, else why it could not.
    using Done = std::function<void(const QString &problem)>;
    void callParty(const Routing::ConferenceParty &party, const Store::RoomParty &caller,
                   const Done &done) const;

    // POST /voice/party?room=…&label=…: how the leg of a party called in goes. A party that ends without
    // having answered sends the caller on, as a <Dial> that ended so would (WebhookPaths::dialComplete).
    void partyStatus(const Webhook::FormParameters &parameters, RequestRecord record,
                     const Reply &reply) const;
    // POST /voice/conference: the conference's callbacks (joins, leaves, holds, its SID). When the caller
    // leaves, a party still being called is called off.
    void conferenceEvent(const Webhook::FormParameters &parameters, RequestRecord record,
                         const Reply &reply) const;

    // A phone on the call asks: clientName's leg callSid puts everyone else in its conference on hold, or
    // takes them off. Answers 404 for a call that is not the client's.
    void setHold(const QString &clientName, const QString &callSid, bool hold, RequestRecord record,
                 const Reply &reply) const;

private:
    // For the REST requests on room's calls.
    Rest::TwilioRestClient *restClient(const QString &room, QString *problem) const;
    QString publicUrl(const QString &path) const;
    void sendCallerOn(const QString &room, const QString &dialCallStatus) const;
    void callOff(const QString &room) const;
    // What a conference event tells of the call's outcome: answered when the party joins, missed (or not
    // answered) when the caller leaves while the party still rings.
    std::optional<Store::CallEvent> outcomeOf(const QString &event, const QString &label,
                                              const QString &room) const;

    std::shared_ptr<Store::Database> m_database;
    const ServerSettings &m_settings;
    StoreThenReply m_storeThenReply;
};

} // namespace Server
