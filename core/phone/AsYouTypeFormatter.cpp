#include "core/phone/AsYouTypeFormatter.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace Phone {

AsYouTypeFormatter::AsYouTypeFormatter(const QString &region)
    : m_formatter(i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetAsYouTypeFormatter(
        region.toUpper().toStdString()))
{ }

AsYouTypeFormatter::~AsYouTypeFormatter() = default;

bool AsYouTypeFormatter::isDialable(QChar character)
{
    return (character >= u'0' && character <= u'9') || character == u'+' || character == u'*'
        || character == u'#';
}

QString AsYouTypeFormatter::dialable(const QString &text)
{
    QString result;
    for (const QChar character : text) {
        if (isDialable(character) && (character != u'+' || result.isEmpty()))
            result += character;
    }
    return result;
}

AsYouTypeFormatter::Formatted AsYouTypeFormatter::format(const QString &text, int cursor)
{
    cursor = qBound(0, cursor, int(text.size()));
    // Letters mean an address (client:NAME) or something being typed that is no number: leave it alone.
    for (const QChar character : text) {
        if (character.isLetter())
            return { text, cursor };
    }
    // The cursor stays after the same number of dialable characters.
    const int dialableBeforeCursor = int(dialable(text.left(cursor)).size());
    const QString digits = dialable(text);
    if (digits.isEmpty())
        return { QString(), 0 };

    m_formatter->Clear();
    std::string result;
    for (const QChar digit : digits)
        m_formatter->InputDigit(i18n::phonenumbers::char32(digit.unicode()), &result);
    Formatted formatted { QString::fromStdString(result), 0 };
    int seen = 0;
    for (int position = 0; position < formatted.text.size() && seen < dialableBeforeCursor; ++position) {
        if (isDialable(formatted.text.at(position)))
            ++seen;
        formatted.cursor = position + 1;
    }
    return formatted;
}

} // namespace Phone
