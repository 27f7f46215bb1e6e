#include "core/store/DatabaseLocation.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using Store::DatabaseLocation;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The default location must not touch the real data directory of whoever runs the tests.
        QStandardPaths::setTestModeEnabled(true);
    }

    void postgres_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("display");

        QTest::newRow("everything") << "postgresql://switchboard:s3cret@db.example.com:6543/calls"
                                    << "db.example.com" << 6543 << "switchboard"
                                    << "s3cret"
                                    << "calls"
                                    << "postgresql://switchboard:***@db.example.com:6543/calls";
        QTest::newRow("postgres:// scheme") << "postgres://me@localhost/switchboard"
                                            << "localhost" << -1 << "me"
                                            << ""
                                            << "switchboard"
                                            << "postgresql://me@localhost/switchboard";
        QTest::newRow("host only, as DESIGN.md") << "postgresql://user@host/db"
                                                 << "host" << -1 << "user"
                                                 << ""
                                                 << "db"
                                                 << "postgresql://user@host/db";
        QTest::newRow("no user") << "postgresql://127.0.0.1:5432/db"
                                 << "127.0.0.1" << 5432 << ""
                                 << ""
                                 << "db"
                                 << "postgresql://127.0.0.1:5432/db";
        QTest::newRow("percent-encoded user and password") << "postgresql://ann%40corp:p%40ss%3Aw%2Ford@h/db"
                                                           << "h" << -1 << "ann@corp"
                                                           << "p@ss:w/ord"
                                                           << "db"
                                                           << "postgresql://ann%40corp:***@h/db";
        QTest::newRow("unencoded @ in password") << "postgresql://u:p@ss@h/db"
                                                 << "h" << -1 << "u"
                                                 << "p@ss"
                                                 << "db"
                                                 << "postgresql://u:***@h/db";
        QTest::newRow("IPv6 with port") << "postgresql://u@[::1]:5433/db"
                                        << "::1" << 5433 << "u"
                                        << ""
                                        << "db"
                                        << "postgresql://u@[::1]:5433/db";
        QTest::newRow("socket directory") << "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db"
                                          << "/var/run/postgresql" << -1 << "u"
                                          << ""
                                          << "db"
                                          << "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db";
        QTest::newRow("upper-case scheme, spaces around") << "  POSTGRESQL://u@h/db  "
                                                          << "h" << -1 << "u"
                                                          << ""
                                                          << "db"
                                                          << "postgresql://u@h/db";
    }

    void postgres()
    {
        QFETCH(QString, text);
        const auto location = DatabaseLocation::parse(text);
        QVERIFY2(location, qPrintable(location.error()));
        QVERIFY(location->isPostgres());
        QCOMPARE(location->kind(), DatabaseLocation::Kind::Postgres);
        QTEST(location->hostName(), "host");
        QTEST(location->port(), "port");
        QTEST(location->userName(), "user");
        QTEST(location->password(), "password");
        QTEST(location->databaseName(), "database");
        QTEST(location->displayName(), "display");
    }

    void passwordNeverDisplayed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("password");
        QTest::newRow("plain") << "postgresql://u:hunter2hunter2@h/db"
                               << "hunter2hunter2";
        QTest::newRow("encoded") << "postgresql://u:hunter%32pw@h:1/db"
                                 << "hunter2pw";
        QTest::newRow("with @ and :") << "postgresql://u:se:cr@et@h/db"
                                      << "se:cr@et";
    }

    void passwordNeverDisplayed()
    {
        QFETCH(QString, text);
        QFETCH(QString, password);
        const auto location = DatabaseLocation::parse(text);
        QVERIFY2(location, qPrintable(location.error()));
        QVERIFY2(!location->displayName().contains(password), qPrintable(location->displayName()));
        QVERIFY(location->displayName().contains(QLatin1String(":***@")));
    }

    void sqlite_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::newRow("plain absolute path") << "/var/lib/switchboard/data.sqlite"
                                             << "/var/lib/switchboard/data.sqlite";
        QTest::newRow("sqlite:PATH") << "sqlite:/var/lib/switchboard/data.sqlite"
                                     << "/var/lib/switchboard/data.sqlite";
        QTest::newRow("sqlite:///PATH") << "sqlite:///var/lib/switchboard/data.sqlite"
                                        << "/var/lib/switchboard/data.sqlite";
        QTest::newRow("relative path")
            << "data/switchboard.sqlite" << QDir::current().absoluteFilePath("data/switchboard.sqlite");
        QTest::newRow("sqlite:relative")
            << "sqlite:switchboard.sqlite" << QDir::current().absoluteFilePath("switchboard.sqlite");
    }

    void sqlite()
    {
        QFETCH(QString, text);
        const auto location = DatabaseLocation::parse(text);
        QVERIFY2(location, qPrintable(location.error()));
        QVERIFY(!location->isPostgres());
        QCOMPARE(location->kind(), DatabaseLocation::Kind::Sqlite);
        QTEST(location->filePath(), "path");
        QTEST(location->displayName(), "path");
    }

    void emptyMeansTheDataDirectory()
    {
        const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(!directory.isEmpty());
        QDir(directory).removeRecursively();

        const auto location = DatabaseLocation::parse(QString());
        QVERIFY2(location, qPrintable(location.error()));
        QVERIFY(!location->isPostgres());
        QCOMPARE(location->filePath(), QDir(directory).filePath("switchboard.sqlite"));
        QVERIFY2(QFileInfo(directory).isDir(), "the data directory is created");
        QCOMPARE(DatabaseLocation::parse("   ")->filePath(), location->filePath());
        QDir(directory).removeRecursively();
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown scheme") << "mysql://u:pw@h/db"
                                        << "'mysql' is not a database type";
        QTest::newRow("another unknown scheme") << "http://example.com/db"
                                                << "'http' is not a database type";
        QTest::newRow("port not a number") << "postgresql://u@h:abc/db"
                                           << "port";
        QTest::newRow("port too big") << "postgresql://u@h:70000/db"
                                      << "port";
        QTest::newRow("port zero") << "postgresql://u@h:0/db"
                                   << "port";
        QTest::newRow("port with sign") << "postgresql://u@h:+5432/db"
                                        << "port";
        QTest::newRow("colon without port") << "postgresql://u@h:/db"
                                            << "no port";
        QTest::newRow("no database") << "postgresql://u@h:5432"
                                     << "names no database";
        QTest::newRow("empty database") << "postgresql://u@h/"
                                        << "names no database";
        QTest::newRow("slash in database") << "postgresql://u@h/db/more"
                                           << "cannot contain '/'";
        QTest::newRow("query parameters") << "postgresql://u@h/db?sslmode=require"
                                          << "parameters";
        QTest::newRow("fragment") << "postgresql://u@h/db#x"
                                  << "parameters";
        QTest::newRow("several hosts") << "postgresql://u@h1,h2/db"
                                       << "several hosts";
        QTest::newRow("unclosed IPv6") << "postgresql://u@[::1/db"
                                       << "']'";
        QTest::newRow("sqlite without a path") << "sqlite:"
                                               << "needs a file path";
        QTest::newRow("in-memory SQLite") << "sqlite::memory:"
                                          << "in-memory";
        QTest::newRow("in-memory SQLite, plain") << ":memory:"
                                                 << "in-memory";
        QTest::newRow("a directory") << QDir::tempPath() << "is a directory";
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const auto location = DatabaseLocation::parse(text);
        QVERIFY(!location);
        QVERIFY2(location.error().contains(reason), qPrintable(location.error()));
    }

    void errorsNeverQuoteThePassword()
    {
        for (const char *text : { "postgresql://u:topsecretpw@h:notaport/db", "postgresql://u:topsecretpw@h",
                                  "postgresql://u:topsecretpw@h/db?sslmode=require" }) {
            const auto location = DatabaseLocation::parse(QString::fromLatin1(text));
            QVERIFY(!location);
            QVERIFY2(!location.error().contains("topsecretpw"), qPrintable(location.error()));
        }
    }

    void passwordOutAndBackIn_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("bare");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("user and password") << "postgresql://sb:s3cret@db.example:5432/calls"
                                           << "postgresql://sb@db.example:5432/calls" << QByteArray("s3cret");
        QTest::newRow("encoded") << "postgres://sb:p%40ss%2Fw%3Ard@[::1]/calls"
                                 << "postgres://sb@[::1]/calls" << QByteArray("p@ss/w:rd");
        QTest::newRow("unencoded @") << "postgresql://sb:p@ss@db/calls"
                                     << "postgresql://sb@db/calls" << QByteArray("p@ss");
        QTest::newRow("password only") << "postgresql://:pw@db/calls"
                                       << "postgresql://db/calls" << QByteArray("pw");
        QTest::newRow("no password") << "postgresql://sb@db/calls"
                                     << "postgresql://sb@db/calls" << QByteArray();
        QTest::newRow("sqlite") << "/tmp/a:b@c.sqlite"
                                << "/tmp/a:b@c.sqlite" << QByteArray();
    }

    void passwordOutAndBackIn()
    {
        QFETCH(QString, url);
        QFETCH(QString, bare);
        QFETCH(QByteArray, password);
        QByteArray found = "stale";
        QCOMPARE(DatabaseLocation::withoutPassword(url, &found), bare);
        QCOMPARE(found, password);
        const QString joined = DatabaseLocation::withPassword(bare, password);
        QCOMPARE(DatabaseLocation::withoutPassword(joined, &found), bare);
        QCOMPARE(found, password);
        if (bare.startsWith("postgres")) {
            const auto location = DatabaseLocation::parse(joined);
            QVERIFY2(location, qPrintable(location.error()));
            QCOMPARE(location->password().toUtf8(), password);
            QCOMPARE(location->databaseName(), QString("calls"));
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "TestDatabaseLocation.moc"
