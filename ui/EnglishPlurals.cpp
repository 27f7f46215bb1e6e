#include "ui/EnglishPlurals.h"

#include <cstring>

namespace Ui {

QString EnglishPlurals::translate(const char *, const char *sourceText, const char *, int n) const
{
    // A null string means "not translated": QCoreApplication then uses the source text as it is.
    if (n < 0 || !sourceText || !std::strstr(sourceText, "(s)"))
        return QString();
    QString text = QString::fromUtf8(sourceText);
    text.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    return text;
}

} // namespace Ui
