#pragma once

// The participant labels of a call's conference (call control), defined once: the router's TwiML, the REST
// requests that call parties in, and the phone's actions on them name participants by these.

#include <QLatin1String>
#include <QString>

namespace Routing::PartyLabel {

inline QString caller()
{
    return QStringLiteral("caller"); // the call's first leg: whoever called
}
inline QString callee()
{
    return QStringLiteral("callee"); // the party the server called in for it
}

// Parties a phone on the call brings in: "added-1" (Add call, three-way calling), "transfer-1" (a transfer's
// target). Numbered from the room's count of parties, so unique in the room once claimed.
inline QString added(int number)
{
    return QStringLiteral("added-%1").arg(number);
}
inline QString transferTarget(int number)
{
    return QStringLiteral("transfer-%1").arg(number);
}
inline bool isTransferTarget(const QString &label)
{
    return label.startsWith(QLatin1String("transfer-"));
}
// Whether a phone on the call brought the party in, rather than the call's routing.
inline bool isBroughtIn(const QString &label)
{
    return label.startsWith(QLatin1String("added-")) || isTransferTarget(label);
}

} // namespace Routing::PartyLabel
