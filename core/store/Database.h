#pragma once

// The handle to Switchboard's database: opens it, brings its schema up to date, and gives each thread its
// own connection.

#include "core/common/Result.h"
#include "core/store/DatabaseLocation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace Store {

class ConnectionRegistry;
class ThreadConnection;

class Database
{
public:
    static constexpr int currentSchemaVersion = 6;

    // Connects and applies the missing migrations in one transaction. A database whose schema is newer
    // than currentSchemaVersion (written by a later Switchboard) is refused and left untouched.
    static Result<std::shared_ptr<Database>> open(const DatabaseLocation &location);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The calling thread's connection: QtSql connections must stay in the thread that made them, so each
    // thread gets its own, named after this Database and the thread, opened on first use and reopened
    // after a failure. SQLite connections get WAL, foreign keys, a busy timeout and the location's
    // synchronous. A connection is removed when its thread finishes, or when this Database is destroyed: at
    // once for the destroying thread's own, through the event loop of other threads (deleteLater). Limit: a
    // thread that neither runs an event loop nor finishes (such as a std::thread kept alive) keeps its
    // connection open until it ends. Never keep a copy of the connection, or a query on it, beyond this
    // Database. When the connection cannot be opened, the result is not open (see openConnection() for why).
    QSqlDatabase connection() const;
    // The same connection, opened and configured, or the reason it could not be.
    Result<QSqlDatabase> openConnection() const;
    // Closes the calling thread's connection so that the next use reconnects (after a lost server).
    void dropConnection() const;

    const DatabaseLocation &location() const { return m_location; }
    bool isPostgres() const { return m_location.isPostgres(); }
    // The version the schema had after open(): currentSchemaVersion.
    int schemaVersion() const { return m_schemaVersion; }
    // A SELECT 1 on the calling thread's connection, for health checks.
    Result<void> ping() const;

private:
    friend class Statement;

    explicit Database(DatabaseLocation location);
    ThreadConnection *threadConnection() const;
    // A statement prepared earlier on the calling thread's connection, taken out of the idle ones, and
    // the connection's generation; given back when the Statement is done with it.
    std::optional<QSqlQuery> takePrepared(const QString &sql, quint64 *generation) const;
    void giveBackPrepared(const QString &sql, QSqlQuery &&query, quint64 generation) const;
    QString connectionName() const;
    Result<void> configure(QSqlDatabase &connection) const;

    DatabaseLocation m_location;
    QString m_namePrefix;
    int m_schemaVersion = 0;
    std::shared_ptr<ConnectionRegistry> m_registry; // the threads' connections, by name
};

} // namespace Store
