#include "SwitchboardRun.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Runs the real `switchboard` binary's client, number, calls and serve commands, as a shell user would.
class TestAdminCommands : public QObject
{
    Q_OBJECT

    using Run = SwitchboardRun;

    QTemporaryDir m_dir;
    QString m_database;

    Run run(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME",
                   m_dir.filePath("xdg")); // the default database goes here, never into $HOME
        return SwitchboardRun::start(arguments, env, input);
    }

    Run runDb(QStringList arguments, const QByteArray &input = {})
    {
        arguments << "--database" << m_database;
        return run(arguments, input);
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int count = 0;
        m_database = m_dir.filePath(QString("admin-%1.sqlite").arg(++count));
    }

    void clientsAndNumbersAsInTheSeed()
    {
        Run added = runDb({ "client", "add", "DeviceId_0001" }, "secret-0001\n");
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.out.contains("Added client DeviceId_0001."), added.err.constData());

        // --database before the command works too.
        Run number = run({ "--database", m_database, "number", "add", "050-3123-4567", "DeviceId_0001",
                           "--label", "seed" });
        QCOMPARE(number.exitCode, 0);
        QCOMPARE(number.out, QByteArray("+815031234567 now rings client DeviceId_0001.\n"));

        Run numbers = runDb({ "number", "list" });
        QCOMPARE(numbers.exitCode, 0);
        QCOMPARE(numbers.out, QByteArray("+815031234567  -> DeviceId_0001  seed\n"));
        Run clients = runDb({ "client", "list" });
        QCOMPARE(clients.out, QByteArray("DeviceId_0001  numbers: +815031234567\n"));

        Run busy = runDb({ "client", "remove", "DeviceId_0001" });
        QCOMPARE(busy.exitCode, 1);
        QVERIFY2(busy.err.contains("still owns"), busy.err.constData());

        QCOMPARE(runDb({ "number", "remove", "+81 50 3123 4567" }).exitCode, 0);
        QCOMPARE(runDb({ "number", "list" }).out, QByteArray());
        QCOMPARE(runDb({ "client", "remove", "DeviceId_0001" }).exitCode, 0);
        QCOMPARE(runDb({ "client", "list" }).out, QByteArray());
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("number for unknown client")
            << QStringList { "number", "add", "+815031234567", "nobody" } << 1
            << QByteArray("no client named nobody");
        QTest::newRow("invalid number")
            << QStringList { "number", "add", "12", "alice" } << 2 << QByteArray("not a valid phone number");
        QTest::newRow("number without client") << QStringList { "number", "add", "+815031234567" } << 2
                                               << QByteArray("expected NUMBER and CLIENT");
        QTest::newRow("remove unknown number")
            << QStringList { "number", "remove", "+815031234567" } << 1 << QByteArray("+815031234567");
        QTest::newRow("remove unknown client")
            << QStringList { "client", "remove", "nobody" } << 1 << QByteArray("nobody");
        QTest::newRow("bad client name") << QStringList { "client", "add", "a b" } << 1 << QByteArray("' '");
        QTest::newRow("unknown action")
            << QStringList { "number", "frob" } << 2 << QByteArray("unknown action 'frob'");
        QTest::newRow("calls with argument")
            << QStringList { "calls", "list", "x" } << 2 << QByteArray("unexpected argument 'x'");
        QTest::newRow("bad limit") << QStringList { "calls", "list", "--limit", "0" } << 2
                                   << QByteArray("--limit");
        QTest::newRow("bad listen") << QStringList { "serve", "--listen", "nowhere" } << 2
                                    << QByteArray("--listen");
        QTest::newRow("bad public url")
            << QStringList { "serve", "--public-url", "ftp://x" } << 2 << QByteArray("--public-url");
        QTest::newRow("bad tel link") << QStringList { "tel:+81-90-CALL-NOW" } << 2
                                      << QByteArray("a phone number cannot hold 'C'");
        QTest::newRow("no threads") << QStringList { "serve", "--threads", "0" } << 2
                                    << QByteArray("--threads takes a number from 1 to 64, not '0'");
        QTest::newRow("threads not a number")
            << QStringList { "serve", "--threads", "many" } << 2 << QByteArray("not 'many'");
        QTest::newRow("trusted proxy not an address")
            << QStringList { "serve", "--trusted-proxy", "proxy.example.com" } << 2
            << QByteArray("--trusted-proxy: 'proxy.example.com' is not an IP address or a subnet");
        QTest::newRow("trusted proxy bad prefix") << QStringList { "serve", "--trusted-proxy", "10.0.0.0/33" }
                                                  << 2 << QByteArray("--trusted-proxy");
    }

    void refusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        const Run result = runDb(arguments, "secret-x-long\n");
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), result.err.constData());
        QCOMPARE(result.out, QByteArray());
    }

    void duplicateNumberChangesNothing()
    {
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        QCOMPARE(runDb({ "client", "add", "bob" }, "secret-bob-1\n").exitCode, 0);
        QCOMPARE(runDb({ "number", "add", "+14155550100", "alice" }).exitCode, 0);
        const Run again = runDb({ "number", "add", "+1 415 555 0100", "bob" });
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already mapped to client alice"), again.err.constData());
        QCOMPARE(runDb({ "number", "list" }).out, QByteArray("+14155550100  -> alice\n"));
    }

    void databaseErrorsAreClear()
    {
        const Run badUrl = run({ "number", "list", "--database", "mysql://x/y" });
        QCOMPARE(badUrl.exitCode, 1);
        QVERIFY(badUrl.err.contains("--database"));
        const Run twice = run({ "--database", "a", "number", "list", "--database", "b" });
        QCOMPARE(twice.exitCode, 2);
        QVERIFY(twice.err.contains("twice"));
        const Run missing = run({ "number", "list", "--database" });
        QCOMPARE(missing.exitCode, 2);
        const Run password
            = run({ "calls", "list", "--database", "postgresql://user:hunter2@127.0.0.1:1/none" });
        QCOMPARE(password.exitCode, 1);
        QVERIFY2(!password.err.contains("hunter2"), password.err.constData());
    }

    void defaultDatabaseLivesInTheDataDirectory()
    {
        QCOMPARE(run({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        QVERIFY(QFile::exists(m_dir.filePath("xdg/Switchboard/switchboard/switchboard.sqlite")));
        QCOMPARE(run({ "client", "list" }).out, QByteArray("alice  numbers: none\n"));
    }

    void serveAnswersAndStopsCleanly()
    {
        const quint16 port = freePort();
        QProcess server;
        QProcessEnvironment env;
        env.insert("TWILIO_AUTH_TOKEN", "serve-test-token");
        server.setProcessEnvironment(env);
        server.start(SWITCHBOARD_EXECUTABLE,
                     { "serve", "--database", m_database, "--listen", QString("127.0.0.1:%1").arg(port),
                       "--threads", "3", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "fd00::/8" });
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("Listening on")
                                     || server.state() != QProcess::Running,
                                 10000);
        QByteArray log = server.readAllStandardError();
        QVERIFY2(banner.contains("Listening on"), log.constData());

        QNetworkAccessManager network;
        QNetworkReply *reply
            = network.get(QNetworkRequest(QUrl(QString("http://127.0.0.1:%1/healthz").arg(port))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray(R"({"database":"ok","status":"ok"})"));
        delete reply;

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        log += server.readAllStandardError();
        QVERIFY2(log.contains("3 request thread(s)"), log.constData());
        QVERIFY(log.contains("shutting down"));
    }

    void serveNeedsTheAuthToken()
    {
        QProcess server;
        server.setProcessEnvironment(QProcessEnvironment());
        server.start(SWITCHBOARD_EXECUTABLE,
                     { "serve", "--database", m_database, "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 1);
        QVERIFY(server.readAllStandardError().contains("TWILIO_AUTH_TOKEN is not set"));
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("usage");
        QTest::newRow("serve") << QStringList { "serve", "--help" } << QByteArray("Usage: switchboard serve");
        QTest::newRow("client") << QStringList { "client", "--help" }
                                << QByteArray("Usage: switchboard client");
        QTest::newRow("client add") << QStringList { "client", "add", "--help" }
                                    << QByteArray("Usage: switchboard client add");
        QTest::newRow("number add") << QStringList { "number", "add", "--help" }
                                    << QByteArray("Usage: switchboard number add");
        QTest::newRow("number") << QStringList { "number", "--help" }
                                << QByteArray("Usage: switchboard number");
        QTest::newRow("calls") << QStringList { "calls", "--help" }
                               << QByteArray("Usage: switchboard calls list");
        QTest::newRow("calls list") << QStringList { "calls", "list", "--help" }
                                    << QByteArray("Usage: switchboard calls list");
        QTest::newRow("top") << QStringList { "--help" } << QByteArray("Usage: switchboard [--database URL]");
    }

    void helpForEveryCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, usage);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(usage), result.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "TestAdminCommands.moc"
