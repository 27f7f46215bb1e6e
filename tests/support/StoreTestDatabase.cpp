#include "tests/support/StoreTestDatabase.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using Store::Database;
using Store::DatabaseLocation;

StoreTestDatabase::StoreTestDatabase(const QString &testName)
    : m_testName(testName)
    , m_serverUrl(qEnvironmentVariable("SWITCHBOARD_TEST_POSTGRES"))
    , m_databaseName(QStringLiteral("sbtest_") + testName.toLower())
{ }

QString StoreTestDatabase::urlFor(const QString &databaseName) const
{
    return m_serverUrl.left(m_serverUrl.lastIndexOf(u'/') + 1) + databaseName;
}

QString StoreTestDatabase::setUp()
{
    if (!m_directory.isValid())
        return QStringLiteral("no temporary directory: ") + m_directory.errorString();
    if (!isPostgres())
        return {};
    const auto server = DatabaseLocation::parse(m_serverUrl);
    if (!server || !server->isPostgres())
        return QStringLiteral("SWITCHBOARD_TEST_POSTGRES is not a postgresql:// URL: ")
            + (server ? QStringLiteral("it names SQLite") : server.error());
    // A database per test executable, dropped first in case an earlier run crashed before cleaning up.
    for (const QString &sql : { QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)"),
                                QStringLiteral("CREATE DATABASE %1") }) {
        const auto done = rawQuery(*server, sql.arg(m_databaseName));
        if (!done)
            return QStringLiteral("PostgreSQL at %1: %2").arg(server->displayName(), done.error());
    }
    return {};
}

void StoreTestDatabase::tearDown()
{
    if (!isPostgres())
        return;
    const auto server = DatabaseLocation::parse(m_serverUrl);
    if (!server)
        return;
    // A database left behind costs only space on the throwaway cluster, but say so: it should not happen.
    if (const auto dropped
        = rawQuery(*server, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_databaseName));
        !dropped)
        qWarning("could not drop the test database %s: %s", qPrintable(m_databaseName),
                 qPrintable(dropped.error()));
}

Result<DatabaseLocation> StoreTestDatabase::freshLocation()
{
    const auto argument = freshDatabaseArgument();
    if (!argument)
        return Failure(argument.error());
    return DatabaseLocation::parse(*argument);
}

Result<QString> StoreTestDatabase::freshDatabaseArgument()
{
    if (!isPostgres())
        return m_directory.filePath(QStringLiteral("test%1.sqlite").arg(++m_files));
    const QString url = urlFor(m_databaseName);
    const auto location = DatabaseLocation::parse(url);
    if (!location)
        return Failure(location.error());
    // One round trip; the notice level keeps "drop cascades to ..." out of the test output.
    if (const auto done = rawQuery(*location,
                                   QStringLiteral("SET client_min_messages = warning;"
                                                  " DROP SCHEMA IF EXISTS public CASCADE;"
                                                  " CREATE SCHEMA public"));
        !done)
        return Failure(done.error());
    return url;
}

Result<QVariantList> StoreTestDatabase::rawQuery(const DatabaseLocation &location, const QString &sql)
{
    static QAtomicInteger<int> serial;
    const QString name = QStringLiteral("store-test-raw-%1").arg(serial.fetchAndAddRelaxed(1));
    QVariantList rows;
    QString error;
    {
        QSqlDatabase connection = location.addConnection(name);
        if (!connection.open()) {
            error = connection.lastError().text();
        } else {
            QSqlQuery query(connection);
            if (!query.exec(sql))
                error = query.lastError().text();
            while (error.isEmpty() && query.next())
                rows.append(query.value(0));
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        return Failure(error);
    return rows;
}

Result<std::shared_ptr<Database>> StoreTestDatabase::openFresh()
{
    const auto location = freshLocation();
    if (!location)
        return Failure(location.error());
    return Database::open(*location);
}

void StoreTestDatabase::setUpTestCase()
{
    const QString problem = setUp();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

bool StoreTestDatabase::openFreshInto(std::shared_ptr<Database> &database)
{
    database.reset();
    auto opened = openFresh();
    if (!opened) {
        QTest::qFail(qPrintable(opened.error()), __FILE__, __LINE__);
        return false;
    }
    database = *opened;
    return true;
}

bool StoreTestDatabase::addClient(const std::shared_ptr<Database> &database, const QString &name,
                                  bool disabled)
{
    QSqlQuery query(database->connection());
    query.prepare(QStringLiteral(
        "INSERT INTO clients (name, secret_hash, disabled, created_at) VALUES (?, 'not a hash', ?, 0)"));
    query.addBindValue(name);
    query.addBindValue(disabled ? 1 : 0);
    return query.exec();
}
