#include "core/phone/NumberType.h"

#include <array>
#include <utility>

namespace Phone {
namespace {

using Named = std::pair<NumberType, const char *>;
constexpr std::array<Named, 14> names { {
    { NumberType::FixedLine, "fixed-line" },
    { NumberType::Mobile, "mobile" },
    { NumberType::FixedLineOrMobile, "fixed-line-or-mobile" },
    { NumberType::TollFree, "toll-free" },
    { NumberType::Voip, "voip" },
    { NumberType::Personal, "personal" },
    { NumberType::Pager, "pager" },
    { NumberType::Voicemail, "voicemail" },
    { NumberType::PremiumRate, "premium-rate" },
    { NumberType::SharedCost, "shared-cost" },
    { NumberType::Satellite, "satellite" },
    { NumberType::NonGeographic, "non-geographic" },
    { NumberType::Uan, "uan" },
    { NumberType::Unknown, "unknown" },
} };

} // namespace

QString numberTypeName(NumberType type)
{
    for (const auto &[candidate, name] : names)
        if (candidate == type)
            return QLatin1String(name);
    return QStringLiteral("unknown");
}

std::optional<NumberType> numberTypeFromName(const QString &name)
{
    for (const auto &[type, candidate] : names)
        if (name.trimmed().compare(QLatin1String(candidate), Qt::CaseInsensitive) == 0)
            return type;
    return std::nullopt;
}

QList<NumberType> numberTypesRefusedByDefault()
{
    return { NumberType::PremiumRate,   NumberType::SharedCost, NumberType::Satellite,
             NumberType::NonGeographic, NumberType::Uan,        NumberType::Unknown };
}

QStringList numberTypeNamesRefusedByDefault()
{
    QStringList list;
    for (const NumberType type : numberTypesRefusedByDefault())
        list << numberTypeName(type);
    return list;
}

QString numberTypeDescription(NumberType type)
{
    switch (type) {
    case NumberType::PremiumRate:
        return QStringLiteral("premium-rate (+1 900)");
    case NumberType::SharedCost:
        return QStringLiteral("shared-cost (France 0810)");
    case NumberType::Satellite:
        return QStringLiteral("satellite (+870, +881, +882)");
    case NumberType::NonGeographic:
        return QStringLiteral("no country (+800, +883, +979)");
    case NumberType::Uan:
        return QStringLiteral("company numbers (Japan 0570)");
    case NumberType::Unknown:
        return QStringLiteral("of unknown kind");
    default:
        break;
    }
    return numberTypeName(type);
}

} // namespace Phone
