#pragma once

// The form parameters Twilio posts for a call, as the seed captured them, and the SIDs it makes up.

#include "core/webhook/FormParameters.h"

#include <QDateTime>
#include <QString>

namespace Simulator {

class TwilioParameters
{
public:
    // prefix ("CA", "AC", "AP") + 32 random lowercase hex digits.
    static QString newSid(const QString &prefix);

    // A call to one of our numbers (the number's "A CALL COMES IN" URL). Numbers are sent in E.164 when
    // libphonenumber reads them (without +CC, as numbers of region), else as given; the country fields are
    // their regions, or empty.
    static Webhook::FormParameters incomingCall(const QString &accountSid, const QString &callSid,
                                                const QString &from, const QString &to,
                                                const QString &region);
    // A client connecting through the TwiML App; the client's own parameters are added by the caller.
    static Webhook::FormParameters outgoingCall(const QString &accountSid, const QString &applicationSid,
                                                const QString &callSid, const QString &clientName,
                                                const QString &to);
    // A call Twilio places because the REST API asked (a conference participant): outbound-api.
    static Webhook::FormParameters participantCall(const QString &accountSid, const QString &callSid,
                                                   const QString &from, const QString &to);
    // A status callback for the call that call describes (its CallSid, From, To, Direction, ...).
    // duration < 0 leaves CallDuration out.
    static Webhook::FormParameters statusCallback(const Webhook::FormParameters &call, const QString &status,
                                                  int sequenceNumber, int duration,
                                                  const QDateTime &timestamp);

    // "Mon, 16 Aug 2010 03:45:01 +0000", Twilio's Timestamp.
    static QString rfc2822(const QDateTime &time);

    static constexpr QLatin1StringView apiVersion { "2010-04-01" };
};

} // namespace Simulator
