#include "app/DatabaseOption.h"

#include "core/store/DatabaseLocation.h"

namespace App {

bool DatabaseOption::take(QStringList &arguments, QString *database, QString *error)
{
    bool seen = false;
    for (qsizetype i = 0; i < arguments.size();) {
        const QString argument = arguments.at(i);
        QString value;
        if (argument == QLatin1String("--database")) {
            if (i + 1 >= arguments.size()) {
                *error = QStringLiteral("--database needs a value: a postgresql:// URL or a SQLite file");
                return false;
            }
            value = arguments.at(i + 1);
            arguments.remove(i, 2);
        } else if (argument.startsWith(QLatin1String("--database="))) {
            value = argument.mid(int(sizeof("--database=")) - 1);
            arguments.remove(i);
        } else {
            ++i;
            continue;
        }
        if (seen) {
            *error = QStringLiteral("--database is given twice");
            return false;
        }
        seen = true;
        *database = value;
    }
    return true;
}

QString DatabaseOption::passwordWarning(const QString &database)
{
    QByteArray password;
    Store::DatabaseLocation::withoutPassword(database, &password);
    if (password.isEmpty())
        return {};
    return QStringLiteral(
        "warning: the PostgreSQL password given with --database can be read by every user of this computer "
        "(in the process list); leave it out of the URL and set PGPASSWORD, or put it in ~/.pgpass "
        "(or the file PGPASSFILE names)");
}

} // namespace App
