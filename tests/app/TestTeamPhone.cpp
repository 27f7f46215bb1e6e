// The desktop phone in team mode, as a team member starts it: signed in to the team's server (here a real
// WebhookServer in this process, on its own database) with SWITCHBOARD_SERVER_URL, SWITCHBOARD_CLIENT and
// SWITCHBOARD_CLIENT_SECRET, and nothing else. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "core/server/ApiPaths.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/ConferenceRoom.h"
#include "core/simulator/DeviceHub.h"
#include "core/simulator/RecordingVault.h"
#include "core/simulator/SimulatedCall.h"
#include "core/simulator/SimulatedCallApi.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "core/store/VoicemailStore.h"
#include "tests/support/DesktopDriver.h"
#include "tests/support/DesktopTestMain.h"
#include "tests/support/TestCallEvent.h"
#include "tests/support/VoicemailInboxDriver.h"
#include "ui/MainWindow.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/CallWaitingBanner.h"
#include "ui/phone/ConferenceBar.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"
#include "ui/phone/VoicemailPanel.h"

#include <QApplication>
#include <QDirIterator>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using App::CommandContext;
using App::DesktopApp;

namespace {

std::unique_ptr<QTemporaryDir> home; // set before the QApplication exists
constexpr int wait = 60000;

} // namespace

class TestTeamPhone : public QObject
{
    Q_OBJECT

    QTextStream m_out { stdout };
    QTextStream m_err { stderr };
    QTemporaryDir m_serverDir; // the team server's own files, not the phone's
    std::shared_ptr<Store::Database> m_serverDatabase;
    Server::ServerSettings m_settings;
    std::shared_ptr<Simulator::SimulatedCallApi> m_simulatedCalls;
    std::unique_ptr<Server::WebhookServer> m_server;
    QUrl m_serverUrl;

    QProcessEnvironment teamEnvironment(const QByteArray &secret, const QUrl &server = {}) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("SWITCHBOARD_SERVER_URL", (server.isEmpty() ? m_serverUrl : server).toString());
        environment.insert("SWITCHBOARD_CLIENT", "carol");
        environment.insert("SWITCHBOARD_CLIENT_SECRET", QString::fromUtf8(secret));
        return environment;
    }

    // The shown button whose text starts with text, if any.
    static QPushButton *visibleButton(QWidget *window, const QString &text)
    {
        for (QPushButton *button : window->findChildren<QPushButton *>()) {
            if (button->isVisible() && button->text().startsWith(text))
                return button;
        }
        return nullptr;
    }

    static QStringList tabTitles(Ui::MainWindow *window)
    {
        QTabBar *tabs = window->findChild<QTabWidget *>()->tabBar();
        QStringList titles;
        for (int index = 0; index < tabs->count(); ++index)
            titles << tabs->tabText(index);
        return titles;
    }

    // The team server as `serve --simulate-twilio` runs it, on this test's database: its simulator rings
    // the phones signed in through hub, and keeps recordings in recordings (none: only their URLs); with
    // callControl, as `serve --call-control` too. Null when it cannot listen.
    std::unique_ptr<Server::WebhookServer>
    serverPlayingTwilio(const std::shared_ptr<Simulator::DeviceHub> &hub,
                        const std::shared_ptr<Simulator::RecordingVault> &recordings,
                        int dialTimeout = Server::ServerSettings().routing.dialTimeout,
                        bool callControl = false)
    {
        Server::ServerSettings settings = m_settings;
        settings.simulatedTwilio = hub;
        settings.simulatedRecordings = recordings;
        settings.routing.dialTimeout = dialTimeout;
        settings.routing.callControl = callControl;
        m_simulatedCalls = std::make_shared<Simulator::SimulatedCallApi>(nullptr);
        settings.simulatedCalls = m_simulatedCalls;
        auto server = std::make_unique<Server::WebhookServer>(m_serverDatabase, settings);
        if (!server->start())
            return nullptr;
        Simulator::SimulatorSettings simulated;
        simulated.serverUrl = server->localUrl();
        simulated.authToken = settings.account.authToken;
        simulated.accountSid = settings.account.accountSid;
        simulated.recordings = recordings;
        if (recordings)
            simulated.apiBaseUrl = server->localUrl().toString();
        hub->start(simulated);
        m_simulatedCalls->setSimulator(hub->simulator());
        return server;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home && home->isValid());
        QVERIFY(m_serverDir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_serverDir.filePath("team.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_serverDatabase = *database;
        QVERIFY(Store::ClientStore(m_serverDatabase).add("carol", "secret-carol"));
        QVERIFY(Store::ClientStore(m_serverDatabase).add("dave", "secret-dave"));
        recordTestCall(m_serverDatabase, "CAmissed", "incoming", "+819012345678", "client:carol", "carol",
                       "no-answer", 0, 5, Store::CallResult::Missed);
        recordTestCall(m_serverDatabase, "CAtalked", "incoming", "+819087654321", "client:carol", "carol",
                       "completed", 95, 30, Store::CallResult::Answered);
        recordTestCall(m_serverDatabase, "CAdave", "incoming", "+819011112222", "client:dave", "dave",
                       "completed", 10, 20);
        m_settings.port = 0;
        m_settings.account.accountSid = "AC" + QString(32, u'a');
        m_settings.account.authToken = "team-auth-token";
        m_settings.account.apiKeySid = "SK" + QString(32, u'b');
        m_settings.account.apiKeySecret = "team-api-secret";
        m_settings.account.twimlAppSid = "AP" + QString(32, u'c');
        m_server = std::make_unique<Server::WebhookServer>(m_serverDatabase, m_settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_serverUrl = QUrl(QString("http://127.0.0.1:%1").arg(*port));
    }

    void cleanupTestCase() { m_server.reset(); }

    void signsInToTheTeamServer()
    {
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        CommandContext context { m_out, m_err, teamEnvironment("secret-carol"), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        // Numbers, clients, the call log and the server are the team server's: one page says so.
        QCOMPARE(tabTitles(window), QStringList({ "Team", "Settings" }));

        // The phone signed in: the server issued carol a token.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(handled.cbegin(), handled.cend(),
                        [](const QList<QVariant> &arguments) {
                            const auto record = arguments.first().value<Server::RequestRecord>();
                            return record.route == Server::ApiPaths::token() && record.status == 200;
                        }),
            wait);

        // Recent shows carol's calls from GET /calls, newest first, and not dave's.
        auto *recent = window->findChild<Phone::RecentCallsList *>();
        QVERIFY(recent);
        // Its tab, clicked as a person would.
        auto *phoneTabs = window->findChild<Phone::PhoneView *>()->findChild<QTabWidget *>();
        QVERIFY(phoneTabs);
        QTest::mouseClick(phoneTabs->tabBar(), Qt::LeftButton, {},
                          phoneTabs->tabBar()->tabRect(phoneTabs->indexOf(recent->parentWidget())).center());
        QTRY_VERIFY(recent->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(recent->count(), 2, wait);
        QVERIFY2(recent->item(0)->text().contains("+81 90-1234-5678"), qPrintable(recent->item(0)->text()));
        QVERIFY2(recent->item(1)->text().contains("+81 90-8765-4321"), qPrintable(recent->item(1)->text()));
        saveScreenshot(window, QStringLiteral("team-phone"));

        // The phone keeps no database of its own, and nothing of its files holds a secret.
        QDirIterator files(home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path.startsWith(m_serverDir.path()))
                continue; // the team server's, which lives in the same TMPDIR here
            QVERIFY2(!path.endsWith(".sqlite"), qPrintable(path));
            QFile file(path);
            if (file.size() > 4 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue; // the web engine's caches
            const QByteArray content = file.readAll();
            for (const char *secret : { "secret-carol", "team-api-secret", "team-auth-token" })
                QVERIFY2(!content.contains(secret), qPrintable(path + " holds " + secret));
        }
    }

    // A server that plays Twilio (serve --simulate-twilio): a call to carol's number rings this phone
    // through the server's webhooks; the person answers and hangs up with the window's buttons.
    void answersACallThroughAServerThatPlaysTwilio()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4567", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        const auto playing = serverPlayingTwilio(hub, nullptr);
        QVERIFY(playing);
        Server::WebhookServer &server = *playing;
        QSignalSpy handled(&server, &Server::WebhookServer::requestHandled);

        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", server.localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_VERIFY_WITH_TIMEOUT(window->windowTitle().contains("(simulated Twilio)"), wait);
        // Signed in to the simulator: the phone asks for its events.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(handled.cbegin(), handled.cend(),
                                             [](const QList<QVariant> &arguments) {
                                                 const auto record
                                                     = arguments.first().value<Server::RequestRecord>();
                                                 return record.route == Server::ApiPaths::simulatorEvents()
                                                     && record.status == 200;
                                             }),
                                 wait);

        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait); // the phone listens for calls
        QCOMPARE(hub->callIn("+819033334444", "+815031234567").status, 202);
        QTRY_COMPARE(hub->simulator()->findChildren<Simulator::SimulatedCall *>().size(), 1);
        Simulator::SimulatedCall *call = hub->simulator()->findChildren<Simulator::SimulatedCall *>().first();
        QSignalSpy finished(call, &Simulator::SimulatedCall::finished);
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = visibleButton(window, "Accept")) != nullptr, wait);
        saveScreenshot(window, QStringLiteral("team-phone-simulated-ringing"));
        QTest::mouseClick(accept, Qt::LeftButton);
        QPushButton *hangUp = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((hangUp = visibleButton(window, "Hang up")) != nullptr, wait);
        QTRY_VERIFY_WITH_TIMEOUT(call->ringingClient() == "carol" && !visibleButton(window, "Accept"), wait);
        QTest::qWait(300); // talk a little
        QTest::mouseClick(hangUp, Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(wait));
        QCOMPARE(call->outcome().result, Store::CallResult::Answered);
        QVERIFY(server.flushCallLog());
        const auto logged = Store::CallLog(m_serverDatabase).find(call->callSid());
        QVERIFY(logged);
        QCOMPARE(logged->clientName, QString("carol"));
        QCOMPARE(logged->outcome, Store::CallResult::Answered);
        QCOMPARE(logged->status, QString("completed"));

        // Recent, read from GET /calls, has it.
        auto *recent = window->findChild<Phone::RecentCallsList *>();
        QVERIFY(recent);
        QTRY_VERIFY_WITH_TIMEOUT(recent->count() == 3 && recent->item(0)->text().contains("+81 90-3333-4444"),
                                 wait);
    }

    // Call control in team mode: the server (--call-control) says so with its tokens, and the phone offers
    // Hold on a connected call; holding and resuming go through the server's routes, which change the
    // simulator's conference through its REST API.
    void holdsACallThroughTheServer()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4570", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        const auto playing
            = serverPlayingTwilio(hub, nullptr, Server::ServerSettings().routing.dialTimeout, true);
        QVERIFY(playing);
        Server::WebhookServer &server = *playing;

        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", server.localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_VERIFY_WITH_TIMEOUT(window->windowTitle().contains("(simulated Twilio)"), wait);
        auto *phone = window->findChild<Phone::PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);

        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait); // the phone listens for calls
        QCOMPARE(hub->callIn("+819033335555", "+815031234570").status, 202);
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = visibleButton(window, "Accept")) != nullptr, wait);
        QTest::mouseClick(accept, Qt::LeftButton);
        auto *panel = window->findChild<Phone::CallPanel *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && panel->isHoldAvailable(), wait);
        // The caller's call is the conference's first leg: find its room.
        Simulator::ConferenceRoom *room = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (auto *call : hub->simulator()->findChildren<Simulator::SimulatedCall *>())
                    if (call->direction() == Simulator::SimulatedCall::Direction::Incoming && call->room())
                        room = call->room();
                return room && room->isStarted();
            }(),
            wait);

        QTest::mouseClick(visibleButton(window, "Hold"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->heldText().isEmpty() || !panel->problemText().isEmpty(), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        QVERIFY(room->isHeld("caller"));
        saveScreenshot(window, QStringLiteral("team-phone-on-hold"));

        QTest::mouseClick(visibleButton(window, "Resume"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->heldText().isEmpty(), wait);
        QVERIFY(!room->isHeld("caller"));
        QTest::mouseClick(visibleButton(window, "Hang up"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(room->isEnded(), wait);
    }

    // A blind transfer in team mode: the phone asks the server (POST /calls/{CallSid}/transfer with its own
    // credentials), leaves the call at once, and the caller goes through to the number when it answers.
    void transfersACallThroughTheServer()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4571", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        const auto playing
            = serverPlayingTwilio(hub, nullptr, Server::ServerSettings().routing.dialTimeout, true);
        QVERIFY(playing);

        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", playing->localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<Phone::PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);

        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait); // the phone listens for calls
        QCOMPARE(hub->callIn("+819033336666", "+815031234571").status, 202);
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = visibleButton(window, "Accept")) != nullptr, wait);
        QTest::mouseClick(accept, Qt::LeftButton);
        auto *panel = window->findChild<Phone::CallPanel *>();
        auto *transfer = panel->findChild<QPushButton *>("transfer");
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && transfer->isVisible() && transfer->isEnabled(), wait);
        Simulator::ConferenceRoom *room = nullptr;
        for (auto *call : hub->simulator()->findChildren<Simulator::SimulatedCall *>())
            if (call->direction() == Simulator::SimulatedCall::Direction::Incoming && call->room())
                room = call->room();
        QVERIFY(room);

        DesktopDriver::bringIntoCall(window, "transfer", "+819077778888", false);
        // The phone is out of the call at once; the number answers and the caller is taken off hold.
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
        QTRY_VERIFY_WITH_TIMEOUT(room->labels().contains("transfer-1") && !room->isHeld("caller"), wait);
        QVERIFY(!room->labels().contains("callee"));
        QVERIFY(!room->isEnded());
    }

    // Three-way calling and a talk-first transfer in team mode, through the server's routes: a number added
    // and merged ("3 people"), then a colleague's number called while both hold, and the call handed over:
    // the phone leaves, the three others stay connected.
    void mergesAndTransfersAfterTalkingFirstThroughTheServer()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4573", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        const auto playing
            = serverPlayingTwilio(hub, nullptr, Server::ServerSettings().routing.dialTimeout, true);
        QVERIFY(playing);
        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", playing->localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<Phone::PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait);
        QCOMPARE(hub->callIn("+819033339999", "+815031234573").status, 202);
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = visibleButton(window, "Accept")) != nullptr, wait);
        QTest::mouseClick(accept, Qt::LeftButton);
        auto *panel = window->findChild<Phone::CallPanel *>();
        Phone::ConferenceBar *bar = panel->conferenceBar();
        DesktopDriver::bringIntoCall(window, "addCall", "+819044445555", false);
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(),
                                  QString("Talking to +81 90-4444-5555; +81 90-3333-9999 on hold"), wait);
        QTest::mouseClick(panel->findChild<QPushButton *>("merge"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QString("3 people on the call"), wait);
        saveScreenshot(window, QStringLiteral("team-phone-three-way"));

        DesktopDriver::bringIntoCall(window, "transfer", "+819066667777", true);
        QTRY_COMPARE_WITH_TIMEOUT(
            bar->stateText(),
            QString("Talking to +81 90-6666-7777; +81 90-3333-9999 and +81 90-4444-5555 on hold"), wait);
        Simulator::ConferenceRoom *room = nullptr;
        for (auto *call : hub->simulator()->findChildren<Simulator::SimulatedCall *>())
            if (call->direction() == Simulator::SimulatedCall::Direction::Incoming && call->room())
                room = call->room();
        QVERIFY(room);
        QTest::mouseClick(panel->findChild<QPushButton *>("handOver"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        QTRY_VERIFY_WITH_TIMEOUT(
            !room->labels().contains("callee") && !room->isHeld("caller") && !room->isHeld("added-1"), wait);
        QCOMPARE(room->labels().size(), 3);
        QVERIFY(!room->isEnded());
    }

    // Call waiting in team mode: a second call rings the busy phone through the server's simulator; Hold and
    // answer holds the first at the server (POST /calls/{CallSid}/hold) and answers the second; when it
    // ends, the first is the phone's call again, held.
    void aSecondCallWaitsThroughTheServer()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4572", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        const auto playing
            = serverPlayingTwilio(hub, nullptr, Server::ServerSettings().routing.dialTimeout, true);
        QVERIFY(playing);
        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", playing->localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<Phone::PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);

        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait);
        QCOMPARE(hub->callIn("+819033337777", "+815031234572").status, 202);
        QPushButton *accept = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((accept = visibleButton(window, "Accept")) != nullptr, wait);
        QTest::mouseClick(accept, Qt::LeftButton);
        auto *panel = window->findChild<Phone::CallPanel *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && panel->isHoldAvailable(), wait);
        Simulator::ConferenceRoom *first = nullptr;
        for (auto *call : hub->simulator()->findChildren<Simulator::SimulatedCall *>())
            if (call->direction() == Simulator::SimulatedCall::Direction::Incoming && call->room())
                first = call->room();
        QVERIFY(first);

        QCOMPARE(hub->callIn("+819033338888", "+815031234572").status, 202);
        auto *banner = window->findChild<Phone::CallWaitingBanner *>();
        QTRY_COMPARE_WITH_TIMEOUT(banner->waitingText(), QString("Call waiting: +81 90-3333-8888"), wait);
        QTest::mouseClick(banner->findChild<QPushButton *>("answerWaiting"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->remoteText(), QString("+81 90-3333-8888"), wait);
        QVERIFY(first->isHeld("caller"));
        QVERIFY(!banner->heldText().isEmpty());

        QTest::mouseClick(visibleButton(window, "Hang up"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->remoteText(), QString("+81 90-3333-7777"), wait);
        QVERIFY(first->isHeld("caller"));
        QTRY_VERIFY_WITH_TIMEOUT(visibleButton(window, "Resume") != nullptr, wait);
        QTest::mouseClick(visibleButton(window, "Resume"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!first->isHeld("caller"), wait);
        QTest::mouseClick(visibleButton(window, "Hang up"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(first->isEnded(), wait);
    }

    // Voicemail in team mode: a call to carol through a server that plays Twilio (and keeps its recordings)
    // rings out unanswered; the message shows in her Voicemail tab (GET /voicemail), plays with audio the
    // server fetched from the simulated REST API for her, and is deleted there and on the server.
    void anUnansweredCallLeavesAMessageThatPlaysThroughTheServer()
    {
        QVERIFY(Store::NumberStore(m_serverDatabase).add("+81-50-3123-4569", "carol"));
        auto hub = std::make_shared<Simulator::DeviceHub>();
        auto recordings = std::make_shared<Simulator::RecordingVault>();
        const auto playing = serverPlayingTwilio(hub, recordings, 5); // Twilio's shortest ring
        QVERIFY(playing);
        Server::WebhookServer &server = *playing;
        QSignalSpy stored(&server, &Server::WebhookServer::voicemailWritten);

        CommandContext context { m_out, m_err, teamEnvironment("secret-carol", server.localUrl()),
                                 QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_VERIFY_WITH_TIMEOUT(window->windowTitle().contains("(simulated Twilio)"), wait);
        auto *phone = window->findChild<Phone::PhoneView *>();
        Phone::VoicemailPanel *voicemail = phone->voicemail();
        QVERIFY(voicemail);

        QTRY_VERIFY_WITH_TIMEOUT(hub->hasSignedIn("carol"), wait); // the phone listens for calls
        QCOMPARE(hub->callIn("+819055556666", "+815031234569").status, 202);
        // It rings, nobody answers, the caller leaves a message.
        QTRY_VERIFY_WITH_TIMEOUT(visibleButton(window, "Decline") != nullptr, wait);
        QTRY_VERIFY_WITH_TIMEOUT(visibleButton(window, "Decline") == nullptr, wait);
        QVERIFY(!stored.isEmpty() || stored.wait(wait));

        // Opening the tab reads the server's list.
        auto *phoneTabs = phone->findChild<QTabWidget *>();
        QVERIFY(phoneTabs);
        QTest::mouseClick(phoneTabs->tabBar(), Qt::LeftButton, {},
                          phoneTabs->tabBar()->tabRect(phoneTabs->indexOf(voicemail)).center());
        QListWidget *list = voicemail->messageList();
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 1, wait);
        QVERIFY2(list->item(0)->text().startsWith("+81 90-5555-6666\n"), qPrintable(list->item(0)->text()));
        QCOMPARE(phoneTabs->tabText(phoneTabs->indexOf(voicemail)), QString("Voicemail (1)"));
        QVERIFY2(window->windowTitle().endsWith("1 new message)"), qPrintable(window->windowTitle()));
        const QString sid = list->item(0)->data(Phone::VoicemailPanel::recordingSidRole).toString();
        QVERIFY(recordings->find(sid).has_value());
        saveScreenshot(window, QStringLiteral("team-phone-voicemail"));

        VoicemailInboxDriver::playFirstMessage(voicemail);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(Store::VoicemailStore(m_serverDatabase).find(sid)->value().heard);

        VoicemailInboxDriver::deleteFirstMessage(window, voicemail);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!recordings->find(sid).has_value());
        QVERIFY(Store::VoicemailStore(m_serverDatabase).find(sid)->value().deleted);
    }

    void aWrongSecretIsSaid()
    {
        CommandContext context { m_out, m_err, teamEnvironment("guess"), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        auto *phone = app.window()->findChild<Phone::PhoneView *>();
        QVERIFY(phone);
        QTRY_VERIFY2_WITH_TIMEOUT(phone->statusText().contains("refused client carol"),
                                  qPrintable(phone->statusText()), wait);
        saveScreenshot(app.window(), QStringLiteral("team-phone-wrong-secret"));
    }
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestTeamPhone>(home, argc, argv);
}

#include "TestTeamPhone.moc"
