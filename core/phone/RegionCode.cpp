#include "core/phone/RegionCode.h"

#include "core/phone/PhoneNumber.h"

#include <QStringList>

namespace Phone {

QString RegionCode::normalized(const QString &text)
{
    return text.trimmed().toUpper();
}

QString RegionCode::problem(const QString &code)
{
    if (code.isEmpty())
        return QStringLiteral("give a region code such as JP or US");
    // People who think in dialling codes write those: say which regions they mean rather than only "no".
    QString digits = code.trimmed();
    if (digits.startsWith(u'+'))
        digits.remove(0, 1);
    bool isNumber = false;
    const int callingCode = digits.toInt(&isNumber);
    if (isNumber) {
        const QStringList regions = PhoneNumber::regionsOfCallingCode(callingCode);
        if (regions.isEmpty())
            return QStringLiteral("'%1' is a calling code, not a region: give ISO region codes such as JP "
                                  "or US")
                .arg(code);
        return QStringLiteral("'%1' is a calling code, not a region; +%2 is %3: name the regions you mean, "
                              "such as %4")
            .arg(code)
            .arg(callingCode)
            .arg(regions.join(QStringLiteral(", ")), regions.constFirst());
    }
    if (!PhoneNumber::supportedRegions().contains(code))
        return QStringLiteral("'%1' is not a region code libphonenumber knows (two capital letters, such "
                              "as JP or US)")
            .arg(code);
    return {};
}

} // namespace Phone
