#include "PasswordCatcher.h"
#include "tests/support/StoreTestDatabase.h"
#include "tests/support/ThreadRunner.h"

#include "core/store/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

using Store::Database;
using Store::DatabaseLocation;

namespace {

// Runs sql with values on connection; true when it succeeded.
bool run(const QSqlDatabase &connection, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(connection);
    if (values.isEmpty())
        return query.exec(sql); // PostgreSQL cannot prepare schema changes
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

QVariant single(const QSqlDatabase &connection, const QString &sql)
{
    QSqlQuery query(connection);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestDatabase") };
    std::optional<DatabaseLocation> m_location;

    QVariantList raw(const QString &sql)
    {
        const auto rows = StoreTestDatabase::rawQuery(*m_location, sql);
        if (!rows)
            qWarning() << rows.error();
        return rows ? *rows : QVariantList();
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }

    void cleanupTestCase() { m_store.tearDown(); }

    void init()
    {
        const auto location = m_store.freshLocation();
        QVERIFY2(location, qPrintable(location.error()));
        m_location = *location;
    }

    void appliesMigrationsOnce()
    {
        {
            const auto database = Database::open(*m_location);
            QVERIFY2(database, qPrintable(database.error()));
            QCOMPARE((*database)->schemaVersion(), Database::currentSchemaVersion);
            QCOMPARE((*database)->isPostgres(), m_store.isPostgres());
            for (const char *table : { "clients", "numbers", "calls", "call_events" }) {
                QSqlQuery query((*database)->connection());
                QVERIFY2(query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))),
                         table);
            }
        }
        for (int reopen = 0; reopen < 2; ++reopen) {
            const auto again = Database::open(*m_location);
            QVERIFY2(again, qPrintable(again.error()));
            QCOMPARE((*again)->schemaVersion(), Database::currentSchemaVersion);
        }
        QVariantList expected;
        for (int version = 1; version <= Database::currentSchemaVersion; ++version)
            expected << version;
        const QVariantList versions = raw("SELECT version FROM schema_migrations ORDER BY version");
        QCOMPARE(versions.size(), expected.size());
        for (int i = 0; i < versions.size(); ++i)
            QCOMPARE(versions.at(i).toInt(), expected.at(i).toInt());
    }

    void refusesNewerSchemaAndLeavesItAlone()
    {
        {
            const auto database = Database::open(*m_location);
            QVERIFY2(database, qPrintable(database.error()));
            const QSqlDatabase connection = (*database)->connection();
            // What a later Switchboard might have done: a version, a table and data this one does not know.
            QVERIFY(run(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        { Database::currentSchemaVersion + 1, 0 }));
            QVERIFY(run(connection, "CREATE TABLE future_feature (x INTEGER)"));
            QVERIFY(run(connection, "INSERT INTO clients (name, secret_hash, created_at) VALUES (?, ?, ?)",
                        { "alice", "hash", 0 }));
        }
        const auto refused = Database::open(*m_location);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("newer Switchboard"), qPrintable(refused.error()));
        QVERIFY2(refused.error().contains(QString::number(Database::currentSchemaVersion + 1)),
                 qPrintable(refused.error()));

        QCOMPARE(raw("SELECT MAX(version) FROM schema_migrations").value(0).toInt(),
                 Database::currentSchemaVersion + 1);
        QCOMPARE(raw("SELECT COUNT(*) FROM schema_migrations").value(0).toInt(),
                 Database::currentSchemaVersion + 1);
        QCOMPARE(raw("SELECT COUNT(*) FROM future_feature").value(0).toInt(), 0);
        QCOMPARE(raw("SELECT name FROM clients").value(0).toString(), QString("alice"));
    }

    void concurrentOpensMigrateOnce()
    {
        constexpr int threads = 4;
        std::atomic<int> opened { 0 };
        std::vector<std::thread> workers;
        QStringList errors;
        std::mutex errorsLock;
        for (int i = 0; i < threads; ++i) {
            workers.emplace_back([&] {
                const auto database = Database::open(*m_location);
                if (database) {
                    ++opened;
                } else {
                    const std::lock_guard lock(errorsLock);
                    errors << database.error();
                }
            });
        }
        for (std::thread &worker : workers)
            worker.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(opened.load(), threads);
        QCOMPARE(raw("SELECT COUNT(*) FROM schema_migrations").value(0).toInt(),
                 Database::currentSchemaVersion);
    }

    void everyThreadHasItsOwnConfiguredConnection()
    {
        const auto database = Database::open(*m_location);
        QVERIFY2(database, qPrintable(database.error()));
        const QString mainName = (*database)->connection().connectionName();
        const QVariant mainBackend = m_store.isPostgres()
            ? single((*database)->connection(), "SELECT pg_backend_pid()")
            : QVariant();

        QString threadName;
        QVariant journalMode, foreignKeys, busyTimeout, synchronous, backend;
        bool open = false;
        bool foreignKeyRefused = false;
        std::thread worker([&] {
            const QSqlDatabase connection = (*database)->connection();
            threadName = connection.connectionName();
            open = connection.isOpen();
            if (m_store.isPostgres()) {
                backend = single(connection, "SELECT pg_backend_pid()");
            } else {
                journalMode = single(connection, "PRAGMA journal_mode");
                foreignKeys = single(connection, "PRAGMA foreign_keys");
                busyTimeout = single(connection, "PRAGMA busy_timeout");
                synchronous = single(connection, "PRAGMA synchronous");
            }
            // Behaviour, not just settings: a number of a client that does not exist must be refused.
            foreignKeyRefused = !run(connection,
                                     "INSERT INTO numbers (e164, client_id, label, enabled, created_at)"
                                     " VALUES (?, ?, '', 1, 0)",
                                     { "+815031234567", 999 });
        });
        worker.join();

        QVERIFY(open);
        QVERIFY(!threadName.isEmpty());
        QVERIFY(threadName != mainName);
        QVERIFY(foreignKeyRefused);
        if (m_store.isPostgres()) {
            QVERIFY(backend.isValid());
            QVERIFY(backend != mainBackend);
        } else {
            QCOMPARE(journalMode.toString(), QString("wal"));
            QCOMPARE(foreignKeys.toInt(), 1);
            QCOMPARE(busyTimeout.toInt(), 5000);
            QCOMPARE(synchronous.toInt(), 1); // NORMAL
        }
        QVERIFY2(!QSqlDatabase::contains(threadName), "a finished thread's connection is removed");
        QCOMPARE(raw("SELECT COUNT(*) FROM numbers").value(0).toInt(), 0);
    }

    void connectionsRemovedWithTheDatabase()
    {
        QThread worker;
        worker.start();
        ThreadRunner inWorker;
        inWorker.moveToThread(&worker);

        auto opened = Database::open(*m_location);
        QVERIFY2(opened, qPrintable(opened.error()));
        std::shared_ptr<Database> database = std::move(opened.value());
        const QString mainName = database->connection().connectionName();
        QString workerName;
        QVERIFY(inWorker.runAndWait([&] { workerName = database->connection().connectionName(); }));
        QVERIFY(QSqlDatabase::contains(mainName));
        QVERIFY(QSqlDatabase::contains(workerName));

        database.reset();
        QVERIFY2(!QSqlDatabase::contains(mainName), "the destroying thread's connection goes at once");
        QTRY_VERIFY2(!QSqlDatabase::contains(workerName), "another thread's goes through its event loop");

        worker.quit();
        QVERIFY(worker.wait(30000));
    }

    void constraintsLiveInTheDatabase()
    {
        const auto database = Database::open(*m_location);
        QVERIFY2(database, qPrintable(database.error()));
        const QSqlDatabase connection = (*database)->connection();
        const QString client
            = "INSERT INTO clients (name, secret_hash, disabled, created_at) VALUES (?, 'h', ?, 0)";
        QVERIFY(run(connection, client, { "alice", 0 }));
        QVERIFY2(!run(connection, client, { "alice", 0 }), "client names are unique");
        QVERIFY2(!run(connection, client, { "bob", 2 }), "disabled is 0 or 1");
        const QVariant alice = single(connection, "SELECT id FROM clients WHERE name = 'alice'");
        const QString number
            = "INSERT INTO numbers (e164, client_id, enabled, created_at) VALUES (?, ?, ?, 0)";
        QVERIFY(run(connection, number, { "+815031234567", alice, 1 }));
        QVERIFY2(!run(connection, number, { "+815031234567", alice, 1 }), "a number maps to one client");
        QVERIFY2(!run(connection, number, { "+815031234568", alice, 5 }), "enabled is 0 or 1");
        QVERIFY2(!run(connection, "DELETE FROM clients WHERE name = 'alice'"), "a client with numbers stays");
        const QString event
            = "INSERT INTO call_events (call_sid, sequence, status, received_at) VALUES (?, ?, ?, 0)";
        QVERIFY(run(connection, event, { "CA1", 0, "ringing" }));
        QVERIFY2(!run(connection, event, { "CA1", 0, "ringing" }), "an event is stored once");
        QVERIFY(run(connection, event, { "CA1", 1, "ringing" }));
    }

    void pingAnswers()
    {
        const auto database = Database::open(*m_location);
        QVERIFY2(database, qPrintable(database.error()));
        const auto ping = (*database)->ping();
        QVERIFY2(ping, qPrintable(ping.error()));
    }

    void reconnectsAfterTheServerDroppedTheConnection()
    {
        if (!m_store.isPostgres())
            QSKIP("only a server can drop a connection");
        const auto database = Database::open(*m_location);
        QVERIFY2(database, qPrintable(database.error()));
        const int backend = single((*database)->connection(), "SELECT pg_backend_pid()").toInt();
        QVERIFY(backend > 0);
        QVERIFY(StoreTestDatabase::rawQuery(*m_location,
                                            QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend)));
        // The first use finds the connection dead and fails; the next one reconnects.
        const auto first = (*database)->ping();
        if (!first)
            qInfo() << "first ping after the drop:" << first.error();
        const auto second = (*database)->ping();
        QVERIFY2(second, qPrintable(second.error()));
        QVERIFY(single((*database)->connection(), "SELECT pg_backend_pid()").toInt() != backend);
    }

    void openFailsWithAReason_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("reason");
        QTest::newRow("SQLite in a missing directory") << "/nonexistent-switchboard-dir/sub/data.sqlite"
                                                       << "could not open the SQLite database";
        QTest::newRow("PostgreSQL server not listening")
            << "postgresql://someone:hunter2secret@127.0.0.1:1/db"
            << "could not connect to PostgreSQL";
    }

    void openFailsWithAReason()
    {
        QFETCH(QString, location);
        QFETCH(QString, reason);
        const auto parsed = DatabaseLocation::parse(location);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        const auto database = Database::open(*parsed);
        QVERIFY(!database);
        QVERIFY2(database.error().contains(reason), qPrintable(database.error()));
        QVERIFY2(!database.error().contains("hunter2secret"), qPrintable(database.error()));
    }

    // A password has no place on a command line, where every local user reads it: without one in the URL,
    // libpq takes PGPASSWORD (or ~/.pgpass), which Qt's driver must leave it to.
    void postgresPasswordFromTheEnvironment_data()
    {
        QTest::addColumn<QString>("userInfo");
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("none in the URL: PGPASSWORD") << "someone" << QByteArray("from-the-environment");
        QTest::newRow("one in the URL: that one") << "someone:in-the-url" << QByteArray("in-the-url");
    }

    void postgresPasswordFromTheEnvironment()
    {
        QFETCH(QString, userInfo);
        const QByteArray saved = qgetenv("PGPASSWORD");
        qputenv("PGPASSWORD", "from-the-environment");
        PasswordCatcher server;
        QVERIFY(server.port() != 0);
        const auto location = DatabaseLocation::parse(
            QStringLiteral("postgresql://%1@127.0.0.1:%2/db").arg(userInfo).arg(server.port()));
        QVERIFY2(location, qPrintable(location.error()));
        QVERIFY(!Database::open(*location)); // the stand-in hangs up once it has the password
        if (saved.isNull())
            qunsetenv("PGPASSWORD");
        else
            qputenv("PGPASSWORD", saved);
        QTEST(server.password(), "sent");
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
