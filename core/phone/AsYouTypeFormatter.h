#pragma once

// Formats a phone number while it is typed, the way its region writes it (libphonenumber's formatter):
// "09059876543" reads "090-5987-6543", "+819059876543" reads "+81 90-5987-6543".

#include "core/phone/DefaultRegion.h"

#include <QString>

#include <memory>

namespace i18n::phonenumbers {
class AsYouTypeFormatter;
} // namespace i18n::phonenumbers

namespace Phone {

class AsYouTypeFormatter
{
public:
    // Numbers without +CC are formatted as numbers of region (ISO 3166).
    explicit AsYouTypeFormatter(const QString &region = Phone::defaultRegion());
    ~AsYouTypeFormatter();
    AsYouTypeFormatter(const AsYouTypeFormatter &) = delete;
    AsYouTypeFormatter &operator=(const AsYouTypeFormatter &) = delete;

    struct Formatted
    {
        QString text;
        int cursor = 0; // where the cursor belongs in text
    };

    // text formatted anew from its dialable characters (digits, a leading +, * and #); cursor is where the
    // cursor was in text and is carried over to the same digit. Anything else (letters: client:NAME)
    // comes back as it was.
    Formatted format(const QString &text, int cursor);
    Formatted format(const QString &text) { return format(text, int(text.size())); }

    // The characters that would be dialled: digits, a leading +, * and #.
    static QString dialable(const QString &text);
    static bool isDialable(QChar character);

private:
    std::unique_ptr<i18n::phonenumbers::AsYouTypeFormatter> m_formatter;
};

} // namespace Phone
