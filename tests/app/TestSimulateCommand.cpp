#include "SwitchboardRun.h"
#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"
#include "core/config/WebhookSigningKey.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// `switchboard simulate`, run as a developer would: against a server started for the occasion, and against
// a running `switchboard serve` (the issue's "done when").
class TestSimulateCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_database;
    QProcessEnvironment m_environment;

    SwitchboardRun run(QStringList arguments, const QByteArray &input = {})
    {
        arguments << "--database" << m_database;
        return SwitchboardRun::start(arguments, m_environment, input);
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // The seed's setup: DeviceId_0001 owns +81-50-3123-4567.
    void addSeedMapping()
    {
        const SwitchboardRun client = run({ "client", "add", "DeviceId_0001" }, "secret-0001\n");
        QVERIFY2(client.exitCode == 0, client.err.constData());
        const SwitchboardRun number = run({ "number", "add", "+81-50-3123-4567", "DeviceId_0001" });
        QVERIFY2(number.exitCode == 0, number.err.constData());
    }

    QString configHome() const { return m_environment.value("XDG_CONFIG_HOME"); }

    // This user's secret store as the desktop app and the commands open it (the user-only file: no bus).
    Config::SecretStore secretStore() const
    {
        return Config::SecretStore("Switchboard", configHome() + "/Switchboard/switchboard/secrets.json");
    }

    // What the Settings page saves for an account with an auth token (the SIDs do not matter here).
    void saveAuthToken(const QByteArray &authToken)
    {
        QSettings settings(configHome() + "/Switchboard/switchboard.conf", QSettings::IniFormat);
        Config::SecretStore secrets = secretStore();
        Config::TwilioAccount account;
        account.authToken = authToken;
        const auto saved = Config::AccountSettings(settings, secrets).save(account);
        QVERIFY2(saved, qPrintable(saved.error()));
    }

    // `switchboard serve` with TWILIO_AUTH_TOKEN=authToken on a free port; returns its URL.
    QString startServe(QProcess &server, const QByteArray &authToken)
    {
        const quint16 port = freePort();
        QProcessEnvironment environment = m_environment;
        environment.insert("TWILIO_AUTH_TOKEN", QString::fromLatin1(authToken));
        server.setProcessEnvironment(environment);
        server.start(SWITCHBOARD_EXECUTABLE,
                     { "serve", "--database", m_database, "--listen", QString("127.0.0.1:%1").arg(port) });
        QByteArray banner;
        if (!server.waitForStarted()
            || !QTest::qWaitFor(
                [&] {
                    banner += server.readAllStandardOutput();
                    return banner.contains("Listening on") || server.state() != QProcess::Running;
                },
                10000)
            || !banner.contains("Listening on"))
            return QString();
        return QString("http://127.0.0.1:%1").arg(port);
    }

    // The desktop app as its user starts it (offscreen, a private runtime folder, no keychain) on the test's
    // database and configuration; returns the URL its webhook server listens on, from its own log line.
    QString startDesktopApp(QProcess &app, QByteArray &log)
    {
        QProcessEnvironment environment = m_environment;
        const QString home = m_dir.filePath("desktop-home");
        for (const char *folder : { "runtime", "tmp" })
            QDir(home).mkpath(QLatin1String(folder));
        QFile::setPermissions(home + "/runtime", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        environment.insert("HOME", home);
        environment.insert("XDG_RUNTIME_DIR", home + "/runtime");
        environment.insert("XDG_CACHE_HOME", home + "/cache");
        environment.insert("TMPDIR", home + "/tmp");
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu");
        environment.insert("QTWEBENGINE_DISABLE_SANDBOX", "1");
        app.setProcessEnvironment(environment);
        app.start(SWITCHBOARD_EXECUTABLE, { "--database", m_database });
        // "listening on http://127.0.0.1:PORT - webhooks signed for BASE": 8080 may be taken here.
        const QRegularExpression listening("listening on (http://127\\.0\\.0\\.1:\\d+)");
        QRegularExpressionMatch match;
        QByteArray said; // by this start
        if (!app.waitForStarted(10000)
            || !QTest::qWaitFor(
                [&] {
                    const QByteArray more = app.readAllStandardError();
                    said += more;
                    log += more;
                    match = listening.match(QString::fromUtf8(said));
                    return match.hasMatch() || app.state() != QProcess::Running;
                },
                30000))
            return QString();
        return match.captured(1);
    }

    static void stopDesktopApp(QProcess &app, QByteArray &log)
    {
        ::kill(pid_t(app.processId()), SIGTERM);
        if (!app.waitForFinished(30000)) {
            app.kill();
            app.waitForFinished();
        }
        log += app.readAllStandardError();
    }

    QList<QByteArray> callLines()
    {
        const SwitchboardRun calls = run({ "calls", "list" });
        QList<QByteArray> lines = calls.out.split('\n');
        lines.removeAll(QByteArray());
        return lines;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int count = 0;
        m_database = m_dir.filePath(QString("simulate-%1.sqlite").arg(++count));
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert("XDG_DATA_HOME", m_dir.filePath("xdg"));
        m_environment.insert("XDG_CONFIG_HOME", m_dir.filePath(QString("config-%1").arg(count)));
        m_environment.remove("TWILIO_AUTH_TOKEN");
        m_environment.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
    }

    void initTestCase()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
    }

    // The README's command against the running desktop app, with no secret passed: the app keeps a signing
    // key of its own in the secret store (it has no account), and simulate finds it there. The key is the
    // same at the next start, and appears in no output and no command line.
    void againstTheRunningDesktopApp()
    {
        addSeedMapping();
        QByteArray log;
        QProcess app;
        const QString url = startDesktopApp(app, log);
        QVERIFY2(!url.isEmpty(), log.constData());

        Config::SecretStore secrets = secretStore();
        const auto key = secrets.read(Config::WebhookSigningKey::localKeyName);
        QVERIFY2(key && key->has_value(), qPrintable(key.error()));
        const QByteArray secret = **key;
        QCOMPARE(secret.size(), 32);
        QFile commandLine(QString("/proc/%1/cmdline").arg(app.processId()));
        QVERIFY(commandLine.open(QIODevice::ReadOnly));
        QVERIFY(!commandLine.readAll().contains(secret));

        const SwitchboardRun outgoing
            = run({ "simulate", "outgoing", "--client", "DeviceId_0001", "--to", "+81-90-5987-6543",
                    "--server", url, "--far-end-answers-after", "0.2", "--talk", "0.5" });
        QVERIFY2(outgoing.exitCode == 0, (outgoing.out + outgoing.err).constData());
        QVERIFY2(outgoing.out.contains("Signing with the desktop app's local signing key"),
                 outgoing.out.constData());
        QVERIFY2(
            outgoing.out.contains(
                R"(<Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Number>+819059876543</Number></Dial>)"),
            outgoing.out.constData());
        QVERIFY(!outgoing.out.contains(secret) && !outgoing.err.contains(secret));

        stopDesktopApp(app, log);
        QVERIFY2(app.exitCode() == 0, log.constData());
        const QString again = startDesktopApp(app, log);
        QVERIFY2(!again.isEmpty(), log.constData());
        const SwitchboardRun incoming
            = run({ "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567", "--server",
                    again, "--no-answer", "--time-scale", "100" });
        QVERIFY2(incoming.out.contains("<- 200") && !incoming.out.contains("<- 403"),
                 (incoming.out + incoming.err).constData());
        stopDesktopApp(app, log);
        QCOMPARE(**secretStore().read(Config::WebhookSigningKey::localKeyName), secret);
        QVERIFY2(!log.contains(secret), "the app's log holds its signing key");
    }

    // With an account, the desktop app checks the account's auth token: simulate finds that one in the
    // secret store, and a refusal names the key it tried (never the key itself).
    void signsWithTheSavedAuthToken()
    {
        addSeedMapping();
        QProcess server;
        const QString url = startServe(server, "saved-auth-token");
        QVERIFY2(!url.isEmpty(), server.readAllStandardError().constData());

        saveAuthToken("another-auth-token");
        const SwitchboardRun refused = run(
            { "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567", "--server", url });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.contains("<- 403"), refused.out.constData());
        QVERIFY2(
            refused.err.contains("the server refused the signature made with the account's auth token: if "
                                 "it is not this user's desktop app, set TWILIO_AUTH_TOKEN"),
            refused.err.constData());
        QVERIFY(!refused.err.contains("another-auth-token") && !refused.out.contains("another-auth-token"));

        saveAuthToken("saved-auth-token");
        const SwitchboardRun signedCall
            = run({ "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567", "--server",
                    url, "--answer-after", "0.2", "--talk", "0.2" });
        QVERIFY2(signedCall.exitCode == 0, (signedCall.out + signedCall.err).constData());
        QVERIFY(signedCall.out.contains("Signing with the account's auth token"));
        QVERIFY(signedCall.out.contains("DeviceId_0001 answers"));

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
    }

    void incomingCallOnAServerStartedForTheOccasion()
    {
        addSeedMapping();
        const SwitchboardRun call
            = run({ "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567",
                    "--answer-after", "1", "--talk", "3", "--time-scale", "20" });
        QVERIFY2(call.exitCode == 0, (call.out + call.err).constData());
        QVERIFY2(call.out.contains("started one on http://127.0.0.1:"), call.out.constData());
        QVERIFY(call.out.contains("<Client>DeviceId_0001</Client>"));
        QVERIFY(call.out.contains("DeviceId_0001's phone rings"));
        QVERIFY(call.out.contains("DeviceId_0001 answers"));
        QVERIFY2(call.out.contains("Outcome: answered, 3 s (Twilio's status: completed)"),
                 call.out.constData());
        const auto lines = callLines();
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(
                     "+819059876543 -> +815031234567  DeviceId_0001  answered  3 s  completed  CA"),
                 lines.first().constData());
    }

    // Twilio's status for the caller's leg is "completed" here too; the person missed the call, and the
    // caller left a message.
    void anUnansweredCallEndsInVoicemail()
    {
        addSeedMapping();
        const SwitchboardRun call = run({ "simulate", "incoming", "--from", "+819059876543", "--to",
                                          "+815031234567", "--no-answer", "--time-scale", "1000" });
        QVERIFY2(call.exitCode == 0, (call.out + call.err).constData());
        QVERIFY2(call.out.contains("Outcome: voicemail (Twilio's status: completed)"), call.out.constData());
        const auto lines = callLines();
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains("DeviceId_0001  voicemail  -  completed  CA"),
                 lines.first().constData());
    }

    // Call control, scripted: the client holds, resumes, then transfers after talking to a colleague, who
    // answers; the call is handed over, and the story in the call log tells it.
    void aScriptedCallIsHeldAndTransferred()
    {
        addSeedMapping();
        QCOMPARE(run({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        const SwitchboardRun call
            = run({ "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567",
                    "--answer-after", "1", "--hold-after", "1", "--resume-after", "1", "--transfer-to",
                    "client:alice", "--warm", "--talk", "2", "--time-scale", "20" });
        QVERIFY2(call.exitCode == 0, (call.out + call.err).constData());
        for (const char *said :
             { "Call control is on for this call", "DeviceId_0001 answers",
               "DeviceId_0001 holds the caller: 200", "DeviceId_0001 takes the caller off hold: 200",
               "DeviceId_0001 transfers the call to client:alice, talking first: 202", "alice's phone rings",
               "alice answers", "DeviceId_0001 hands the call over: 200", "Outcome: answered" })
            QVERIFY2(call.out.contains(said), qPrintable(QString(said) + " is not in:\n" + call.out));
        const auto lines = callLines();
        QCOMPARE(lines.size(), 1);
        const QByteArray callSid = lines.first().mid(lines.first().lastIndexOf(' ') + 1).trimmed();
        const SwitchboardRun story = run({ "calls", "show", QString::fromLatin1(callSid) });
        QVERIFY2(story.out.contains("client:DeviceId_0001 put +819059876543 on hold")
                     && story.out.contains(
                         "client:DeviceId_0001 transferred the call to client:alice, talking first")
                     && story.out.contains("client:DeviceId_0001 handed the call over and left"),
                 story.out.constData());

        // Add a party, and merge once it answered: three on one call.
        const SwitchboardRun added = run({ "simulate", "incoming", "--from", "+819059876543", "--to",
                                           "+815031234567", "--answer-after", "1", "--add-party",
                                           "client:alice", "--talk", "2", "--time-scale", "20" });
        QVERIFY2(added.exitCode == 0, (added.out + added.err).constData());
        QVERIFY2(added.out.contains("DeviceId_0001 adds client:alice to the call: 202")
                     && added.out.contains("DeviceId_0001 merges the calls: 200")
                     && added.out.contains("Outcome: answered"),
                 added.out.constData());
    }

    // Call waiting, scripted: a second caller rings while the client is on the call; the busy client
    // declines it, and that caller reaches voicemail. Options that make no sense together are refused.
    void aSecondCallerReachesVoicemailAndBadScriptsAreRefused()
    {
        addSeedMapping();
        const SwitchboardRun call = run({ "simulate", "incoming", "--from", "+819059876543", "--to",
                                          "+815031234567", "--answer-after", "1", "--second-call-from",
                                          "+819011112222", "--talk", "4", "--time-scale", "20" });
        QVERIFY2(call.exitCode == 0, (call.out + call.err).constData());
        QVERIFY2(call.out.contains("a second call comes in from +819011112222")
                     && call.out.contains("call waiting: DeviceId_0001's phone shows +819011112222")
                     && call.out.contains("[second call] outcome: voicemail")
                     && call.out.contains("Outcome: answered"),
                 call.out.constData());

        for (const QStringList &bad :
             { QStringList { "--resume-after", "1" }, QStringList { "--warm" },
               QStringList { "--transfer-to", "client:alice", "--add-party", "+819011112222" },
               QStringList { "--hold-after", "soon" }, QStringList { "--hold-after", "1", "--no-answer" },
               QStringList { "--hold-after", "1", "--server", "http://127.0.0.1:9" } }) {
            const SwitchboardRun refused = run(
                QStringList { "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567" }
                + bad);
            QVERIFY2(refused.exitCode == 2, qPrintable(bad.join(' ') + ": " + refused.err));
        }
    }

    // The region and the toll-fraud settings saved on the Settings page hold here too: the simulated call
    // reads numbers as the app does, and its server refuses what the app's would.
    void readsTheAppsSettings()
    {
        addSeedMapping();
        const SwitchboardRun japanese = run({ "simulate", "incoming", "--from", "03-1234-5678", "--to",
                                              "+815031234567", "--no-answer", "--time-scale", "1000" });
        QVERIFY2(japanese.out.contains("From=+81312345678"), japanese.out.constData());
        {
            QSettings app(m_environment.value("XDG_CONFIG_HOME") + "/Switchboard/switchboard.conf",
                          QSettings::IniFormat);
            app.setValue("phone/region", "US");
            app.setValue("calls/allowedRegions", QStringList { "JP" });
        }
        const SwitchboardRun american = run({ "simulate", "incoming", "--from", "(312) 345-6789", "--to",
                                              "+815031234567", "--no-answer", "--time-scale", "1000" });
        QVERIFY2(american.out.contains("From=+13123456789"), american.out.constData());
        const SwitchboardRun refused = run({ "simulate", "outgoing", "--client", "DeviceId_0001", "--to",
                                             "(312) 345-6789", "--time-scale", "1000" });
        QVERIFY2(refused.out.contains("calls to United States are not allowed"), refused.out.constData());
        // Twilio calls the refused call "completed"; the person's outcome is a refusal, and the command
        // fails.
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(
            refused.out.contains("Outcome: refused by the server, which said: This call cannot be placed"),
            refused.out.constData());
    }

    void aCallToANumberNobodyAnswersFails()
    {
        addSeedMapping();
        const SwitchboardRun unmapped = run({ "simulate", "incoming", "--from", "+819059876543", "--to",
                                              "+815099990000", "--time-scale", "1000" });
        QCOMPARE(unmapped.exitCode, 1);
        QVERIFY2(unmapped.out.contains("Outcome: refused by the server"), unmapped.out.constData());
    }

    void againstARunningServe()
    {
        addSeedMapping();
        const quint16 port = freePort();
        const QString url = QString("http://127.0.0.1:%1").arg(port);
        m_environment.insert("TWILIO_AUTH_TOKEN", "simulate-test-token");
        QProcess server;
        server.setProcessEnvironment(m_environment);
        server.start(SWITCHBOARD_EXECUTABLE,
                     { "serve", "--database", m_database, "--listen", QString("127.0.0.1:%1").arg(port) });
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("Listening on")
                                     || server.state() != QProcess::Running,
                                 10000);
        QVERIFY(banner.contains("Listening on"));

        const SwitchboardRun incoming
            = run({ "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567", "--server",
                    url, "--answer-after", "1", "--talk", "1" });
        QVERIFY2(incoming.exitCode == 0, (incoming.out + incoming.err).constData());
        QVERIFY(incoming.out.contains("DeviceId_0001's phone rings"));
        QVERIFY(incoming.out.contains("DeviceId_0001 answers"));
        QVERIFY2(callLines().size() == 1 && callLines().first().contains("completed"),
                 callLines().value(0).constData());

        const SwitchboardRun outgoing
            = run({ "simulate", "outgoing", "--client", "DeviceId_0001", "--to", "+81-90-5987-6543",
                    "--server", url, "--far-end-answers-after", "0.2", "--talk", "0.5" });
        QVERIFY2(outgoing.exitCode == 0, (outgoing.out + outgoing.err).constData());
        QVERIFY2(
            outgoing.out.contains(
                R"(<Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567"><Number>+819059876543</Number></Dial>)"),
            outgoing.out.constData());

        // A wrong auth token: the server refuses, the simulator says so and fails.
        m_environment.insert("TWILIO_AUTH_TOKEN", "not-the-servers-token");
        const SwitchboardRun forged = run(
            { "simulate", "incoming", "--from", "+819059876543", "--to", "+815031234567", "--server", url });
        QCOMPARE(forged.exitCode, 1);
        QVERIFY2(forged.out.contains("<- 403"), forged.out.constData());

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no action") << QStringList { "simulate" } << 2
                                   << QByteArray("Usage: switchboard simulate");
        QTest::newRow("unknown action")
            << QStringList { "simulate", "sideways" } << 2 << QByteArray("unknown action 'sideways'");
        QTest::newRow("no from") << QStringList { "simulate", "incoming", "--to", "+815031234567" } << 2
                                 << QByteArray("--from is missing");
        // An empty or blank To is no number: refused before any request, so no call is logged either.
        QTest::newRow("empty to") << QStringList { "simulate", "incoming", "--from", "+1", "--to", "" } << 2
                                  << QByteArray("--to is missing");
        QTest::newRow("blank to") << QStringList { "simulate", "incoming", "--from", "+1", "--to", "  " } << 2
                                  << QByteArray("--to is missing");
        QTest::newRow("no client") << QStringList { "simulate", "outgoing", "--to", "+815031234567" } << 2
                                   << QByteArray("--client is missing");
        QTest::newRow("bad time scale")
            << QStringList { "simulate", "incoming", "--from", "+1", "--to", "+2", "--time-scale", "fast" }
            << 2 << QByteArray("--time-scale");
        QTest::newRow("answer and no answer")
            << QStringList { "simulate", "incoming",       "--from", "+1",         "--to",
                             "+2",       "--answer-after", "1",      "--no-answer" }
            << 2 << QByteArray("exclude each other");
        QTest::newRow("bad server") << QStringList { "simulate", "incoming", "--from",   "+1",
                                                     "--to",     "+2",       "--server", "ftp://x" }
                                    << 2 << QByteArray("--server must be an http(s) URL");
        QTest::newRow("server without token")
            << QStringList { "simulate", "incoming", "--from",   "+1",
                             "--to",     "+2",       "--server", "http://127.0.0.1:9" }
            << 1
            << QByteArray("TWILIO_AUTH_TOKEN is not set, and this user's desktop app has no signing key yet");
        // The desktop app's key goes only to a server on this computer (or at the app's public URL).
        QTest::newRow("other computer without token")
            << QStringList { "simulate", "incoming", "--from",   "+1",
                             "--to",     "+2",       "--server", "http://192.0.2.1:9" }
            << 1 << QByteArray("TWILIO_AUTH_TOKEN is not set: the server checks Twilio's signatures");
    }

    void refusals()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const SwitchboardRun result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2((result.out + result.err).contains(message), (result.out + result.err).constData());
        const SwitchboardRun calls = run({ "calls", "list" });
        QCOMPARE(calls.exitCode, 0);
        QVERIFY2(calls.out.trimmed().isEmpty(), calls.out.constData()); // a refused simulation logs no call
        QVERIFY2(calls.err.contains("no calls yet"), calls.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSimulateCommand)
#include "TestSimulateCommand.moc"
