#include "core/routing/TollFraudGuard.h"

#include "core/phone/PhoneNumber.h"
#include "core/phone/RegionCode.h"

#include <QLocale>

namespace Routing {
namespace {

QString regionName(const QString &region)
{
    const QLocale::Territory territory = QLocale::codeToTerritory(region);
    return territory == QLocale::AnyTerritory ? region : QLocale::territoryToString(territory);
}

QString spokenType(Phone::NumberType type)
{
    switch (type) {
    case Phone::NumberType::PremiumRate:
        return QStringLiteral("premium-rate numbers");
    case Phone::NumberType::SharedCost:
        return QStringLiteral("shared-cost numbers");
    case Phone::NumberType::Satellite:
        return QStringLiteral("satellite phones");
    case Phone::NumberType::NonGeographic:
        return QStringLiteral("international network numbers");
    case Phone::NumberType::Uan:
        return QStringLiteral("company numbers");
    default:
        break;
    }
    return QStringLiteral("numbers of this kind");
}

} // namespace

TollFraudGuard::TollFraudGuard(const QString &homeRegion, const QStringList &allowedRegions,
                               const QList<Phone::NumberType> &allowedTypes)
    : m_regions(allowedRegions.isEmpty() ? QStringList { homeRegion.toUpper() } : allowedRegions)
    , m_allowedTypes(allowedTypes)
{ }

std::optional<TollFraudGuard::Refusal> TollFraudGuard::refusal(const Phone::PhoneNumber &number) const
{
    const Phone::NumberType type = number.type();
    const QString typeName = Phone::numberTypeName(type);
    const bool riskyType = Phone::numberTypesRefusedByDefault().contains(type);
    if (riskyType && !m_allowedTypes.contains(type))
        return Refusal { QStringLiteral("calls to %1 are not allowed").arg(spokenType(type)),
                         QStringLiteral("%1 is a %2 number; allow the type with --allow-number-type %2 "
                                        "or on the Settings page")
                             .arg(number.e164(), typeName) };
    // Numbers of no country (satellite, international networks) have no region to allow: naming their
    // type is what allows them.
    if (number.isNonGeographic())
        return std::nullopt;
    const QString region = number.regionCode();
    if (!m_regions.contains(region))
        return Refusal { QStringLiteral("calls to %1 are not allowed").arg(regionName(region)),
                         QStringLiteral("%1 is in %2; outgoing calls may reach %3 (allow more with "
                                        "--allow-region or on the Settings page)")
                             .arg(number.e164(), region, m_regions.join(QStringLiteral(", "))) };
    return std::nullopt;
}

QString TollFraudGuard::regionProblem(const QString &region)
{
    return Phone::RegionCode::problem(Phone::RegionCode::normalized(region));
}

Result<QStringList> TollFraudGuard::parseRegions(const QStringList &texts)
{
    QStringList regions;
    for (const QString &text : texts) {
        // "JP,US" as well as "JP" "US": the settings file and a shell user may write either.
        for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
            if (const QString problem = regionProblem(part); !problem.isEmpty())
                return Failure(problem);
            const QString region = Phone::RegionCode::normalized(part);
            if (!regions.contains(region))
                regions << region;
        }
    }
    return regions;
}

Result<QList<Phone::NumberType>> TollFraudGuard::parseNumberTypes(const QStringList &names)
{
    QList<Phone::NumberType> types;
    for (const QString &text : names) {
        for (const QString &name : text.split(u',', Qt::SkipEmptyParts)) {
            const auto type = Phone::numberTypeFromName(name);
            if (!type || !Phone::numberTypesRefusedByDefault().contains(*type))
                return Failure(QStringLiteral("'%1' is not a number type that is refused by default; "
                                              "name one of %2")
                                   .arg(name.trimmed(),
                                        Phone::numberTypeNamesRefusedByDefault().join(QStringLiteral(", "))));
            if (!types.contains(*type))
                types << *type;
        }
    }
    return types;
}

} // namespace Routing
