#pragma once

// tel: URIs (RFC 3966) as desktops hand them to the phone: "tel:+81-90-5987-6543" -> "+81-90-5987-6543".

#include "core/common/Result.h"

#include <QString>

namespace Phone {

class TelUri
{
public:
    static constexpr int maxLength = 256;

    // The number a tel: URI names, visual separators kept (the number field formats it anyway); its
    // parameters (";phone-context=...", ";ext=...") are dropped. Refused: another scheme, no digits, or
    // characters a phone number cannot hold.
    static Result<QString> parse(const QString &uri);
    static bool looksLikeTelUri(const QString &text); // starts with tel: (any case)
};

} // namespace Phone
