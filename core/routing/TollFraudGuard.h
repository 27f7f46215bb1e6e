#pragma once

// Which destinations outgoing calls may reach. Like Twilio's default Geo Permissions, only the home region,
// unless more regions are allowed; and never the number types toll fraud dials (premium-rate, satellite,
// ...) unless each is allowed by name. Regions are ISO 3166 codes, not calling codes: +1 is also Jamaica.

#include "core/common/Result.h"
#include "core/phone/NumberType.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Phone {
class PhoneNumber;
} // namespace Phone

namespace Routing {

class TollFraudGuard
{
public:
    struct Refusal
    {
        QString spoken; // for the caller: "calls to Jamaica are not allowed"
        QString detail; // for the log: the number, its region and type, and what would allow it
    };

    // allowedRegions empty: homeRegion alone. allowedTypes: of Phone::numberTypesRefusedByDefault().
    TollFraudGuard(const QString &homeRegion, const QStringList &allowedRegions,
                   const QList<Phone::NumberType> &allowedTypes);

    std::optional<Refusal> refusal(const Phone::PhoneNumber &number) const;
    const QStringList &regions() const { return m_regions; }

    // For the command line and the settings: upper-cased, duplicates dropped. A calling code ("1", "+81")
    // gets a sentence naming the regions it stands for.
    static Result<QStringList> parseRegions(const QStringList &texts);
    // Only types refused by default can be named: the others are allowed already.
    static Result<QList<Phone::NumberType>> parseNumberTypes(const QStringList &names);
    // Empty when the text is a region outgoing calls can be allowed to; else why not.
    static QString regionProblem(const QString &region);

private:
    QStringList m_regions;
    QList<Phone::NumberType> m_allowedTypes;
};

} // namespace Routing
