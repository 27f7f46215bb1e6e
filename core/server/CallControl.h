#pragma once

// Call control on Twilio's side (Routing::RoutingSettings::callControl): each call waits in a conference of
// its own while this server asks Twilio's REST API to call the other party in, follows the conference
// through its callbacks, and holds or resumes parties when a phone that is on the call asks. What it learns
// is kept in the database (Store::ConferenceStore), so that any server sharing it can act on any call.
// Everything runs in the request's thread, whose event loop carries the REST requests. What phones ask of a
// call is CallActions'.

#include "core/server/ConferenceRest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"
#include "core/webhook/FormParameters.h"

#include <functional>
#include <memory>
#include <optional>

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

private:
    // Calls off room's parties still being called: every one when the conference is over, else only
    // onlyLabel.
    void callOff(const QString &room, const QString &onlyLabel = QString()) const;
    // A party a phone brought in never came (declined, busy, called off): whom its bringer held comes back
    // to the bringer; with the bringer gone (a blind transfer), the caller goes on as after a <Dial> that
    // nobody answered, and anyone else left alone is hung up.
    void afterNoShow(const QString &room) const;
    // After a party joined or left: a party held by someone who has left (a blind transfer, an added call
    // whose holder hung up) is taken off hold once someone is there to talk to; one held by a party who
    // is now alone with it, the party it brought in having left, comes back to it.
    void settle(const QString &room, const QString &event, const QString &label) const;
    void resume(const Store::RoomParty &party) const;
    // What a conference event tells of the call's outcome: answered when the party joins, missed (or not
    // answered) when the caller leaves while the party still rings.
    std::optional<Store::CallEvent> outcomeOf(const QString &event, const QString &label,
                                              const QString &room) const;

    std::shared_ptr<Store::Database> m_database;
    const ServerSettings &m_settings;
    StoreThenReply m_storeThenReply;
    ConferenceRest m_rest;
};

} // namespace Server
