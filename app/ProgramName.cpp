#include "app/ProgramName.h"

namespace App {

namespace {

QString &storedName()
{
    static QString name = QStringLiteral("switchboard");
    return name;
}

} // namespace

QString programName()
{
    return storedName();
}

void setProgramName(const QString &name)
{
    storedName() = name;
}

} // namespace App
