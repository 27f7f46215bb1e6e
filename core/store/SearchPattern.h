#pragma once

// LIKE patterns for what a person types into a search field, with LIKE's own wildcards taken literally
// (statements use ESCAPE '\'), and numbers found however they were typed.

#include <QString>

namespace Store {

class SearchPattern
{
public:
    // Matches text anywhere, in lower case (compare with LOWER(column)).
    static QString containing(const QString &text);
    // What a number search looks like inside stored E.164: the whole number when it parses in region, else
    // its digits without a national trunk 0 ("050 3123" is found in +81503123...); empty when text is not
    // written like a number (digits, spaces, + - ( ) . only).
    static QString number(const QString &text, const QString &region);
};

} // namespace Store
