#pragma once

// The --database option, which every command and the desktop app take, wherever it stands on the command
// line.

#include <QString>
#include <QStringList>

namespace App {

class DatabaseOption
{
public:
    // Takes "--database URL" or "--database=URL" out of arguments into *database. False (with *error
    // set) when it is given twice or without a value.
    static bool take(QStringList &arguments, QString *database, QString *error);

    // A warning when the value holds a PostgreSQL password, which every local user can read in the
    // process list; empty otherwise. Never quotes the password.
    static QString passwordWarning(const QString &database);
};

} // namespace App
