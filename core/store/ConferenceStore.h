#pragma once

// The parties of the calls under call control: which leg of which conference is whose, so that a phone may
// act only on a call it is part of, and so that any server sharing the database can act on any call.
// Every write is idempotent: Twilio may send the same callback twice, and callbacks may cross.

#include "core/common/Result.h"
#include "core/store/RoomParty.h"

#include <QList>

#include <memory>
#include <optional>

namespace Store {

class Database;

class ConferenceStore
{
public:
    explicit ConferenceStore(std::shared_ptr<Database> database);

    // Adds the party, or fills in what an earlier row of its room and label lacked (a CallSid, a client).
    Result<void> addParty(const RoomParty &party);
    // Adds the party only if its room has no party of that label yet: false when another took it first.
    Result<bool> claimParty(const RoomParty &party);
    // Twilio's SID of the room's conference, on every party of the room.
    Result<void> setConferenceSid(const QString &room, const QString &conferenceSid);
    Result<void> setState(const QString &room, const QString &label, const QString &state);
    // heldBy: the label of the party holding it; empty keeps the one noted (Twilio's callbacks don't say).
    Result<void> setHold(const QString &room, const QString &label, bool onHold,
                         const QString &heldBy = QString());

    // The party whose leg is callSid.
    Result<std::optional<RoomParty>> partyOfCall(const QString &callSid) const;
    Result<std::optional<RoomParty>> party(const QString &room, const QString &label) const;
    // In the order they were added.
    Result<QList<RoomParty>> parties(const QString &room) const;

private:
    Result<void> changeParty(const QString &sql, const QVariant &value, const QString &room,
                             const QString &label, const QString &doing);

    std::shared_ptr<Database> m_database;
};

} // namespace Store
