#include "core/setup/SetupReport.h"

namespace Setup {

QStringList SetupReport::lines(const QString &again) const
{
    QStringList lines;
    for (const QString &line : done)
        lines << QStringLiteral("done: ") + line;
    for (const QString &line : failed)
        lines << QStringLiteral("NOT done: ") + line;
    if (!failed.isEmpty())
        lines << again;
    return lines;
}

} // namespace Setup
