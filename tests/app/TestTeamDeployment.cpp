// A team as it is deployed: a real `switchboard-server serve` holding the Twilio account, and a real
// `switchboard` desktop process signed in to it with nothing but the server's URL, its client's name and
// that client's secret. The desktop runs offscreen in a home folder of its own. The server plays Twilio
// too (--simulate-twilio), so that a call to the client's number rings the desktop through it.

#include "core/server/ApiPaths.h"

#include <QDir>
#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// The account's secrets, which only the server may ever hold.
const QString accountSid = "AC" + QString(32, u'a');
const QByteArray authToken = "deployment-auth-token";
const QByteArray apiSecret = "deployment-api-secret";

} // namespace

class TestTeamDeployment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_serverDir;
    QTemporaryDir m_phoneHome;
    QProcess m_server;
    QByteArray m_serverLog;
    QProcess m_phone;
    QByteArray m_phoneLog;
    quint16 m_port = 0;

    QString database() const { return m_serverDir.filePath("team.sqlite"); }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // One command of the server's, to its end.
    QByteArray serverCommand(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess command;
        QProcessEnvironment environment;
        environment.insert("XDG_DATA_HOME", m_serverDir.filePath("xdg"));
        environment.insert("XDG_CONFIG_HOME", m_serverDir.filePath("xdg-config"));
        command.setProcessEnvironment(environment);
        command.start(SWITCHBOARD_SERVER_EXECUTABLE, arguments + QStringList { "--database", database() });
        command.write(input);
        command.closeWriteChannel();
        if (!command.waitForFinished(60000) || command.exitCode() != 0)
            return "failed: " + command.readAllStandardError();
        return command.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_serverDir.isValid() && m_phoneHome.isValid());
        QVERIFY(!serverCommand({ "client", "add", "carol" }, "secret-carol\n").startsWith("failed"));
        QVERIFY(!serverCommand({ "number", "add", "+81-50-3123-4567", "carol" }).startsWith("failed"));
        // A call to carol's number, played against a server started for the occasion: the log has one.
        const QByteArray played
            = serverCommand({ "simulate", "incoming", "--from", "+819012345678", "--to", "+815031234567" });
        QVERIFY2(!played.startsWith("failed"), played.constData());

        m_port = freePort();
        QProcessEnvironment serverEnvironment;
        serverEnvironment.insert("XDG_DATA_HOME", m_serverDir.filePath("xdg"));
        serverEnvironment.insert("XDG_CONFIG_HOME", m_serverDir.filePath("xdg-config"));
        serverEnvironment.insert("TWILIO_ACCOUNT_SID", accountSid);
        serverEnvironment.insert("TWILIO_AUTH_TOKEN", authToken);
        serverEnvironment.insert("TWILIO_API_KEY", "SK" + QString(32, u'b'));
        serverEnvironment.insert("TWILIO_API_SECRET", apiSecret);
        serverEnvironment.insert("TWILIO_TWIML_APP_SID", "AP" + QString(32, u'c'));
        m_server.setProcessEnvironment(serverEnvironment);
        connect(&m_server, &QProcess::readyReadStandardError, this,
                [this] { m_serverLog += m_server.readAllStandardError(); });
        m_server.start(SWITCHBOARD_SERVER_EXECUTABLE,
                       { "serve", "--simulate-twilio", "--database", database(), "--listen",
                         QString("127.0.0.1:%1").arg(m_port) });
        QVERIFY(m_server.waitForStarted(10000));
        QTRY_VERIFY2_WITH_TIMEOUT(m_serverLog.contains("listening") || m_server.state() != QProcess::Running,
                                  m_serverLog.constData(), 30000);
        QVERIFY2(m_server.state() == QProcess::Running, m_serverLog.constData());
    }

    void cleanupTestCase()
    {
        for (QProcess *process : { &m_phone, &m_server }) {
            if (process->state() == QProcess::NotRunning)
                continue;
            ::kill(pid_t(process->processId()), SIGTERM);
            if (!process->waitForFinished(30000))
                process->kill();
        }
    }

    void thePhoneSignsInAndShowsItsCalls()
    {
        const QString home = m_phoneHome.path();
        QProcessEnvironment environment;
        environment.insert("PATH", qEnvironmentVariable("PATH"));
        environment.insert("HOME", home);
        for (const char *folder : { "config", "data", "cache", "runtime", "tmp" })
            QDir(home).mkpath(QLatin1String(folder));
        QFile::setPermissions(home + "/runtime", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        environment.insert("XDG_CONFIG_HOME", home + "/config");
        environment.insert("XDG_DATA_HOME", home + "/data");
        environment.insert("XDG_CACHE_HOME", home + "/cache");
        environment.insert("XDG_RUNTIME_DIR", home + "/runtime");
        environment.insert("TMPDIR", home + "/tmp");
        environment.insert("QT_QPA_PLATFORM", "offscreen");
        environment.insert("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu");
        environment.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
        for (const char *sanitizer : { "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS" }) {
            if (qEnvironmentVariableIsSet(sanitizer))
                environment.insert(sanitizer, qEnvironmentVariable(sanitizer));
        }
        environment.insert("SWITCHBOARD_SERVER_URL", QString("http://127.0.0.1:%1").arg(m_port));
        environment.insert("SWITCHBOARD_CLIENT", "carol");
        environment.insert("SWITCHBOARD_CLIENT_SECRET", "secret-carol");
        m_phone.setProcessEnvironment(environment);
        connect(&m_phone, &QProcess::readyReadStandardError, this,
                [this] { m_phoneLog += m_phone.readAllStandardError(); });
        m_phone.start(SWITCHBOARD_EXECUTABLE, {});
        QVERIFY(m_phone.waitForStarted(10000));

        // The server issued carol a token, and carol read her calls: what its request log says.
        const QByteArray token = "switchboard.server: POST " + Server::ApiPaths::token().toLatin1() + " 200";
        const QByteArray calls = "switchboard.server: GET " + Server::ApiPaths::calls().toLatin1() + " 200";
        QTRY_VERIFY2_WITH_TIMEOUT((m_serverLog.contains(token) && m_serverLog.contains(calls))
                                      || m_phone.state() != QProcess::Running,
                                  (m_serverLog + "\n--- phone:\n" + m_phoneLog).constData(), 90000);
        QVERIFY2(m_phone.state() == QProcess::Running, m_phoneLog.constData());

        // A call to carol's number, placed as Twilio's REST API would be asked to, rings the desktop: the
        // server's webhooks route it to client carol, and her phone, signed in to the server's simulator,
        // says it rings (as the Voice SDK tells Twilio).
        const QByteArray signedIn
            = "switchboard.server: GET " + Server::ApiPaths::simulatorEvents().toLatin1() + " 200";
        QTRY_VERIFY2_WITH_TIMEOUT(m_serverLog.contains(signedIn) || m_phone.state() != QProcess::Running,
                                  (m_serverLog + "\n--- phone:\n" + m_phoneLog).constData(), 90000);
        QNetworkAccessManager network;
        QNetworkRequest placeCall(
            QUrl(QString("http://127.0.0.1:%1%2").arg(m_port).arg(Server::ApiPaths::simulatorIncoming())));
        placeCall.setRawHeader("Authorization",
                               "Basic " + (accountSid.toLatin1() + ':' + authToken).toBase64());
        placeCall.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *placed
            = network.post(placeCall, R"({"from": "+819012345678", "to": "+815031234567"})");
        QTRY_VERIFY_WITH_TIMEOUT(placed->isFinished(), 10000);
        QCOMPARE(placed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
        delete placed;
        const QRegularExpression dialled(R"(POST /voice/incoming 200 valid \(ring client:carol\))");
        const QRegularExpression rings(
            R"(POST /simulator/calls/(CA[0-9a-f]{32}) 204 not required \(client carol: ringing\))");
        QTRY_VERIFY2_WITH_TIMEOUT(rings.match(QString::fromUtf8(m_serverLog)).hasMatch()
                                      || m_phone.state() != QProcess::Running,
                                  (m_serverLog + "\n--- phone:\n" + m_phoneLog).constData(), 30000);
        QVERIFY2(dialled.match(QString::fromUtf8(m_serverLog)).hasMatch(), m_serverLog.constData());
        const QString callSid = rings.match(QString::fromUtf8(m_serverLog)).captured(1);
        QVERIFY2(m_phoneLog.contains("simulated call " + callSid.toLatin1() + " from +819012345678 rings"),
                 m_phoneLog.constData());

        // The desktop process never held an account secret: not in its environment, not in its files.
        QFile environmentFile(QString("/proc/%1/environ").arg(m_phone.processId()));
        QVERIFY(environmentFile.open(QIODevice::ReadOnly));
        const QByteArray held = environmentFile.readAll();
        QVERIFY(!held.contains("TWILIO_"));
        QVERIFY(!held.contains(authToken) && !held.contains(apiSecret));
        QDirIterator files(home, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY2(!file.fileName().endsWith(".sqlite"), qPrintable(file.fileName()));
            if (file.size() > 4 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue; // the web engine's caches
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(authToken) && !content.contains(apiSecret),
                     qPrintable(file.fileName()));
        }

        ::kill(pid_t(m_phone.processId()), SIGTERM);
        QVERIFY(m_phone.waitForFinished(30000));
        QCOMPARE(m_phone.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTeamDeployment)
#include "TestTeamDeployment.moc"
