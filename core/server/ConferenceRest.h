#pragma once

// The REST requests of call control, on one call's conference: calling a party in, changing a participant
// (hold, whether its leaving ends the conference), and changing or ending a leg. A call the server's own
// simulator plays is changed there, every other at Twilio. Each done runs once, in the calling thread,
// with an empty sentence on success, else why not.

#include "core/common/Result.h"
#include "core/server/ServerSettings.h"

#include <QUrlQuery>

#include <functional>

namespace Rest {
struct ApiReply;
} // namespace Rest

namespace Routing {
struct ConferenceParty;
} // namespace Routing

namespace Server {

class ConferenceRest
{
public:
    using Done = std::function<void(const QString &problem)>;
    // The new leg's CallSid, or why the party could not be called.
    using CalledIn = std::function<void(Result<QString> callSid)>;

    explicit ConferenceRest(const ServerSettings &settings);

    // The URL Twilio requests for one of our paths.
    QString publicUrl(const QString &path) const;

    // Calls party into its room. endsConference: whether its leaving ends the conference.
    void callIn(const Routing::ConferenceParty &party, bool endsConference, const CalledIn &done) const;
    // Holds (with our hold music) or resumes the participant label of the conference conferenceSid.
    void setHold(const QString &room, const QString &conferenceSid, const QString &label, bool hold,
                 const Done &done) const;
    // Whether the participant's leaving ends the conference: off for a party about to leave it for
    // others, on for one it is handed to.
    void setEndsConference(const QString &room, const QString &conferenceSid, const QString &label, bool ends,
                           const Done &done) const;
    // Ends the leg callSid of room's call: calls it off while it rings (calledOff), else hangs it up.
    // what names it in sentences: "transfer-1 of call CA…".
    void endLeg(const QString &room, const QString &callSid, bool calledOff, const QString &what,
                const Done &done) const;
    // Changes the leg callSid of room's call: form is Calls/{callSid}'s (Url, Status, ...).
    void updateCall(const QString &room, const QString &callSid, const QUrlQuery &form, const QString &what,
                    const Done &done) const;

    // Sends room's first leg on from its conference as a <Dial> that ended with dialCallStatus would
    // (WebhookPaths::dialComplete): an outside caller may leave a message. Problems are only logged: the
    // caller may have hung up meanwhile.
    void sendCallerOn(const QString &room, const QString &dialCallStatus) const;

private:
    void send(const QString &room, bool creates, const QString &resource, const QUrlQuery &form,
              const QString &what, const std::function<void(const Rest::ApiReply &)> &done) const;

    const ServerSettings &m_settings;
};

} // namespace Server
