#pragma once

// A telephone number that libphonenumber accepts as valid, kept in E.164 form (+815031234567).

#include "core/common/Result.h"
#include "core/phone/DefaultRegion.h"
#include "core/phone/NumberType.h"

#include <QString>
#include <QStringList>

namespace Phone {

class PhoneNumber
{
public:
    // Numbers without a leading + (or international prefix) are read as numbers of defaultRegion
    // (ISO 3166 code). Fails with a reason a person can act on.
    static Result<PhoneNumber> parse(const QString &text,
                                     const QString &defaultRegion = Phone::defaultRegion());

    const QString &e164() const { return m_e164; }
    QString national() const; // "050-3123-4567"
    QString international() const; // "+81 50-3123-4567"
    QString regionCode() const; // "JP"; "001" for numbers of no country (+800, +881, ...)
    int countryCode() const; // 81
    NumberType type() const; // what kind of line it reaches, for the toll-fraud guard
    bool isNonGeographic() const; // of a calling code that belongs to no country (+800, +870, +881, ...)

    // The ISO 3166 regions libphonenumber knows, sorted ("AC" ... "ZW"); "001" (no country) is not one.
    static QStringList supportedRegions();
    // The regions that share a calling code: 1 gives US, AG, AI, ..., JM, ...; empty when none.
    static QStringList regionsOfCallingCode(int callingCode);

    bool operator==(const PhoneNumber &other) const { return m_e164 == other.m_e164; }
    bool operator!=(const PhoneNumber &other) const { return m_e164 != other.m_e164; }

private:
    explicit PhoneNumber(QString e164)
        : m_e164(std::move(e164))
    { }
    QString m_e164;
};

} // namespace Phone
