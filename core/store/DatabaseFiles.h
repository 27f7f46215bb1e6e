#pragma once

// Keeps an SQLite database private to the user who runs Switchboard: its folder 0700, the database file
// and its -wal, -shm and -journal companions 0600. They hold the call history and the clients' secret
// hashes, which no other local user may read.

#include "core/common/Result.h"

#include <QString>

namespace Store {

class DatabaseFiles
{
public:
    // Creates folder (and its parents) if missing and takes group and other access away from it.
    static Result<void> makePrivateFolder(const QString &folder);

    // Before SQLite opens databasePath: creates the file empty with mode 0600 when it is missing (SQLite
    // then gives the -wal and -shm files it makes the same mode), and takes group and other access away
    // from the file and the companions that an earlier run left. A file that cannot be created is a
    // failure; one whose mode cannot be changed (someone else's) is logged and left as it is.
    static Result<void> makePrivate(const QString &databasePath);

    // The files SQLite keeps next to a database, by suffix.
    static const char *const companionSuffixes[3];
};

} // namespace Store
