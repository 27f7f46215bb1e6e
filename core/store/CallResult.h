#pragma once

// What a call came to for the person on our side: answered, missed, declined, busy, failed, voicemail. The
// one vocabulary that the router decides, the call log stores, the simulator reports and the GUI shows.
// Twilio's call status tells only how the caller's leg ended ("completed" for a call that reached
// voicemail, or that the server refused with a spoken message), and stays a detail beside it.

#include <QString>
#include <QStringList>

namespace Store {

enum class CallResult {
    Unknown, // not decided yet (the call goes on), or a call logged before outcomes were kept
    Answered, // someone talked; the call's duration is the talk time
    Missed, // incoming, rang and nobody answered (or the caller gave up first)
    NoAnswer, // outgoing, the other side did not answer (or our side gave up first)
    Declined, // incoming, our phone declined it (the person, or Do not disturb)
    Busy, // outgoing, the other side was busy or declined
    Failed, // could not be put through: refused by the server, or the Dial failed
    Voicemail, // the caller left a message
};

class CallResults
{
public:
    // The stored and printed name: "answered", "no-answer", ...; empty for Unknown.
    static QString name(CallResult result);
    // Every outcome but Unknown, in the order lists show them.
    static QList<CallResult> all();
    // Unknown for an empty or unknown name.
    static CallResult fromName(const QString &name);
    // What the person reads, translated: "Answered", "No answer", ...
    static QString label(CallResult result);

    // What a <Dial>'s DialCallStatus means for our person. incoming: the Dial rang our client for an
    // outside caller; otherwise our client placed the call.
    static CallResult ofDial(const QString &dialCallStatus, bool incoming);

    // Which of two outcomes told for one call stands: the one of higher precedence, or the later of equal
    // precedence. A message left after a missed or declined call is what the person needs to know.
    static int precedence(CallResult result);
    // precedence() of the outcome name in column, as an SQL expression: the call log folds its events with
    // it in the same statement that stores them.
    static QString precedenceSql(const QString &column);
};

} // namespace Store
