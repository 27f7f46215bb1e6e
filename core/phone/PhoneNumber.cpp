#include "core/phone/PhoneNumber.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <list>
#include <set>

namespace Phone {
namespace {

using i18n::phonenumbers::PhoneNumberUtil;
using LibNumber = i18n::phonenumbers::PhoneNumber;

constexpr int maxInputLength = 64;

QString parseErrorText(PhoneNumberUtil::ErrorType error)
{
    switch (error) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return QStringLiteral("the country code is missing or unknown (write it as +CC)");
    case PhoneNumberUtil::NOT_A_NUMBER:
        return QStringLiteral("it does not look like a phone number");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return QStringLiteral("it is too short");
    case PhoneNumberUtil::TOO_LONG_NSN:
        return QStringLiteral("it is too long");
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    }
    return QStringLiteral("it could not be read");
}

QString possibilityErrorText(PhoneNumberUtil::ValidationResult reason)
{
    switch (reason) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return QStringLiteral("the country code is unknown");
    case PhoneNumberUtil::TOO_SHORT:
        return QStringLiteral("it is too short");
    case PhoneNumberUtil::TOO_LONG:
        return QStringLiteral("it is too long");
    case PhoneNumberUtil::INVALID_LENGTH:
        return QStringLiteral("it has the wrong number of digits for its country");
    default:
        break;
    }
    return {};
}

// Characters people write in phone numbers; anything else (letters, ';', extensions) is refused
// rather than silently dropped, since libphonenumber would otherwise ignore trailing junk.
QString characterProblem(const QString &text)
{
    for (const QChar c : text) {
        if (c.isDigit() || c == u'+' || c == u'-' || c == u'(' || c == u')' || c == u'.' || c == u'/'
            || c.isSpace())
            continue;
        return QStringLiteral("'%1' does not belong in a phone number").arg(c);
    }
    return {};
}

bool reparse(const QString &e164, LibNumber *number)
{
    return PhoneNumberUtil::GetInstance()->Parse(e164.toStdString(), "ZZ", number)
        == PhoneNumberUtil::NO_PARSING_ERROR;
}

QString formatted(const QString &e164, PhoneNumberUtil::PhoneNumberFormat format)
{
    LibNumber number;
    if (!reparse(e164, &number))
        return e164;
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(number, format, &out);
    return QString::fromStdString(out);
}

} // namespace

Result<PhoneNumber> PhoneNumber::parse(const QString &text, const QString &defaultRegion)
{
    const QString trimmed = text.trimmed();
    const auto fail = [&](const QString &why) {
        return Failure(
            QStringLiteral("\"%1\" is not a valid phone number: %2").arg(trimmed.left(maxInputLength), why));
    };
    if (trimmed.isEmpty())
        return Failure(QStringLiteral("a phone number is required"));
    if (trimmed.size() > maxInputLength)
        return fail(QStringLiteral("it is longer than %1 characters").arg(maxInputLength));
    if (const QString problem = characterProblem(trimmed); !problem.isEmpty())
        return fail(problem);

    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const std::string region = defaultRegion.toUpper().toStdString();
    if (!trimmed.startsWith(u'+') && util->GetCountryCodeForRegion(region) == 0)
        return fail(
            QStringLiteral("\"%1\" is not a known region; write the number with +CC").arg(defaultRegion));

    LibNumber number;
    const auto error = util->Parse(trimmed.toStdString(), region, &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR)
        return fail(parseErrorText(error));
    if (const QString why = possibilityErrorText(util->IsPossibleNumberWithReason(number)); !why.isEmpty())
        return fail(why);
    if (!util->IsValidNumber(number)) {
        std::string numberRegion;
        util->GetRegionCodeForCountryCode(number.country_code(), &numberRegion);
        return fail(
            QStringLiteral("no such number range is in use in %1").arg(QString::fromStdString(numberRegion)));
    }
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    return PhoneNumber(QString::fromStdString(e164));
}

QString PhoneNumber::national() const
{
    return formatted(m_e164, PhoneNumberUtil::NATIONAL);
}

QString PhoneNumber::international() const
{
    return formatted(m_e164, PhoneNumberUtil::INTERNATIONAL);
}

QString PhoneNumber::regionCode() const
{
    LibNumber number;
    if (!reparse(m_e164, &number))
        return {};
    std::string region;
    PhoneNumberUtil::GetInstance()->GetRegionCodeForNumber(number, &region);
    return QString::fromStdString(region);
}

QStringList PhoneNumber::supportedRegions()
{
    static const QStringList regions = [] {
        std::set<std::string> codes;
        PhoneNumberUtil::GetInstance()->GetSupportedRegions(&codes);
        QStringList list;
        for (const std::string &code : codes)
            list << QString::fromStdString(code);
        return list; // std::set: sorted already
    }();
    return regions;
}

QStringList PhoneNumber::regionsOfCallingCode(int callingCode)
{
    std::list<std::string> codes;
    PhoneNumberUtil::GetInstance()->GetRegionCodesForCountryCallingCode(callingCode, &codes);
    QStringList list;
    for (const std::string &code : codes)
        if (code != "001")
            list << QString::fromStdString(code);
    return list;
}

NumberType PhoneNumber::type() const
{
    LibNumber number;
    if (!reparse(m_e164, &number))
        return NumberType::Unknown;
    // libphonenumber has no satellite type: it calls +881 6... "mobile" of region 001. The calling codes
    // say it (ITU: 870 Inmarsat, 881 GMSS, 882 international networks such as Thuraya). Every other number
    // of no country (+800, +808, +883, +979 premium) is non-geographic: no region setting can allow it,
    // so only its own type can.
    const int code = int(number.country_code());
    if (code == 870 || code == 881 || code == 882)
        return NumberType::Satellite;
    if (isNonGeographic())
        return NumberType::NonGeographic;
    switch (PhoneNumberUtil::GetInstance()->GetNumberType(number)) {
    case PhoneNumberUtil::PREMIUM_RATE:
        return NumberType::PremiumRate;
    case PhoneNumberUtil::SHARED_COST:
        return NumberType::SharedCost;
    case PhoneNumberUtil::UAN:
        return NumberType::Uan;
    case PhoneNumberUtil::FIXED_LINE:
        return NumberType::FixedLine;
    case PhoneNumberUtil::MOBILE:
        return NumberType::Mobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
        return NumberType::FixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE:
        return NumberType::TollFree;
    case PhoneNumberUtil::VOIP:
        return NumberType::Voip;
    case PhoneNumberUtil::PERSONAL_NUMBER:
        return NumberType::Personal;
    case PhoneNumberUtil::PAGER:
        return NumberType::Pager;
    case PhoneNumberUtil::VOICEMAIL:
        return NumberType::Voicemail;
    default:
        break;
    }
    return NumberType::Unknown;
}

bool PhoneNumber::isNonGeographic() const
{
    // libphonenumber's region code for the calling codes of no country ("001", UN M.49 for the world).
    return regionCode() == QLatin1String("001");
}

int PhoneNumber::countryCode() const
{
    LibNumber number;
    return reparse(m_e164, &number) ? int(number.country_code()) : 0;
}

} // namespace Phone
