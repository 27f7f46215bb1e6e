#include "core/store/Database.h"

#include "core/store/DatabaseFiles.h"
#include "core/store/Migrations.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

#include <QAtomicInteger>
#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QSqlQuery>
#include <QThread>

#include <map>
#include <mutex>

namespace Store {

class ThreadConnection;

// The connections of one Database, by name, shared with them so that either may go first.
class ConnectionRegistry
{
public:
    std::mutex mutex;
    QHash<QString, ThreadConnection *> connections;
};

// One thread's connection to one Database, and the statements prepared on it. Lives in that thread and
// removes the connection when deleted, which always happens there: directly, or through deleteLater()
// when the Database dies elsewhere or the thread finishes. Only its own thread touches the statements.
class ThreadConnection : public QObject
{
public:
    // Prepared statements kept per connection: on PostgreSQL each new one costs a PREPARE and a
    // DEALLOCATE round trip on top of the query. A bound keeps a runaway caller from hoarding them.
    static constexpr std::size_t maxPrepared = 64;

    ThreadConnection(QString name, std::shared_ptr<ConnectionRegistry> registry)
        : m_name(std::move(name))
        , m_registry(std::move(registry))
    { }

    ~ThreadConnection() override
    {
        {
            const std::lock_guard lock(m_registry->mutex);
            m_registry->connections.remove(m_name);
        }
        m_prepared.clear(); // queries go before their connection
        QSqlDatabase::removeDatabase(m_name);
    }

    std::map<QString, QSqlQuery> m_prepared; // idle ones, by SQL
    quint64 m_generation = 0; // counts reconnections: statements prepared before one are dropped

private:
    QString m_name;
    std::shared_ptr<ConnectionRegistry> m_registry;
};

namespace {

QAtomicInteger<quint64> lastDatabaseSerial;
QAtomicInteger<quint64> lastThreadSerial;

constexpr int busyTimeoutMs = 5000;

// Unlike thread ids and QThread addresses, never reused: a connection name cannot outlive its thread
// and be picked up by a new one.
quint64 threadSerial()
{
    thread_local const quint64 serial = lastThreadSerial.fetchAndAddRelaxed(1) + 1;
    return serial;
}

} // namespace

Database::Database(DatabaseLocation location)
    : m_location(std::move(location))
    , m_namePrefix(QStringLiteral("switchboard.store.%1.").arg(lastDatabaseSerial.fetchAndAddRelaxed(1) + 1))
    , m_registry(std::make_shared<ConnectionRegistry>())
{ }

Database::~Database()
{
    QList<ThreadConnection *> ownThread;
    {
        const std::lock_guard lock(m_registry->mutex);
        for (ThreadConnection *connection : std::as_const(m_registry->connections)) {
            if (connection->thread() == QThread::currentThread())
                ownThread.append(connection);
            else
                connection->deleteLater();
        }
    }
    // Outside the lock: each one takes it to unregister itself.
    qDeleteAll(ownThread);
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseLocation &location)
{
    // Before SQLite makes the file with its default mode (0644 less the umask), readable by every user.
    if (!location.isPostgres()) {
        if (const auto madePrivate = DatabaseFiles::makePrivate(location.filePath()); !madePrivate)
            return Failure(madePrivate.error());
    }
    std::shared_ptr<Database> database(new Database(location));
    const auto version = Migrations::apply(*database);
    if (!version)
        return Failure(version.error());
    database->m_schemaVersion = *version;
    qCInfo(lcStore).noquote() << "opened" << location.displayName() << "at schema version" << *version;
    return database;
}

QString Database::connectionName() const
{
    return m_namePrefix + QString::number(threadSerial());
}

QSqlDatabase Database::connection() const
{
    const auto connection = openConnection();
    if (connection)
        return *connection;
    qCWarning(lcStore).noquote() << connection.error();
    const QString name = connectionName();
    return QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false) : QSqlDatabase();
}

Result<QSqlDatabase> Database::openConnection() const
{
    const QString name = connectionName();
    QSqlDatabase connection;
    if (QSqlDatabase::contains(name)) {
        connection = QSqlDatabase::database(name, false);
        if (connection.isOpen())
            return connection;
    } else {
        connection = m_location.addConnection(name);
        auto *owner = new ThreadConnection(name, m_registry);
        QObject::connect(QThread::currentThread(), &QThread::finished, owner, &QObject::deleteLater,
                         Qt::DirectConnection);
        {
            const std::lock_guard lock(m_registry->mutex);
            m_registry->connections.insert(name, owner);
        }
        if (isPostgres())
            connection.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=switchboard"));
    }

    if (!connection.isValid())
        return Failure(isPostgres() ? QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed; "
                                                     "install the libqt6sql6-psql package")
                                    : QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed; "
                                                     "install the libqt6sql6-sqlite package"));
    if (!connection.open()) {
        const QSqlError error = connection.lastError();
        qCWarning(lcStore).noquote() << "cannot open" << m_location.displayName() << "--" << error.text();
        if (isPostgres())
            return Failure(
                QStringLiteral("could not connect to PostgreSQL: %1").arg(Statement::reasonOf(error)));
        return Failure(QStringLiteral("could not open the SQLite database: %1 (does its directory exist, "
                                      "and may Switchboard write there?)")
                           .arg(Statement::reasonOf(error)));
    }
    if (const auto configured = configure(connection); !configured) {
        connection.close();
        return Failure(configured.error());
    }
    return connection;
}

Result<void> Database::configure(QSqlDatabase &connection) const
{
    if (isPostgres())
        return {};
    // Qt leaves SQLite at journal_mode=delete, synchronous=FULL and foreign_keys=off: readers would block
    // the writer, every commit would wait for two fsyncs, and REFERENCES would be decoration. The busy
    // timeout comes first so that switching to WAL waits for a lock instead of failing.
    const char *const pragmas[] = {
        "PRAGMA busy_timeout=5000", // busyTimeoutMs
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        m_location.synchronous() == DatabaseLocation::Synchronous::Full ? "PRAGMA synchronous=FULL"
                                                                        : "PRAGMA synchronous=NORMAL",
        // In WAL mode a connection drops its page cache whenever another one commits, which the call log
        // does many times a second: every lookup would read its pages again. Mapped, they are just there.
        "PRAGMA mmap_size=268435456",
    };
    for (const char *pragma : pragmas) {
        QSqlQuery query(connection);
        // Switching a new file to WAL while another connection does the same can fail with "database is
        // locked" at once, without waiting for the busy timeout: wait for it here.
        QDeadlineTimer deadline(busyTimeoutMs);
        bool done = query.exec(QLatin1String(pragma));
        while (!done && (query.lastError().nativeErrorCode().toInt() & 0xff) == 5 /* SQLITE_BUSY */
               && !deadline.hasExpired()) {
            QThread::msleep(10);
            done = query.exec(QLatin1String(pragma));
        }
        if (!done) {
            qCWarning(lcStore) << pragma << "failed:" << query.lastError().text();
            return Failure(QStringLiteral("could not set up the SQLite database: %1")
                               .arg(Statement::reasonOf(query.lastError())));
        }
        if (query.next() && qstrcmp(pragma, "PRAGMA journal_mode=WAL") == 0
            && query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            qCWarning(lcStore).noquote() << m_location.displayName() << "stays in journal mode"
                                         << query.value(0).toString() << "(WAL is not possible there)";
    }
    QSqlQuery check(connection);
    if (!check.exec(QStringLiteral("PRAGMA foreign_keys")) || !check.next() || check.value(0).toInt() != 1)
        return Failure(
            QStringLiteral("this SQLite library cannot enforce foreign keys, which Switchboard relies on"));
    return {};
}

void Database::dropConnection() const
{
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    qCInfo(lcStore) << "closing the connection to" << m_location.displayName() << "to reconnect on next use";
    if (ThreadConnection *owner = threadConnection()) {
        owner->m_prepared.clear();
        ++owner->m_generation;
    }
    QSqlDatabase::database(name, false).close();
}

ThreadConnection *Database::threadConnection() const
{
    const std::lock_guard lock(m_registry->mutex);
    return m_registry->connections.value(connectionName());
}

std::optional<QSqlQuery> Database::takePrepared(const QString &sql, quint64 *generation) const
{
    ThreadConnection *owner = threadConnection();
    if (!owner)
        return std::nullopt;
    *generation = owner->m_generation;
    const auto found = owner->m_prepared.find(sql);
    if (found == owner->m_prepared.end())
        return std::nullopt;
    QSqlQuery query = std::move(found->second);
    owner->m_prepared.erase(found);
    return query;
}

void Database::giveBackPrepared(const QString &sql, QSqlQuery &&query, quint64 generation) const
{
    ThreadConnection *owner = threadConnection();
    if (!owner || owner->m_generation != generation
        || owner->m_prepared.size() >= ThreadConnection::maxPrepared)
        return;
    // A second statement with the same SQL, made while the first was out, is simply dropped.
    owner->m_prepared.emplace(sql, std::move(query));
}

Result<void> Database::ping() const
{
    Statement query(*this, QStringLiteral("SELECT 1"));
    if (auto done = query.exec(QStringLiteral("reach the database")); !done)
        return done;
    if (!query.next() || query.value(0).toInt() != 1)
        return Failure(QStringLiteral("the database answered a test query wrongly"));
    return {};
}

} // namespace Store
