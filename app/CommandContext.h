#pragma once

// What every subcommand gets: its output streams, the environment, and the --database choice.

#include "core/common/Result.h"
#include "core/store/DatabaseLocation.h"

#include <QProcessEnvironment>
#include <QString>
#include <QTextStream>

#include <memory>

namespace Store {
class Database;
} // namespace Store

namespace App {

struct CommandContext
{
    QTextStream &out;
    QTextStream &err;
    QProcessEnvironment environment;
    QString database; // --database URL or PATH; empty for the default SQLite file

    // Opens the database (applying migrations), or prints why not and returns null.
    std::shared_ptr<Store::Database> openDatabase(const QString &command,
                                                  Store::DatabaseLocation::Synchronous synchronous
                                                  = Store::DatabaseLocation::Synchronous::Normal) const;
};

} // namespace App
