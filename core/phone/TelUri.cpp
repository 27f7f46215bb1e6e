#include "core/phone/TelUri.h"

#include <QUrl>

namespace Phone {

bool TelUri::looksLikeTelUri(const QString &text)
{
    return text.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive);
}

Result<QString> TelUri::parse(const QString &uri)
{
    if (!looksLikeTelUri(uri))
        return Failure(QStringLiteral("not a tel: link"));
    if (uri.size() > maxLength)
        return Failure(QStringLiteral("the tel: link is too long"));
    QString number = uri.mid(4);
    if (const qsizetype parameters = number.indexOf(u';'); parameters >= 0)
        number.truncate(parameters);
    // Browsers hand "tel:%2B81..." as often as "tel:+81..."; "//" comes from links written like URLs.
    number = QUrl::fromPercentEncoding(number.toUtf8()).trimmed();
    while (number.startsWith(u'/'))
        number.remove(0, 1);
    bool hasDigit = false;
    for (qsizetype index = 0; index < number.size(); ++index) {
        const QChar character = number.at(index);
        if (character.isDigit() && character.unicode() < 128) {
            hasDigit = true;
            continue;
        }
        const bool separator = character == u'-' || character == u'.' || character == u'('
            || character == u')' || character == u' ';
        const bool plus = character == u'+' && index == 0;
        if (!separator && !plus && character != u'*' && character != u'#')
            return Failure(QStringLiteral("a phone number cannot hold '%1'").arg(character));
    }
    if (!hasDigit)
        return Failure(QStringLiteral("the tel: link holds no number"));
    return number;
}

} // namespace Phone
