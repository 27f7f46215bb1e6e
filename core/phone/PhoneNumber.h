#pragma once

// A telephone number that libphonenumber accepts as valid, kept in E.164 form (+815031234567).

#include "core/common/Result.h"

#include <QString>

namespace Phone {

class PhoneNumber
{
public:
    // Numbers without a leading + (or international prefix) are read as numbers of defaultRegion
    // (ISO 3166 code, "JP" as in the seed). Fails with a reason a person can act on.
    static Result<PhoneNumber> parse(const QString &text,
                                     const QString &defaultRegion = QStringLiteral("JP"));

    const QString &e164() const { return m_e164; }
    QString national() const; // "050-3123-4567"
    QString international() const; // "+81 50-3123-4567"
    QString regionCode() const; // "JP"
    int countryCode() const; // 81

    bool operator==(const PhoneNumber &other) const { return m_e164 == other.m_e164; }
    bool operator!=(const PhoneNumber &other) const { return m_e164 != other.m_e164; }

private:
    explicit PhoneNumber(QString e164)
        : m_e164(std::move(e164))
    { }
    QString m_e164;
};

} // namespace Phone
