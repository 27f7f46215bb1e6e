#pragma once

// The paths of the routes our own programs call on a Switchboard server, defined once: the dispatcher's
// table and the phone's requests in team mode use these. Twilio's webhooks are Routing::WebhookPaths.

#include <QString>

namespace Server::ApiPaths {

inline QString token()
{
    return QStringLiteral("/token"); // POST: a client's access token
}
inline QString calls()
{
    return QStringLiteral("/calls"); // GET: a client's own calls
}
// POST /calls/{CallSid}/hold or /resume: the client holds the others on its call, or takes them off hold
// (call control).
inline QString holdAction()
{
    return QStringLiteral("hold");
}
inline QString resumeAction()
{
    return QStringLiteral("resume");
}
// POST /calls/{CallSid}/add, form to=ADDRESS: the others are held and ADDRESS is called in (Add call);
// resume then merges all into one three-way call.
inline QString addAction()
{
    return QStringLiteral("add");
}
// POST /calls/{CallSid}/transfer, form to=ADDRESS and talkFirst=true|false: blind, the client leaves at
// once and the others are put through when ADDRESS answers; talk first, as add, until handover.
inline QString transferAction()
{
    return QStringLiteral("transfer");
}
// POST /calls/{CallSid}/handover: the client leaves, and the parties it held and the one it talks to are
// put through to each other.
inline QString handOverAction()
{
    return QStringLiteral("handover");
}
// POST /calls/{CallSid}/drop, form label=LABEL: a party the client brought in is hung up or called off.
inline QString dropAction()
{
    return QStringLiteral("drop");
}
// GET /calls/{CallSid}: the parties of the client's call, as they stand.
inline QString call(const QString &callSid)
{
    return calls() + u'/' + callSid;
}
inline QString callAction(const QString &callSid, const QString &action)
{
    return call(callSid) + u'/' + action;
}
// Only on a server that plays Twilio (serve --simulate-twilio): Server::SimulatorEndpoint.
inline QString simulatorEvents()
{
    return QStringLiteral("/simulator/events"); // GET: what Twilio tells the signed-in phone
}
inline QString simulatorCalls()
{
    return QStringLiteral("/simulator/calls"); // POST: the phone calls out; POST .../{CallSid}: it acts
}
inline QString simulatorIncoming()
{
    return QStringLiteral("/simulator/incoming"); // POST: an outside phone calls one of our numbers
}
// GET: the client's own voicemail; /voicemail/{RecordingSid}: POST {"heard"} or DELETE;
// /voicemail/{RecordingSid}/audio: GET, its audio as WAV.
inline QString voicemail()
{
    return QStringLiteral("/voicemail");
}
inline QString health()
{
    return QStringLiteral("/healthz"); // GET: whether the server and its database answer
}

} // namespace Server::ApiPaths
