#pragma once

// What a phone on a call under call control may do to it (POST /calls/{CallSid}/{action}, or in-process on
// the desktop): hold and resume the others, add a party and merge, transfer blind or after talking first,
// hand over and leave, and drop a party it brought in. The client must be a party of the call: any other
// gets the same 404 as a call that does not exist. Destinations follow the rules of the client's own
// outgoing calls (Routing::CallRouter::outgoing), toll-fraud guard included. The REST requests go through
// ConferenceRest; what they change is noted in the database (Store::ConferenceStore) before the answer.

#include "core/routing/CallRouter.h"
#include "core/server/ConferenceRest.h"
#include "core/server/Reply.h"
#include "core/server/ServerSettings.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"
#include "core/store/RoomParty.h"

#include <memory>
#include <optional>

namespace Store {
class Database;
} // namespace Store

namespace Server {

class CallActions
{
public:
    struct Request
    {
        QString clientName; // who asks: the signed-in client, or the desktop's own
        QString callSid; // its own leg of the call
        QString action; // ApiPaths::holdAction() ... dropAction()
        QString to; // add, transfer: whom to call in
        bool talkFirst = false; // transfer: talk to the target before handing over
        QString label; // drop: the party to hang up
    };

    CallActions(std::shared_ptr<Store::Database> database, const ServerSettings &settings);

    // Answers 200 (or 202 while a party is being called) with the parties acted on, 400 for a request
    // that makes no sense, 404 for a call not the client's, 409 for one not in a state for it, 422 for a
    // refused destination, 502 when Twilio refused, 500 when the database failed.
    void perform(const Request &request, RequestRecord record, const Reply &reply) const;

    // GET /calls/{CallSid}: the client's call as it stands, for the phone to show ("Calling alice…",
    // "3 people"): {"parties": [{"label", "address", "state", "onHold", "you"}]}, in the order they came.
    // The same 404 as perform() for a call not the client's.
    void describe(const QString &clientName, const QString &callSid, RequestRecord record,
                  const Reply &reply) const;

private:
    using Parties = QList<Store::RoomParty>;

    // The client's own party of the call callSid; nullopt once reply was given (404, 500).
    std::optional<Store::RoomParty> ownParty(const QString &clientName, const QString &callSid,
                                             RequestRecord &record, const Reply &reply) const;

    void setHold(const Store::RoomParty &self, const Parties &others, bool hold, RequestRecord record,
                 const Reply &reply) const;
    void bringIn(const Request &request, const Store::RoomParty &self, const Parties &parties,
                 RequestRecord record, const Reply &reply) const;
    void handOver(const Store::RoomParty &self, const Parties &present, RequestRecord record,
                  const Reply &reply) const;
    void drop(const Store::RoomParty &self, const QString &label, const Parties &parties,
              RequestRecord record, const Reply &reply) const;
    // Holds or resumes each party in turn, noting it; done gets the first problem, or an empty sentence.
    void holdEach(const Store::RoomParty &self, const Parties &parties, bool hold,
                  const ConferenceRest::Done &done) const;
    // self leaves the call without ending it for the others.
    void leave(const Store::RoomParty &self, const ConferenceRest::Done &done) const;

    std::shared_ptr<Store::Database> m_database;
    Store::NumberStore m_numbers;
    Store::ClientStore m_clients;
    Routing::CallRouter m_router; // with call control on, for the destinations' rules
    ConferenceRest m_rest;
};

} // namespace Server
