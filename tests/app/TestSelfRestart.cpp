#include "app/SelfRestart.h"

#include <QTest>

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
