#include "SwitchboardRun.h"
#include "core/store/CallJournal.h"
#include "core/store/CallStory.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Runs the real `switchboard` binary's client, number, calls and serve commands, as a shell user would;
// TestAdminCommands_server runs the same on `switchboard-server`.
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
        env.insert("XDG_CONFIG_HOME", configHome()); // the app's settings, never the user's
        return SwitchboardRun::start(arguments, env, input);
    }

    Run runDb(QStringList arguments, const QByteArray &input = {})
    {
        arguments << "--database" << m_database;
        return run(arguments, input);
    }

    QString configHome() const { return m_dir.filePath("xdg-config"); }

    // What the desktop app's Settings page saves, where the commands read it.
    void saveAppSetting(const QString &key, const QVariant &value)
    {
        QSettings settings(configHome() + "/Switchboard/switchboard.conf", QSettings::IniFormat);
        settings.setValue(key, value);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    static QByteArray post(quint16 port, const QString &path, const QByteArray &form)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QString("http://127.0.0.1:%1%2").arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        QNetworkReply *reply = network.post(request, form);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(5000))
            return "(no answer)";
        const QByteArray body = reply->readAll();
        delete reply;
        return body;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // Starts `serve` on this test's database at 127.0.0.1:port with an auth token set, plus arguments.
    void startServe(QProcess &server, quint16 port, const QStringList &arguments) const
    {
        QProcessEnvironment env;
        env.insert("TWILIO_AUTH_TOKEN", "serve-test-token");
        server.setProcessEnvironment(env);
        server.start(
            SwitchboardRun::executable(),
            QStringList { "serve", "--database", m_database, "--listen", QString("127.0.0.1:%1").arg(port) }
                + arguments);
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
        QTest::newRow("number words without client")
            << QStringList { "number", "add", "+81", "50-3123-4567" } << 2
            << QByteArray("expected NUMBER and CLIENT: \"+81 50-3123-4567\" is one number; name the client "
                          "after it");
        QTest::newRow("number words that are no number")
            << QStringList { "number", "add", "+81", "50-3123-456x", "alice" } << 2
            << QByteArray("a number of several words needs quotes");
        // Berlin numbers have 7 or 8 digits: the last word may be the client or the number's last digit.
        QTest::newRow("number words read two ways")
            << QStringList { "number", "add", "+49", "30", "1234567", "8" } << 2
            << QByteArray("could be the number +49301234567 for client 8, or the number +493012345678 with "
                          "no client: put the number in quotes");
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
        if (QFileInfo(SwitchboardRun::executable()).fileName() == "switchboard")
            QTest::newRow("bad tel link")
                << QStringList { "tel:+81-90-CALL-NOW" } << 2 << QByteArray("a phone number cannot hold 'C'");
        else // only the desktop phone dials
            QTest::newRow("tel link") << QStringList { "tel:+81-90-CALL-NOW" } << 2
                                      << QByteArray("unknown command 'tel:+81-90-CALL-NOW'");
        QTest::newRow("no threads") << QStringList { "serve", "--threads", "0" } << 2
                                    << QByteArray("--threads takes a number from 1 to 64, not '0'");
        QTest::newRow("threads not a number")
            << QStringList { "serve", "--threads", "many" } << 2 << QByteArray("not 'many'");
        QTest::newRow("allow-country is gone") << QStringList { "serve", "--allow-country", "1" } << 2
                                               << QByteArray("--allow-country is replaced by --allow-region");
        QTest::newRow("allow-region with a calling code")
            << QStringList { "serve", "--allow-region", "1" } << 2
            << QByteArray("--allow-region: '1' is a calling code, not a region");
        QTest::newRow("allow-region unknown") << QStringList { "serve", "--allow-region", "XX" } << 2
                                              << QByteArray("--allow-region: 'XX' is not a region code");
        QTest::newRow("allow-number-type not refused")
            << QStringList { "serve", "--allow-number-type", "mobile" } << 2
            << QByteArray("--allow-number-type: 'mobile' is not a number type that is refused by default");
        QTest::newRow("serve region unknown")
            << QStringList { "serve", "--region", "ZZ" } << 2 << QByteArray("--region: 'ZZ' is not a region");
        QTest::newRow("number region unknown")
            << QStringList { "number", "add", "415-555-0100", "alice", "--region", "ZZ" } << 2
            << QByteArray("--region: 'ZZ' is not a region");
        QTest::newRow("dial timeout too short")
            << QStringList { "serve", "--dial-timeout", "4" } << 2
            << QByteArray("--dial-timeout: give from 5 to 600 seconds (Twilio's limits), not 4");
        QTest::newRow("dial timeout too long") << QStringList { "serve", "--dial-timeout", "601" } << 2
                                               << QByteArray("--dial-timeout: give from 5 to 600 seconds");
        QTest::newRow("dial timeout not a number")
            << QStringList { "serve", "--dial-timeout", "1m" } << 2
            << QByteArray("--dial-timeout must be a whole number of seconds, not '1m'");
        QTest::newRow("no voicemail")
            << QStringList { "serve", "--voicemail-length", "0" } << 2
            << QByteArray("--voicemail-length: give from 1 to 3600 seconds (an hour), "
                          "not 0");
        QTest::newRow("voicemail of four hours")
            << QStringList { "serve", "--voicemail-length", "14400" } << 2
            << QByteArray("--voicemail-length: give from 1 to 3600 seconds (an hour), not 14400");
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

    // The README's number, typed without quotes as people do: the words of one number and the client.
    void numberAddTakesTheWordsOfOneNumber()
    {
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        const Run refused = runDb({ "number", "add", "+81", "50-3123-4567" });
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(runDb({ "number", "list" }).out, QByteArray()); // nothing half-written
        const Run added = runDb({ "number", "add", "+81", "50-3123-4567", "alice", "--label", "seed" });
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(added.out, QByteArray("+815031234567 now rings client alice.\n"));
        const Run spaced = runDb({ "number", "add", "+1", "(415)", "555", "0100", "alice" });
        QVERIFY2(spaced.exitCode == 0, spaced.err.constData());
        QCOMPARE(runDb({ "number", "list" }).out,
                 QByteArray("+14155550100  -> alice\n+815031234567  -> alice  seed\n"));
        const Run removed = runDb({ "number", "remove", "+81", "50-3123-4567" });
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QCOMPARE(runDb({ "number", "list" }).out, QByteArray("+14155550100  -> alice\n"));
    }

    // stderr is for warnings and errors: the issue saw "switchboard.store: opened ... at schema version 1"
    // after every command. --verbose (before or after the command) shows the informational lines.
    void commandsAreQuietUnlessVerbose()
    {
        const Run quiet = runDb({ "client", "list" });
        QCOMPARE(quiet.exitCode, 0);
        QCOMPARE(quiet.err, QByteArray());
        const Run added = runDb({ "client", "add", "alice" }, "secret-alice\n");
        QCOMPARE(added.err, QByteArray());
        const Run verbose = runDb({ "client", "list", "--verbose" });
        QCOMPARE(verbose.exitCode, 0);
        QVERIFY2(verbose.err.contains("switchboard.store: opened") && verbose.err.contains("schema version"),
                 verbose.err.constData());
        QCOMPARE(verbose.out, QByteArray("alice  numbers: none\n"));
        const Run first = run({ "--verbose", "--database", m_database, "number", "list" });
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.err.contains("switchboard.store: opened"), first.err.constData());
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

    void callsListStoresWhatACrashedServerLeftInTheJournal()
    {
        QCOMPARE(runDb({ "client", "list" }).exitCode, 0); // creates the database
        {
            auto journal = Store::CallJournal::open(Store::CallJournal::folderFor(m_database));
            QVERIFY2(journal, qPrintable(journal.error()));
            Store::CallEvent event;
            event.callSid = "CAJOURNALED";
            event.status = "ringing";
            event.direction = "incoming";
            event.from = "+819059876543";
            event.to = "+815031234567";
            QVERIFY(journal.value()->append(event));
        } // the server "crashed": nothing was released
        const Run calls = runDb({ "calls", "list" });
        QCOMPARE(calls.exitCode, 0);
        QVERIFY2(calls.out.contains("CAJOURNALED"), calls.out.constData());
        QVERIFY(!QFileInfo::exists(Store::CallJournal::folderFor(m_database)));
    }

    // calls show: one call, then its story under call control.
    void callsShowTellsWhatHappenedOnACall()
    {
        const QString callSid = "CA" + QString(32, u'b');
        QCOMPARE(runDb({ "client", "list" }).exitCode, 0); // creates the database
        {
            auto journal = Store::CallJournal::open(Store::CallJournal::folderFor(m_database));
            QVERIFY2(journal, qPrintable(journal.error()));
            Store::CallEvent event;
            event.callSid = callSid;
            event.status = "in-progress";
            event.direction = "incoming";
            event.from = "+819059876543";
            event.to = "+815031234567";
            QVERIFY(journal.value()->append(event));
        }
        {
            const auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_database));
            QVERIFY2(database, qPrintable(database.error()));
            Store::StoryEvent held;
            held.event = Store::StoryEvent::held();
            held.party = "caller";
            held.address = "+819059876543";
            held.actor = "client:desk";
            QVERIFY(Store::CallStory(*database).note(callSid, held));
            Store::StoryEvent transfer;
            transfer.event = Store::StoryEvent::transfer();
            transfer.party = "transfer-1";
            transfer.address = "client:alice";
            transfer.actor = "client:desk";
            transfer.detail = "blind";
            QVERIFY(Store::CallStory(*database).note(callSid, transfer));
        }
        const Run shown = runDb({ "calls", "show", callSid });
        QCOMPARE(shown.exitCode, 0);
        const QList<QByteArray> lines = shown.out.split('\n');
        QVERIFY2(lines.size() >= 3 && lines.at(0).contains(callSid.toUtf8()), shown.out.constData());
        QVERIFY2(lines.at(1).endsWith("client:desk put +819059876543 on hold"), shown.out.constData());
        QVERIFY2(lines.at(2).endsWith("client:desk transferred the call to client:alice"),
                 shown.out.constData());

        const Run unknown = runDb({ "calls", "show", "CA" + QString(32, u'c') });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no call CA"), unknown.err.constData());
        QCOMPARE(runDb({ "calls", "show", "yesterday" }).exitCode, 2);
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
        startServe(server, port,
                   { "--threads", "3", "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "fd00::/8" });
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
        // serve's request log is on without --verbose, one line per request; the rest waits for --verbose.
        QVERIFY2(log.contains("switchboard.server: GET /healthz 200"), log.constData());
        QVERIFY2(!log.contains("schema version"), log.constData());
    }

    void numberAddReadsTheConfiguredRegion()
    {
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        // Without a setting: the default region, Japan.
        Run japanese = runDb({ "number", "add", "050-3123-4567", "alice" });
        QCOMPARE(japanese.out, QByteArray("+815031234567 now rings client alice.\n"));
        // The region saved on the Settings page...
        saveAppSetting("phone/region", "US");
        Run american = runDb({ "number", "add", "(415) 555-0100", "alice" });
        QVERIFY2(american.exitCode == 0, american.err.constData());
        QCOMPARE(american.out, QByteArray("+14155550100 now rings client alice.\n"));
        // ...unless --region says otherwise; remove reads numbers the same way.
        Run explicitRegion = runDb({ "number", "add", "03-1234-5678", "alice", "--region", "jp" });
        QCOMPARE(explicitRegion.out, QByteArray("+81312345678 now rings client alice.\n"));
        QCOMPARE(runDb({ "number", "remove", "415-555-0100" }).exitCode, 0);
        QCOMPARE(runDb({ "number", "list" }).out,
                 QByteArray("+81312345678  -> alice\n+815031234567  -> alice\n"));
    }

    // Outgoing calls reach only the allowed regions, and never premium-rate or satellite numbers unless
    // allowed by type; a refusal is spoken TwiML and is in the log.
    void serveRefusesTollFraud()
    {
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        QCOMPARE(runDb({ "number", "add", "+81 50 3123 4567", "alice" }).exitCode, 0);
        const quint16 port = freePort();
        QProcess server;
        startServe(server, port,
                   { "--insecure-skip-signature-check", "--allow-region", "US", "--allow-region", "jp",
                     "--allow-number-type", "satellite" });
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("Outgoing calls")
                                     || server.state() != QProcess::Running,
                                 10000);
        QVERIFY2(banner.contains("Outgoing calls reach US, JP only; never premium-rate, shared-cost, "
                                 "non-geographic, uan, unknown"),
                 banner.constData() + server.readAllStandardError());

        const auto call = [&](const QByteArray &to) {
            return post(port, "/voice/outgoing", "From=client%3Aalice&To=%2B" + to);
        };
        QVERIFY2(call("12025550123").contains("<Number>+12025550123</Number>"), "US is allowed");
        QVERIFY2(call("819059876543").contains("<Number>+819059876543</Number>"), "JP is allowed");
        QVERIFY2(call("881612345678").contains("<Number>+881612345678</Number>"), "satellite is allowed");
        const QByteArray jamaica = call("18765550123");
        QVERIFY2(jamaica.contains("<Say language=\"en-US\">This call cannot be placed: calls to Jamaica are "
                                  "not allowed. Goodbye.</Say><Hangup/>"),
                 jamaica.constData());
        QVERIFY2(call("19005550123").contains("calls to premium-rate numbers are not allowed"),
                 "premium-rate is refused");

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        const QByteArray log = server.readAllStandardError();
        QVERIFY2(log.contains("refused: calls to Jamaica are not allowed: +18765550123 is in JM"),
                 log.constData());
        QVERIFY2(log.contains("refused: calls to premium-rate numbers are not allowed: +19005550123"),
                 log.constData());
    }

    // --dial-timeout, --voicemail-length and --transcribe-voicemail reach the TwiML: how long a call rings,
    // and a voicemail's length and transcript.
    void serveRingsAndRecordsForTheGivenSeconds()
    {
        QCOMPARE(runDb({ "client", "add", "alice" }, "secret-alice\n").exitCode, 0);
        QCOMPARE(runDb({ "number", "add", "+81 50 3123 4567", "alice" }).exitCode, 0);
        const quint16 port = freePort();
        QProcess server;
        startServe(server, port,
                   { "--insecure-skip-signature-check", "--dial-timeout", "25", "--voicemail-length", "300",
                     "--transcribe-voicemail" });
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("Calls ring")
                                     || server.state() != QProcess::Running,
                                 10000);
        QVERIFY2(banner.contains("Calls ring for 25 s; voicemail takes up to 300 s, transcribed by Twilio "
                                 "(--dial-timeout, --voicemail-length, --transcribe-voicemail)."),
                 banner.constData() + server.readAllStandardError());

        const QByteArray incoming
            = post(port, "/voice/incoming", "From=%2B819059876543&To=%2B815031234567&CallSid=CA1");
        QVERIFY2(incoming.contains(R"(<Dial timeout="25" action="/voice/dial-complete">)"),
                 incoming.constData());
        const QByteArray outgoing = post(port, "/voice/outgoing", "From=client%3Aalice&To=%2B819059876543");
        QVERIFY2(outgoing.contains(R"(<Dial timeout="25" )"), outgoing.constData());
        const QByteArray unanswered = post(port, "/voice/dial-complete",
                                           "From=%2B819059876543&To=%2B815031234567&CallSid=CA1"
                                           "&DialCallStatus=no-answer");
        QVERIFY2(
            unanswered.contains(
                R"(<Record maxLength="300" playBeep="true" recordingStatusCallback="/voice/recording" recordingStatusCallbackEvent="completed absent failed" transcribe="true" transcribeCallback="/voice/transcription"/>)"),
            unanswered.constData());

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }

    void serveNeedsTheAuthToken()
    {
        QProcess server;
        server.setProcessEnvironment(QProcessEnvironment());
        server.start(SwitchboardRun::executable(),
                     { "serve", "--database", m_database, "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 1);
        QVERIFY(server.readAllStandardError().contains("TWILIO_AUTH_TOKEN is not set"));
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("usage"); // what follows "Usage: PROGRAM "
        QTest::newRow("serve") << QStringList { "serve", "--help" } << QByteArray("serve");
        QTest::newRow("client") << QStringList { "client", "--help" } << QByteArray("client");
        QTest::newRow("client add") << QStringList { "client", "add", "--help" } << QByteArray("client add");
        QTest::newRow("number add") << QStringList { "number", "add", "--help" } << QByteArray("number add");
        QTest::newRow("number") << QStringList { "number", "--help" } << QByteArray("number");
        QTest::newRow("calls") << QStringList { "calls", "--help" } << QByteArray("calls list");
        QTest::newRow("calls list") << QStringList { "calls", "list", "--help" } << QByteArray("calls list");
        QTest::newRow("token") << QStringList { "token", "--help" } << QByteArray("token");
        QTest::newRow("simulate") << QStringList { "simulate", "--help" } << QByteArray("simulate ACTION");
        QTest::newRow("top") << QStringList { "--help" } << QByteArray("[--database URL]");
    }

    void helpForEveryCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, usage);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, 0);
        const QByteArray program = QFileInfo(SwitchboardRun::executable()).fileName().toUtf8();
        QVERIFY2(result.out.startsWith("Usage: " + program + ' ' + usage), result.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "TestAdminCommands.moc"
