#pragma once

// The schema's history, one list of statements per version, and the code that gives a database the versions
// it lacks.

#include "core/common/Result.h"

#include <QStringList>

namespace Store {

class Database;

class Migrations
{
public:
    static int latestVersion();

    // Applies the missing versions in one transaction, serialised against other processes doing the same,
    // and returns the schema version the database then has. Refuses, changing nothing, a database whose
    // version is newer than latestVersion().
    static Result<int> apply(const Database &database);

private:
    // Version's statements in the dialect of SQLite or PostgreSQL.
    static QStringList statements(int version, bool postgres);
};

} // namespace Store
