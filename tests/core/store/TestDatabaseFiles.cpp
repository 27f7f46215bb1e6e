#include "core/store/Database.h"
#include "core/store/DatabaseFiles.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/Statement.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using Store::Database;
using Store::DatabaseFiles;
using Store::DatabaseLocation;

// The SQLite files hold the call history and the clients' secret hashes: only their owner may read them,
// whatever the umask, at the default place and at a path given with --database.
class TestDatabaseFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    mode_t m_savedUmask = 0;

    static QString modeOf(const QString &path)
    {
        struct stat status
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return QStringLiteral("missing");
        return QString::number(status.st_mode & 07777, 8);
    }

    // Opens the database and writes to it, so that SQLite has made its -wal and -shm files.
    static void openAndWrite(const DatabaseLocation &location)
    {
        const auto database = Database::open(location);
        QVERIFY2(database, qPrintable(database.error()));
        static int clients = 0;
        Store::Statement insert(**database,
                                QStringLiteral("INSERT INTO clients (name, secret_hash, created_at) "
                                               "VALUES (?, 'x', 0)"));
        insert.bind(QStringLiteral("client%1").arg(++clients));
        const auto inserted = insert.exec(QStringLiteral("add a client"));
        QVERIFY2(inserted, qPrintable(inserted.error()));
        for (const char *suffix : { "", "-wal", "-shm" })
            QCOMPARE(modeOf(location.filePath() + QLatin1String(suffix)), QStringLiteral("600"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // The default place under a home of the test's own, never the real one.
        qputenv("HOME", QFile::encodeName(m_home.path()));
        QStandardPaths::setTestModeEnabled(true);
        // The usual umask, which alone would give 0644 files and 0755 folders.
        m_savedUmask = ::umask(022);
    }

    void cleanupTestCase() { ::umask(m_savedUmask); }

    void theDefaultPlaceIsPrivate()
    {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(folder.startsWith(m_home.path()));
        QDir(folder).removeRecursively();
        const auto location = DatabaseLocation::parse(QString());
        QVERIFY2(location, qPrintable(location.error()));
        QCOMPARE(modeOf(folder), QStringLiteral("700"));
        openAndWrite(*location);
    }

    void aGivenPathIsPrivate()
    {
        QTemporaryDir folder;
        const auto location
            = DatabaseLocation::parse(QStringLiteral("sqlite:") + folder.filePath("calls.sqlite"));
        QVERIFY2(location, qPrintable(location.error()));
        openAndWrite(*location);
        // Opened again: still private.
        openAndWrite(*location);
    }

    // What an earlier version left: everything readable by all, the data folder too.
    void filesLeftOpenByAnEarlierRunAreMadePrivate()
    {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir(folder).removeRecursively();
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0);
        const QString path = QDir(folder).filePath(QStringLiteral("switchboard.sqlite"));
        {
            const auto location = DatabaseLocation::parse(QString());
            QVERIFY2(location, qPrintable(location.error()));
            const auto database = Database::open(*location);
            QVERIFY(database);
        }
        for (const char *suffix : { "", "-wal", "-shm" }) {
            QFile file(path + QLatin1String(suffix));
            if (!file.exists()) // Qt's last connection may have checkpointed the WAL away
                QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(::chmod(QFile::encodeName(file.fileName()).constData(), 0644), 0);
        }
        QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0);

        const auto location = DatabaseLocation::parse(QString());
        QVERIFY2(location, qPrintable(location.error()));
        QCOMPARE(modeOf(folder), QStringLiteral("700"));
        const auto database = Database::open(*location);
        QVERIFY2(database, qPrintable(database.error()));
        for (const char *suffix : { "", "-wal", "-shm" })
            QCOMPARE(modeOf(path + QLatin1String(suffix)), QStringLiteral("600"));
    }

    void aFileThatCannotBeCreatedIsAFailureWithAReason()
    {
        const auto created
            = DatabaseFiles::makePrivate(QStringLiteral("/nonexistent-switchboard-dir/x.sqlite"));
        QVERIFY(!created);
        QVERIFY2(created.error().contains(QLatin1String("does its directory exist")),
                 qPrintable(created.error()));
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent-switchboard-dir")));
    }

    // An existing database is opened as it is: never truncated by the creation of the private file.
    void anExistingDatabaseKeepsItsContents()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("kept.sqlite");
        const auto location = DatabaseLocation::parse(path);
        QVERIFY(location);
        openAndWrite(*location);
        const auto database = Database::open(*location);
        QVERIFY2(database, qPrintable(database.error()));
        Store::Statement count(**database, QStringLiteral("SELECT COUNT(*) FROM clients"));
        QVERIFY(count.exec(QStringLiteral("count clients")));
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "TestDatabaseFiles.moc"
