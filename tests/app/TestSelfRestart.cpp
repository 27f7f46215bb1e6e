#include "app/SelfRestart.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using App::SelfRestart;

// The Settings page's "Restart now" starts the app again with its own arguments: a database password
// among them would be on the new command line, which every local user can read.
class TestSelfRestart : public QObject
{
    Q_OBJECT

    static QProcessEnvironment environmentWithout(const QString &name)
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), QStringLiteral("/home/ann"));
        environment.remove(name);
        return environment;
    }

private Q_SLOTS:
    // Chromium's sockets are open without O_CLOEXEC: the new instance must not hold the old one's, or the
    // old QtWebEngine helpers live on beside it (measured: two helpers, about 100 MB).
    void theNewProcessInheritsNoDescriptor()
    {
        int inheritable[2] = { -1, -1 };
        QCOMPARE(::pipe(inheritable), 0); // no O_CLOEXEC, as Chromium's
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString listing = dir.filePath(QStringLiteral("fds"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LISTING"), listing);
        const SelfRestart restart({ QStringLiteral("-c"),
                                    QStringLiteral("ls /proc/$$/fd > \"$LISTING.part\" && "
                                                   "mv \"$LISTING.part\" \"$LISTING\"") },
                                  environment);
        QVERIFY(restart.start(QStringLiteral("/bin/sh")));
        QTRY_VERIFY(QFile::exists(listing));
        QFile file(listing);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> open = file.readAll().split('\n');
        ::close(inheritable[0]);
        ::close(inheritable[1]);
        QVERIFY2(!open.contains(QByteArray::number(inheritable[0]))
                     && !open.contains(QByteArray::number(inheritable[1])),
                 qPrintable(QString("the new process holds %1 or %2 of ours: %3")
                                .arg(inheritable[0])
                                .arg(inheritable[1])
                                .arg(QString::fromLatin1(open.join(' ')))));
    }

    void aPasswordMovesToTheEnvironment_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("--database URL")
            << QStringList { "--database", "postgresql://ann:s3cr%40t@db:5433/calls" }
            << QStringList { "--database", "postgresql://ann@db:5433/calls" };
        QTest::newRow("--database=URL") << QStringList { "--database=postgres://ann:s3cr%40t@db/calls" }
                                        << QStringList { "--database", "postgres://ann@db/calls" };
        QTest::newRow("with a tel: link")
            << QStringList { "tel:+819059876543", "--database", "postgresql://ann:s3cr%40t@db/calls" }
            << QStringList { "--database", "postgresql://ann@db/calls", "tel:+819059876543" };
    }

    void aPasswordMovesToTheEnvironment()
    {
        QFETCH(QStringList, arguments);
        const SelfRestart restart(arguments, environmentWithout(QStringLiteral("PGPASSWORD")));
        QTEST(restart.arguments(), "expected");
        QVERIFY2(!restart.arguments().join(u' ').contains(QLatin1String("s3cr")),
                 qPrintable(restart.arguments().join(u' ')));
        QCOMPARE(restart.environment().value(QStringLiteral("PGPASSWORD")), QStringLiteral("s3cr@t"));
        QCOMPARE(restart.environment().value(QStringLiteral("HOME")), QStringLiteral("/home/ann"));
    }

    void withoutAPasswordNothingChanges_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no arguments") << QStringList {};
        QTest::newRow("PostgreSQL without a password")
            << QStringList { "--database", "postgresql://ann@db/calls" };
        QTest::newRow("SQLite") << QStringList { "--database", "/var/lib/switchboard/calls.sqlite" };
        QTest::newRow("a tel: link") << QStringList { "tel:+819059876543" };
    }

    void withoutAPasswordNothingChanges()
    {
        QFETCH(QStringList, arguments);
        QProcessEnvironment environment = environmentWithout(QStringLiteral("PGPASSWORD"));
        environment.insert(QStringLiteral("PGPASSFILE"), QStringLiteral("/home/ann/.pgpass"));
        const SelfRestart restart(arguments, environment);
        QCOMPARE(restart.arguments(), arguments);
        QCOMPARE(restart.environment(), environment);
    }
};

QTEST_GUILESS_MAIN(TestSelfRestart)
#include "TestSelfRestart.moc"
