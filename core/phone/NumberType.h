#pragma once

// What kind of line a telephone number reaches, as the toll-fraud guard sees it: libphonenumber's types,
// plus "satellite" (+870 Inmarsat, +881 GMSS, +882 international networks) and "non-geographic" (the other
// calling codes of no country, +800, +883, ...), which libphonenumber files under region "001".

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Phone {

enum class NumberType {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    Voip,
    Personal,
    Pager,
    Voicemail,
    // Refused by default: the kinds toll fraud dials.
    PremiumRate,
    SharedCost,
    Satellite,
    NonGeographic,
    Uan,
    Unknown,
};

// Names as the command line and the settings file write them: "premium-rate", "satellite", ...
QString numberTypeName(NumberType type);
std::optional<NumberType> numberTypeFromName(const QString &name);

// The types outgoing calls do not reach unless the operator allows each by name, in this order.
QList<NumberType> numberTypesRefusedByDefault();
QStringList numberTypeNamesRefusedByDefault();
// What the type is, for a person, short enough for a check box: "premium-rate (+1 900)".
QString numberTypeDescription(NumberType type);

} // namespace Phone
