#pragma once

// One leg of a call's conference under call control, as the server keeps it (ConferenceStore).

#include <QLatin1String>
#include <QString>

namespace Store {

struct RoomParty
{
    QString room; // the conference's name: the CallSid of the call's first leg
    QString label; // its participant label (Routing::PartyLabel), unique in the room
    QString callSid; // empty until Twilio named the leg
    QString clientName; // the client the leg rings or is, if one
    QString address; // client:NAME or +E164
    QString conferenceSid; // CF…, empty until a conference callback told it
    QString state; // "calling", "joined", "left", or the final status of a leg that never joined
    bool onHold = false;
    QString heldBy; // the label of the party that put it on hold, while it is held by one

    // On the call: its leg answered, and it has not left.
    bool isPresent() const { return state == QLatin1String("joined") || state == QLatin1String("answered"); }
};

} // namespace Store
