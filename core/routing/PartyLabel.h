#pragma once

// The participant labels of a call's conference (call control), defined once: the router's TwiML, the REST
// requests that call parties in, and the phone's actions on them name participants by these.

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

} // namespace Routing::PartyLabel
