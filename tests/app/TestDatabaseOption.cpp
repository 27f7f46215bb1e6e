#include "SwitchboardRun.h"
#include "app/DatabaseOption.h"

#include <QTest>

using App::DatabaseOption;

class TestDatabaseOption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takenWhereverItStands_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("rest");
        QTest::addColumn<QString>("database");
        QTest::newRow("before") << QStringList { "--database", "a.sqlite", "calls", "list" }
                                << QStringList { "calls", "list" } << "a.sqlite";
        QTest::newRow("after, with =") << QStringList { "calls", "list", "--database=a.sqlite" }
                                       << QStringList { "calls", "list" } << "a.sqlite";
        QTest::newRow("absent") << QStringList { "calls", "list" } << QStringList { "calls", "list" } << "";
    }

    void takenWhereverItStands()
    {
        QFETCH(QStringList, arguments);
        QString database;
        QString error;
        QVERIFY(DatabaseOption::take(arguments, &database, &error));
        QTEST(arguments, "rest");
        QTEST(database, "database");
    }

    void refusedTwiceOrEmpty()
    {
        QString database;
        QString error;
        QStringList twice { "--database", "a", "--database=b" };
        QVERIFY(!DatabaseOption::take(twice, &database, &error));
        QCOMPARE(error, QStringLiteral("--database is given twice"));
        QStringList empty { "calls", "--database" };
        QVERIFY(!DatabaseOption::take(empty, &database, &error));
        QVERIFY(error.contains(QLatin1String("needs a value")));
    }

    void aPasswordOnTheCommandLineIsWarnedAbout()
    {
        const QString warning
            = DatabaseOption::passwordWarning(QStringLiteral("postgresql://ann:hunter2@db/calls"));
        QVERIFY(warning.contains(QLatin1String("every user of this computer")));
        QVERIFY(warning.contains(QLatin1String("PGPASSWORD")));
        QVERIFY(!warning.contains(QLatin1String("hunter2")));
        QVERIFY(DatabaseOption::passwordWarning(QStringLiteral("postgresql://ann@db/calls")).isEmpty());
        QVERIFY(DatabaseOption::passwordWarning(QStringLiteral("/tmp/a:b@c.sqlite")).isEmpty());
    }

    // As a user sees it: the command still works (here: fails to connect, as nothing listens), warns once,
    // and never shows the password.
    void theBinaryWarnsAndNeverShowsThePassword()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PGPASSWORD"));
        const SwitchboardRun run = SwitchboardRun::start(
            { "--database", "postgresql://ann:hunter2secret@127.0.0.1:1/calls", "calls", "list" },
            environment);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count("every user of this computer"), 1);
        QVERIFY2(run.err.contains("could not connect to PostgreSQL"), run.err.constData());
        QVERIFY2(!(run.out + run.err).contains("hunter2secret"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDatabaseOption)
#include "TestDatabaseOption.moc"
