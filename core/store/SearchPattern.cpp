#include "core/store/SearchPattern.h"

#include "core/phone/PhoneNumber.h"

namespace Store {

QString SearchPattern::containing(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(u'\\', QLatin1String("\\\\"))
        .replace(u'%', QLatin1String("\\%"))
        .replace(u'_', QLatin1String("\\_"));
    return u'%' + escaped + u'%';
}

QString SearchPattern::number(const QString &text, const QString &region)
{
    if (const auto parsed = Phone::PhoneNumber::parse(text, region))
        return containing(parsed->e164());
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits += c;
        else if (!QStringLiteral(" +-().").contains(c))
            return QString(); // words, not a number
    }
    if (digits.startsWith(u'0'))
        digits.remove(0, 1);
    return digits.isEmpty() ? QString() : containing(digits);
}

} // namespace Store
