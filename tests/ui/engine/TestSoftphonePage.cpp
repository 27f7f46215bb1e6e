// What the phone's page may load and where it may go, offscreen: its Content-Security-Policy lets in only
// the program's own scripts and connections to Twilio, sub-frames never navigate, the page never turns into
// another, and remote content stays out of it.

#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SoftphoneEngine.h"
#include "ui/engine/SoftphonePage.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebEngineSettings>

namespace {

constexpr int wait = 15000;

QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    QVariant result;
    bool done = false;
    page->runJavaScript(script, [&](const QVariant &value) {
        result = value;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, wait))
        return QString("(no answer from the page)");
    return result;
}

// Log lines of switchboard.engine, kept while a test runs.
QStringList engineLog;
QtMessageHandler previousHandler = nullptr;
void keepEngineLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "switchboard.engine")
        engineLog.append(message);
    previousHandler(type, context, message);
}

// A local HTTP server that answers anything with CORS open to all, and counts who came.
class OpenServer : public QTcpServer
{
public:
    OpenServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write(
                        "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Type: text/plain\r\n"
                        "Content-Length: 2\r\nConnection: close\r\n\r\nok");
                    socket->disconnectFromHost();
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/").arg(serverPort()); }
    int connections = 0;
};

} // namespace

class TestSoftphonePage : public QObject
{
    Q_OBJECT

public:
    static void initMain() { QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); }

private:
    std::unique_ptr<Engine::SoftphoneEngine> m_engine;

    QWebEnginePage *page() const { return m_engine->page(); }

    bool loadPage()
    {
        QSignalSpy loaded(m_engine.get(), &Engine::SoftphoneEngine::loadFinished);
        m_engine->load();
        return loaded.wait(30000) && loaded.first().first().toBool()
            && QTest::qWaitFor([this] { return m_engine->bridge()->isPageReady(); }, wait);
    }

    // Every Content-Security-Policy violation of the page, as "directive blocked-URL" lines.
    void watchViolations()
    {
        evaluate(page(),
                 "window.violations = [];"
                 "document.addEventListener('securitypolicyviolation', event => window.violations.push("
                 "  event.effectiveDirective + ' ' + event.blockedURI)); 'watching'");
    }
    QStringList violations() { return evaluate(page(), "window.violations").toStringList(); }

    // A page of our own origin that has none of softphone.html's policy: what C++ alone keeps out.
    bool showPageWithoutPolicy(const QString &html)
    {
        QSignalSpy loaded(page(), &QWebEnginePage::loadFinished);
        page()->setHtml(html, QUrl("qrc:/web/elsewhere.html"));
        return loaded.wait(wait) && loaded.first().first().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules("switchboard.engine.debug=true");
        previousHandler = qInstallMessageHandler(keepEngineLog);
    }

    void init()
    {
        engineLog.clear();
        m_engine = std::make_unique<Engine::SoftphoneEngine>();
    }

    void cleanup() { m_engine.reset(); }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void theOwnScriptsRunUnderThePolicy()
    {
        QVERIFY(loadPage());
        QCOMPARE(evaluate(page(), "typeof Twilio.Device").toString(), QString("function"));
        QCOMPARE(evaluate(page(), "typeof QWebChannel").toString(), QString("function"));
        watchViolations();
        QCOMPARE(violations(), QStringList());
    }

    void inlineScriptsAndEvalAreRefused()
    {
        QVERIFY(loadPage());
        watchViolations();
        evaluate(page(),
                 "const script = document.createElement('script');"
                 "script.textContent = 'window.inlineRan = true';"
                 "document.head.appendChild(script); 'added'");
        evaluate(page(),
                 "document.body.setAttribute('onclick', 'window.handlerRan = true'); document.body.click();"
                 "'clicked'");
        QTRY_COMPARE_WITH_TIMEOUT(violations().size(), 2, wait);
        QVERIFY2(violations().filter("script-src").size() == 2, qPrintable(violations().join('\n')));
        QCOMPARE(evaluate(page(), "typeof window.inlineRan").toString(), QString("undefined"));
        // The page's console says so, in the engine's log.
        QTRY_VERIFY_WITH_TIMEOUT(!engineLog.filter("Content Security Policy").isEmpty(), wait);
        QCOMPARE(evaluate(page(), "typeof window.handlerRan").toString(), QString("undefined"));
        QCOMPARE(evaluate(page(), "try { eval('1 + 1'); 'ran' } catch (error) { error.name }").toString(),
                 QString("EvalError"));
        QCOMPARE(evaluate(page(), "try { new Function('return 1')(); 'ran' } catch (error) { error.name }")
                     .toString(),
                 QString("EvalError"));
        // Nor a script from anywhere but the program's resources.
        evaluate(page(),
                 "const remote = document.createElement('script');"
                 "remote.src = 'https://sdk.twilio.com/js/other.js';"
                 "document.head.appendChild(remote); 'added'");
        QTRY_VERIFY_WITH_TIMEOUT(violations().contains("script-src-elem https://sdk.twilio.com/js/other.js"),
                                 wait);
    }

    void connectionsGoOnlyToTwilio()
    {
        OpenServer server;
        QVERIFY(server.isListening());
        QVERIFY(loadPage());
        watchViolations();
        // Another host, the app's own server, and a look-alike host: refused by the policy.
        evaluate(page(),
                 QString("fetch('https://example.com/data').catch(() => {});"
                         "fetch('%1').catch(() => {});"
                         "fetch('https://twilio.com.example.net/').catch(() => {});"
                         "new WebSocket('wss://example.com/signal'); 'sent'")
                     .arg(server.url()));
        QTRY_COMPARE_WITH_TIMEOUT(violations().size(), 4, wait);
        QCOMPARE(violations().filter("connect-src").size(), 4);
        QVERIFY2(violations().filter("example.com").size() == 2, qPrintable(violations().join('\n')));
        QCOMPARE(server.connections, 0);

        // Twilio's hosts are allowed (and fail here only for want of a network).
        evaluate(page(),
                 "window.twilio = 'waiting';"
                 "fetch('https://eventgw.twilio.com/v4/EndpointEvents', {method: 'POST', body: '{}'})"
                 "  .then(() => window.twilio = 'answered', () => window.twilio = 'failed');"
                 "new WebSocket('wss://voice-js.tokyo.twilio.com/signal'); 'sent'");
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), "window.twilio").toString() != "waiting", wait);
        QCOMPARE(violations().size(), 4);
    }

    void subFramesNavigateNowhere()
    {
        QVERIFY(loadPage());
        // The page's policy refuses frames outright.
        watchViolations();
        evaluate(page(),
                 "const frame = document.createElement('iframe'); frame.src = 'qrc:/web/softphone.js';"
                 "document.body.appendChild(frame); 'added'");
        QTRY_VERIFY_WITH_TIMEOUT(!violations().filter("frame-src").isEmpty(), wait);

        // And without the policy, the page itself refuses to let a frame load anything.
        engineLog.clear();
        QVERIFY(showPageWithoutPolicy("<html><body><iframe src='qrc:/web/softphone.js'></iframe>"
                                      "<iframe src='https://example.com/'></iframe></body></html>"));
        QTRY_COMPARE_WITH_TIMEOUT(engineLog.filter("sub-frame navigation refused").size(), 2, wait);
        QCOMPARE(
            evaluate(page(), "document.querySelector('iframe').contentDocument.body.innerHTML").toString(),
            QString());
        QCOMPARE(page()->url(), QUrl("qrc:/web/elsewhere.html"));
    }

    void remoteContentStaysOut()
    {
        const QWebEngineSettings *settings = page()->settings();
        QCOMPARE(settings->testAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::AllowRunningInsecureContent), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::AutoLoadImages), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::PluginsEnabled), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::JavascriptCanOpenWindows), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::JavascriptCanAccessClipboard), false);
        QCOMPARE(settings->testAttribute(QWebEngineSettings::NavigateOnDropEnabled), false);

        // Without the page's policy, a script of our own origin still reaches nothing but Twilio: a server
        // that answers every web page (CORS open to all) sees no request at all.
        OpenServer server;
        QVERIFY(server.isListening());
        QVERIFY(showPageWithoutPolicy("<html><body>elsewhere</body></html>"));
        evaluate(page(),
                 QString("window.fetched = 'waiting';"
                         "fetch('%1').then(answer => answer.text()).then("
                         "  text => window.fetched = 'read ' + text, () => window.fetched = 'refused');"
                         "window.socket = 'waiting';"
                         "const socket = new WebSocket('%2');"
                         "socket.onerror = () => window.socket = 'refused';"
                         "socket.onopen = () => window.socket = 'open'; 'sent'")
                     .arg(server.url(), QString(server.url()).replace("http:", "ws:")));
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), "window.fetched").toString() != "waiting", wait);
        QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), "window.socket").toString() != "waiting", wait);
        QCOMPARE(evaluate(page(), "window.fetched").toString(), QString("refused"));
        QCOMPARE(evaluate(page(), "window.socket").toString(), QString("refused"));
        QCOMPARE(server.connections, 0);
        QVERIFY2(engineLog.filter("request from the phone's page refused").size() >= 2,
                 qPrintable(engineLog.join('\n')));
    }
};

QTEST_MAIN(TestSoftphonePage)
#include "TestSoftphonePage.moc"
