#pragma once

// The rule for a region code (ISO 3166, "JP"), defined once: the settings file, the Settings page, the
// command lines and the toll-fraud guard all accept the same codes and explain a refusal the same way.

#include <QString>

namespace Phone {

class RegionCode
{
public:
    // What a person typed, as it is stored: trimmed and in capitals ("jp " is "JP").
    static QString normalized(const QString &text);
    // Empty when code is a region libphonenumber knows, written as it is stored (two capital letters);
    // else a sentence without the field's name. A calling code ("1", "+81") gets the regions it means.
    static QString problem(const QString &code);
};

} // namespace Phone
