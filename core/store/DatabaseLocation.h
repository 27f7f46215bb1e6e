#pragma once

// Where the data lives: an SQLite file (the default) or a PostgreSQL server named by a postgresql:// URL.

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace Store {

class DatabaseLocation
{
public:
    enum class Kind { Sqlite, Postgres };
    // SQLite only: when a commit is on disk. Normal (the default, WAL with synchronous=NORMAL) survives a
    // crash of the process; Full (synchronous=FULL) also survives a power loss or a crash of the system,
    // at the cost of an fsync per commit. PostgreSQL's own settings decide for it.
    enum class Synchronous { Normal, Full };

    // Accepts postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE (or postgres://), sqlite:PATH, or a
    // plain file PATH. Without a password in the URL, libpq takes it from PGPASSWORD or the password file
    // (~/.pgpass, or PGPASSFILE). Empty text means switchboard.sqlite in the application's data directory,
    // which is created if missing (mode 0700). Fails with a reason a person can act on.
    static Result<DatabaseLocation> parse(const QString &input);

    Kind kind() const { return m_kind; }
    bool isPostgres() const { return m_kind == Kind::Postgres; }

    const QString &filePath() const { return m_filePath; } // SQLite: absolute path of the file
    const QString &hostName() const { return m_hostName; } // PostgreSQL: host, socket directory, or empty
    int port() const { return m_port; } // -1 when the URL gives none (the driver's default, 5432)
    const QString &userName() const { return m_userName; }
    const QString &password() const { return m_password; }
    const QString &databaseName() const { return m_databaseName; }

    Synchronous synchronous() const { return m_synchronous; }
    void setSynchronous(Synchronous synchronous) { m_synchronous = synchronous; }
    // "normal" or "full", as the command line takes them.
    static std::optional<Synchronous> synchronousFromName(const QString &name);

    // For logs and messages: the file path, or the URL with the password replaced by ***.
    QString displayName() const;
    // Registers a Qt SQL connection called name for this location (driver, host, port, user, password,
    // database or file), not yet opened. Invalid when Qt lacks the driver.
    QSqlDatabase addConnection(const QString &name) const;

    // A postgresql:// URL's password goes to the SecretStore and the rest to the settings file: these take
    // it out (into *password, decoded) and put it back (percent-encoded), reading the URL as parse() does
    // and leaving the rest as written. Other texts pass unchanged.
    static QString withoutPassword(const QString &text, QByteArray *password = nullptr);
    static QString withPassword(const QString &text, const QByteArray &password);

private:
    DatabaseLocation() = default;
    static Result<DatabaseLocation> parsePostgres(const QString &text, qsizetype schemeLength);
    static Result<DatabaseLocation> sqliteFile(const QString &path);
    static Result<DatabaseLocation> defaultLocation();

    Kind m_kind = Kind::Sqlite;
    QString m_filePath;
    QString m_hostName;
    int m_port = -1;
    QString m_userName;
    QString m_password;
    QString m_databaseName;
    Synchronous m_synchronous = Synchronous::Normal;
};

} // namespace Store
