// The desktop app as its user starts and ends it: the real `switchboard` binary, offscreen, on a first
// start (fresh home, configuration and data folders, no keychain).

#include "SwitchboardRun.h"
#include "core/routing/WebhookPaths.h"
#include "tests/support/TestTwilioSignature.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

namespace {

const QByteArray authToken = "desktop-test-auth-token";
// What the page's adapter reports once the phone can take calls: the window is up and the web engine runs.
const QByteArray phoneReady = "page: \"registered\"";

} // namespace

class TestDesktopApp : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_app;
    QByteArray m_err;

    QString database() const { return m_home->filePath(QStringLiteral("data.sqlite")); }

    QProcessEnvironment firstStart() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const QString home = m_home->path();
        for (const char *folder : { "config", "data", "cache", "runtime", "tmp" })
            QDir(home).mkpath(QLatin1String(folder));
        QFile::setPermissions(home + QStringLiteral("/runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
        environment.insert(QStringLiteral("TMPDIR"), home + QStringLiteral("/tmp"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"), QStringLiteral("--disable-gpu"));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/switchboard-test-bus"));
        environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                           QStringLiteral("switchboard.engine.debug=true"));
        for (const QString &name : environment.keys()) {
            if (name.startsWith(QLatin1String("TWILIO_")))
                environment.remove(name);
        }
        environment.remove(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"));
        return environment;
    }

    void start(const QProcessEnvironment &environment)
    {
        m_err.clear();
        m_app = std::make_unique<QProcess>();
        m_app->setProcessEnvironment(environment);
        m_app->setProcessChannelMode(QProcess::SeparateChannels);
        connect(m_app.get(), &QProcess::readyReadStandardError, this,
                [this] { m_err += m_app->readAllStandardError(); });
        m_app->start(QStringLiteral(SWITCHBOARD_EXECUTABLE), { QStringLiteral("--database"), database() });
        QVERIFY2(m_app->waitForStarted(10000), qPrintable(m_app->errorString()));
    }

    // Until the phone is ready, or the app has ended (which fails the test with what it said).
    void waitUntilReady()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(m_err.contains(phoneReady) || m_app->state() == QProcess::NotRunning,
                                  "the phone did not get ready within 90 s", 90000);
        m_err += m_app->readAllStandardError();
        QVERIFY2(m_app->state() == QProcess::Running, m_err.constData());
        QVERIFY2(m_err.contains(phoneReady), m_err.constData());
    }

    // Ends the app with signalNumber and returns its exit code (-1: it died of the signal, or hung).
    int endWith(int signalNumber)
    {
        ::kill(pid_t(m_app->processId()), signalNumber);
        if (!m_app->waitForFinished(30000)) {
            m_app->kill();
            m_app->waitForFinished();
            return -1;
        }
        m_err += m_app->readAllStandardError();
        return m_app->exitStatus() == QProcess::NormalExit ? m_app->exitCode() : -1;
    }

    // POSTs a signed webhook to the app's server, as Twilio would; returns the HTTP status.
    int postSigned(const QString &baseUrl, const QString &path,
                   const QList<QPair<QString, QString>> &parameters)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(baseUrl + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        request.setRawHeader("X-Twilio-Signature",
                             testTwilioSignature(authToken, baseUrl + path, parameters));
        QByteArray body;
        for (const auto &[name, value] : parameters)
            body += (body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '='
                + QUrl::toPercentEncoding(value);
        QNetworkReply *reply = network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            return 0;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void cleanup()
    {
        if (m_app && m_app->state() != QProcess::NotRunning) {
            m_app->kill();
            m_app->waitForFinished();
        }
        m_app.reset();
        m_home.reset();
    }

    // The README's first command ends in `./build/app/switchboard`, run as root: Chromium refuses its
    // sandbox to root, so the app turns it off itself, says so once, and the window comes up.
    void startsAsRootWithoutBeingToldToDropTheSandbox()
    {
        if (::geteuid() != 0)
            QSKIP("Chromium refuses its sandbox only to root (CI runs as root)");
        QProcessEnvironment environment = firstStart();
        QVERIFY(!environment.contains(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX")));
        start(environment);
        waitUntilReady();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_err.count("without its sandbox"), 1);
        QVERIFY2(!m_err.contains("Running as root without --no-sandbox"), m_err.constData());
        QCOMPARE(endWith(SIGTERM), 0);
    }

    // A second plain start brings the running window to the front and exits: a second phone would answer
    // the same client's calls on another port, on the same database.
    void aSecondStartRaisesTheRunningWindow()
    {
        QProcessEnvironment environment = firstStart();
        environment.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
        start(environment);
        waitUntilReady();
        if (QTest::currentTestFailed())
            return;
        const SwitchboardRun second = SwitchboardRun::start({ "--database", database() }, environment);
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.out.contains("already running"), second.out.constData());
        QVERIFY2(!second.err.contains(phoneReady), second.err.constData());
        QTRY_VERIFY2(m_err.contains("started again; showing this window"), m_err.constData());
        QCOMPARE(m_app->state(), QProcess::Running);
        QCOMPARE(endWith(SIGTERM), 0);
    }

    // kill, Ctrl-C, and a session's end close the app as its window does: exit status 0, and a call that
    // a webhook noted just before is in the call log.
    void aSignalClosesItCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void aSignalClosesItCleanly()
    {
        QFETCH(int, signalNumber);
        QProcessEnvironment environment = firstStart();
        environment.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
        environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(authToken));
        start(environment);
        waitUntilReady();
        if (QTest::currentTestFailed())
            return;
        // "listening on http://127.0.0.1:PORT - webhooks signed for BASE": 8080 may be taken here.
        const QRegularExpressionMatch listening
            = QRegularExpression(QStringLiteral("webhooks signed for (http://\\S+)"))
                  .match(QString::fromUtf8(m_err));
        QVERIFY2(listening.hasMatch(), m_err.constData());
        const QString callSid = QStringLiteral("CAsignal%1").arg(signalNumber);
        QCOMPARE(postSigned(listening.captured(1), Routing::WebhookPaths::incoming(),
                            { { "AccountSid", "AC" + QString(32, u'a') },
                              { "CallSid", callSid },
                              { "CallStatus", "ringing" },
                              { "Direction", "inbound" },
                              { "From", "+819059876543" },
                              { "To", "+815031234567" } }),
                 200);
        QCOMPARE(endWith(signalNumber), 0);
        QVERIFY2(m_err.contains("call log written, closed"), m_err.constData());

        QProcessEnvironment commands = firstStart();
        const SwitchboardRun calls
            = SwitchboardRun::start({ "--database", database(), "calls", "list" }, commands);
        QVERIFY2(calls.exitCode == 0, calls.err.constData());
        QVERIFY2(calls.out.contains("+819059876543 -> +815031234567"), calls.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestDesktopApp)
#include "TestDesktopApp.moc"
