// The engine with the real Twilio Voice SDK bundle, offscreen and with no network: the page loads from qrc,
// the SDK is supported, register() with a made-up token ends in a sentence (not a hang), tokens are renewed,
// the microphone is granted to our page only, and the page's console goes to switchboard.engine.

#include "core/config/AppSettings.h"
#include "core/token/Jwt.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SoftphoneEngine.h"
#include "ui/engine/SoftphonePage.h"
#include "ui/engine/TokenSource.h"
#include "ui/engine/TwilioErrorSentence.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QSignalSpy>
#include <QTest>
#include <QWebChannel>
#include <QWebEngineSettings>

using Engine::PhoneBridge;
using State = Engine::PhoneBridge::State;

namespace {

constexpr int wait = 15000;

Config::TwilioAccount madeUpAccount()
{
    Config::TwilioAccount account;
    account.accountSid = "AC" + QString(32, u'1');
    account.apiKeySid = "SK" + QString(32, u'2');
    account.apiKeySecret = "made-up secret";
    account.twimlAppSid = "AP" + QString(32, u'3');
    return account;
}

// Runs script in the page and returns its value once it is no longer "waiting" (scripts set a global
// from a promise).
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

QVariant awaitGlobal(QWebEnginePage *page, const QString &name)
{
    QVariant value;
    const bool settled = QTest::qWaitFor(
        [&] {
            value = evaluate(page, name);
            return value.toString() != QLatin1String("waiting");
        },
        wait);
    return settled ? value : QVariant(QString("(still waiting)"));
}

const QString askForMicrophone
    = "window.microphone = 'waiting';"
      "navigator.mediaDevices.getUserMedia({audio: true}).then("
      "  stream => { window.microphone = 'tracks: ' + stream.getAudioTracks().length; },"
      "  error => { window.microphone = error.name; });";

// Log lines of switchboard.engine, kept while a test runs.
QStringList engineLog;
QtMessageHandler previousHandler = nullptr;
void keepEngineLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "switchboard.engine")
        engineLog.append(message);
    previousHandler(type, context, message);
}

} // namespace

class TestSoftphoneEngine : public QObject
{
    Q_OBJECT

public:
    static void initMain() { QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); }

private:
    std::unique_ptr<Engine::SoftphoneEngine> m_engine;

    PhoneBridge *bridge() const { return m_engine->bridge(); }

    bool loadPage()
    {
        QSignalSpy loaded(m_engine.get(), &Engine::SoftphoneEngine::loadFinished);
        m_engine->load();
        return loaded.wait(30000) && loaded.first().first().toBool()
            && QTest::qWaitFor([this] { return bridge()->isPageReady(); }, wait);
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

    void pageLoadsTheSdkFromQrc()
    {
        QFile bundle(":/web/twilio.min.js");
        QVERIFY(bundle.open(QIODevice::ReadOnly));
        QVERIFY(bundle.readAll().contains("2.18.5"));
        QCOMPARE(m_engine->pageUrl(), QUrl("qrc:/web/softphone.html"));

        QVERIFY(loadPage());
        QCOMPARE(m_engine->page()->url(), QUrl("qrc:/web/softphone.html"));
        const QVariantMap info = bridge()->pageInfo();
        QCOMPARE(info.value("sdkVersion").toString(), QString("2.18.5"));
        QCOMPARE(info.value("isSupported").toBool(), true);
        QCOMPARE(info.value("isSecureContext").toBool(), true);
        QCOMPARE(evaluate(m_engine->page(), "typeof Twilio.Device").toString(), QString("function"));
        QCOMPARE(m_engine->page()->settings()->testAttribute(QWebEngineSettings::PlaybackRequiresUserGesture),
                 false);
        QCOMPARE(bridge()->state(), State::Offline);
    }

    void thePageNeverNavigatesAway()
    {
        QVERIFY(loadPage());
        // Each request reaches the page's decision, which refuses it and says so.
        const auto refusals
            = [] { return engineLog.filter("navigation away from the phone's page refused").size(); };
        evaluate(m_engine->page(), "location.href = 'https://example.com/'; 'asked'");
        QTRY_COMPARE_WITH_TIMEOUT(refusals(), 1, wait);
        evaluate(m_engine->page(), "location.href = 'qrc:/web/other.html'; 'asked'");
        QTRY_COMPARE_WITH_TIMEOUT(refusals(), 2, wait);
        QCOMPARE(m_engine->page()->url(), QUrl("qrc:/web/softphone.html"));
        QCOMPARE(evaluate(m_engine->page(), "typeof Twilio.Device").toString(), QString("function"));
    }

    // No network here: the SDK cannot reach Twilio, and says so quickly with a code we have a sentence for.
    void registerWithoutNetworkEndsInASentence()
    {
        QVERIFY(loadPage());
        const Engine::TokenSource tokens(madeUpAccount(), "DeviceId_0001");
        QVERIFY(tokens.problems().isEmpty());
        // The settings' codec order and edge reach Twilio.Device.
        bridge()->setTwilioBackend(tokens.identity(), tokens.provider(), { "pcmu", "opus" }, "tokyo");
        QSignalSpy states(bridge(), &PhoneBridge::stateChanged);
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        QSignalSpy commands(bridge(), &PhoneBridge::commandIssued);
        QSignalSpy reports(bridge(), &PhoneBridge::pageReported);

        QElapsedTimer clock;
        clock.start();
        bridge()->registerPhone();
        QCOMPARE(bridge()->state(), State::Registering);
        QCOMPARE(commands.count(), 2);
        QCOMPARE(commands.at(0).first().toString(), QString("start"));
        const QVariantMap start = commands.at(0).at(1).toMap();
        QCOMPARE(start.value("backend").toString(), QString("twilio"));
        QCOMPARE(start.value("codecPreferences").toStringList(), QStringList({ "pcmu", "opus" }));
        QCOMPARE(start.value("edge").toString(), QString("tokyo"));
        const auto token = Token::Jwt::decodeUnverified(start.value("token").toString().toLatin1());
        QVERIFY2(token, qPrintable(token.error()));
        QCOMPARE(token->payload.value("grants").toObject().value("identity").toString(),
                 QString("DeviceId_0001"));
        QCOMPARE(commands.at(1).first().toString(), QString("register"));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reports.cbegin(), reports.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 return arguments.first().toString() == "started";
                                             }),
                                 wait);
        for (const QList<QVariant> &arguments : reports) {
            if (arguments.first().toString() != "started")
                continue;
            const QVariantMap started = arguments.at(1).toMap();
            QCOMPARE(started.value("codecPreferences").toStringList(), QStringList({ "pcmu", "opus" }));
            QCOMPARE(started.value("edge").toString(), QString("tokyo"));
        }

        // The SDK may say 31000 (unknown) for the failed WebSocket first; 31005 follows at once.
        const QList<int> mapped { 31005, 31009, 53000, 31003 };
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->state() == State::Error && mapped.contains(bridge()->errorCode()),
                                 20000);
        qInfo() << "register() failed after" << clock.elapsed() << "ms with" << bridge()->errorCode();
        QCOMPARE(bridge()->errorText(), Engine::TwilioErrorSentence::forError(bridge()->errorCode(), {}));
        QVERIFY(bridge()->errorText().contains("network"));
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.last().first().toString(), bridge()->errorText());
        QCOMPARE(states.first().first().value<State>(), State::Registering);
        QCOMPARE(states.last().first().value<State>(), State::Error);
        // The network failed, not the page's guards: its policy and the profile's filter let Twilio through.
        QVERIFY2(engineLog.filter("refused", Qt::CaseInsensitive).isEmpty(),
                 qPrintable(engineLog.join('\n')));
    }

    void tokensAreRenewedOnATimerAndWhenTheSdkAsks()
    {
        QVERIFY(loadPage());
        const Engine::TokenSource tokens(madeUpAccount(), "DeviceId_0001");
        int issued = 0;
        // Each token says when to renew it: here after 300 ms.
        const auto renewingAfter = [&](std::chrono::milliseconds after) {
            return [&, after](const PhoneBridge::TokenDone &done) {
                ++issued;
                const Result<QString> jwt = tokens.issue();
                done(jwt ? Result<Token::IssuedToken>(Token::IssuedToken { *jwt, after })
                         : Result<Token::IssuedToken>(Failure(jwt.error())));
            };
        };
        bridge()->setTwilioBackend("DeviceId_0001", renewingAfter(std::chrono::milliseconds(300)),
                                   Config::AppSettings().codecPreferences);
        QSignalSpy reports(bridge(), &PhoneBridge::pageReported);
        QSignalSpy commands(bridge(), &PhoneBridge::commandIssued);
        bridge()->registerPhone();
        QCOMPARE(issued, 1);
        QTRY_VERIFY_WITH_TIMEOUT(issued >= 3, wait); // the timer
        const auto tokenCommands = [&] {
            int count = 0;
            for (const QList<QVariant> &arguments : commands) {
                if (arguments.first().toString() == "token") {
                    ++count;
                    if (arguments.at(1).toMap().value("token").toString().count('.') != 2)
                        return -1;
                }
            }
            return count;
        };
        QVERIFY(tokenCommands() >= 2);
        // The page hands them to Twilio.Device.updateToken().
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reports.cbegin(), reports.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 return arguments.first().toString() == "tokenUpdated";
                                             }),
                                 wait);

        // tokenWillExpire renews at once, whatever the timer says.
        bridge()->setTwilioBackend("DeviceId_0001", renewingAfter(std::chrono::hours(1)),
                                   Config::AppSettings().codecPreferences);
        bridge()->registerPhone();
        const int before = issued;
        bridge()->report("tokenWillExpire", {});
        QCOMPARE(issued, before + 1);
        QCOMPARE(commands.last().first().toString(), QString("token"));
    }

    void aTokenThatCannotBeMadeIsASentence()
    {
        QVERIFY(loadPage());
        Config::TwilioAccount account = madeUpAccount();
        account.apiKeySecret.clear();
        const Engine::TokenSource tokens(account, "DeviceId_0001");
        bridge()->setTwilioBackend(tokens.identity(), tokens.provider(),
                                   Config::AppSettings().codecPreferences);
        QSignalSpy commands(bridge(), &PhoneBridge::commandIssued);
        bridge()->registerPhone();
        QCOMPARE(bridge()->state(), State::Error);
        QVERIFY2(bridge()->errorText().contains("TWILIO_API_SECRET"), qPrintable(bridge()->errorText()));
        QVERIFY(commands.isEmpty());
        // Trying again fails again, and says so again.
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        bridge()->registerPhone();
        QCOMPARE(errors.count(), 1);
        QCOMPARE(bridge()->state(), State::Error);
        QVERIFY(commands.isEmpty());
    }

    void microphoneIsGrantedToOurPageOnly()
    {
        QVERIFY(loadPage());
        auto *page = qobject_cast<Engine::SoftphonePage *>(m_engine->page());
        QVERIFY(page);
        QVERIFY(page->isOwnOrigin(QUrl("qrc:")));
        QVERIFY(!page->isOwnOrigin(QUrl("https://example.com")));
        QVERIFY(!page->isOwnOrigin(QUrl("file:///")));

        evaluate(page, askForMicrophone);
        QCOMPARE(awaitGlobal(page, "window.microphone").toString(), QString("tracks: 1"));
        QVERIFY2(engineLog.filter("microphone granted").size() == 1, qPrintable(engineLog.join('\n')));

        // The same page showing another origin's content: refused.
        QSignalSpy loaded(page, &QWebEnginePage::loadFinished);
        page->setHtml("<html><body>elsewhere</body></html>", QUrl("https://elsewhere.example/"));
        QVERIFY(loaded.wait(wait));
        QCOMPARE(evaluate(page, "window.isSecureContext").toBool(), true);
        evaluate(page, askForMicrophone);
        QCOMPARE(awaitGlobal(page, "window.microphone").toString(), QString("NotAllowedError"));
        QVERIFY2(!engineLog.filter("refused to").isEmpty(), qPrintable(engineLog.join('\n')));
    }

    // The page is the least trusted party in the program: whatever runs in it (a bug in the SDK, a script
    // that got in) may only say what happened and hear commands, never give the phone orders.
    void theChannelOffersThePageOnlyReportsAndCommands()
    {
        QVERIFY(loadPage());
        const QObject *onChannel = m_engine->page()->webChannel()->registeredObjects().value("bridge");
        QVERIFY(onChannel);
        QCOMPARE(m_engine->page()->webChannel()->registeredObjects().size(), 1);
        const QMetaObject *meta = onChannel->metaObject();
        QCOMPARE(meta->superClass(), &QObject::staticMetaObject);
        QStringList methods;
        for (int i = meta->methodOffset(); i < meta->methodCount(); ++i)
            methods << QString::fromLatin1(meta->method(i).methodSignature());
        methods.sort();
        QCOMPARE(methods,
                 QStringList({ "commandIssued(QString,QVariantMap)", "report(QString,QVariantMap)" }));
        QCOMPARE(meta->propertyCount(), meta->propertyOffset());
        QCOMPARE(meta->enumeratorCount(), meta->enumeratorOffset());
    }

    void pageScriptCannotGiveThePhoneOrders()
    {
        QVERIFY(loadPage());
        bridge()->setSimulatedBackend("alice");
        bridge()->registerPhone();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QSignalSpy commands(bridge(), &PhoneBridge::commandIssued);
        QSignalSpy reports(bridge(), &PhoneBridge::pageReported);

        // A second channel on the page's transport sees what any script in the page would see. It tries
        // every call-control slot, then reports, which arrives after the tries were handled.
        evaluate(m_engine->page(),
                 "window.probe = 'waiting';"
                 "new QWebChannel(qt.webChannelTransport, channel => {"
                 "  const bridge = channel.objects.bridge;"
                 "  const tried = {registerPhone: [], unregisterPhone: [], setDoNotDisturb: [true],"
                 "    call: ['+815012349876'], accept: [], reject: [], hangUp: [], setMuted: [true],"
                 "    sendDigits: ['1'], selectInputDevice: ['x'], selectSpeakerDevice: ['x'],"
                 "    selectRingtoneDevice: ['x'], issueCommand: ['connect', {to: '+815012349876'}],"
                 "    pageLoading: [], pageLost: ['x']};"
                 "  const reached = Object.keys(tried).filter(name => typeof bridge[name] === 'function');"
                 "  reached.forEach(name => bridge[name](...tried[name]));"
                 "  const offered = Object.keys(bridge).filter(name => typeof bridge[name] === 'function'"
                 "    || (bridge[name] && typeof bridge[name].connect === 'function'));"
                 "  bridge.report('probed', {});"
                 "  window.probe = JSON.stringify({reached: reached, offered: offered.sort()});"
                 "}); 'asked'");
        const QVariantMap probe
            = QJsonDocument::fromJson(awaitGlobal(m_engine->page(), "window.probe").toString().toUtf8())
                  .toVariant()
                  .toMap();
        QCOMPARE(probe.value("reached").toStringList(), QStringList());
        QVERIFY2(!probe.value("offered").toStringList().contains("call"),
                 qPrintable(probe.value("offered").toStringList().join(' ')));
        QVERIFY(probe.value("offered").toStringList().contains("report"));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reports.cbegin(), reports.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 return arguments.first().toString() == "probed";
                                             }),
                                 wait);
        QVERIFY(commands.isEmpty());
        QCOMPARE(bridge()->state(), State::Ready);
        QVERIFY(!bridge()->currentCall());
        QVERIFY(!bridge()->doNotDisturb());
    }

    void consoleMessagesGoToTheEngineLog()
    {
        QVERIFY(loadPage());
        evaluate(m_engine->page(), "console.warn('probe', 42)");
        QTRY_VERIFY_WITH_TIMEOUT(!engineLog.filter("console: probe 42").isEmpty(), wait);
    }
};

QTEST_MAIN(TestSoftphoneEngine)
#include "TestSoftphoneEngine.moc"
