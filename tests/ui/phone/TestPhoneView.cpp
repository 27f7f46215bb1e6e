// The phone as a person sees it, offscreen: PhoneView on the real PhoneBridge and page, in simulated mode,
// against the real WebhookServer (the seed's mapping). Set SWITCHBOARD_SCREENSHOTS=DIR to keep a PNG of
// the idle, ringing and in-call states.

#include "core/phone/ClientAddress.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/SimulatedCall.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/MarkupLabels.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SimulatedPhone.h"
#include "ui/engine/SoftphoneEngine.h"
#include "ui/phone/AudioDevicesPanel.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/CallWaitingBanner.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/NumberField.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using Phone::AudioDevicesPanel;
using Phone::CallPanel;
using Phone::IncomingCallPrompt;
using Phone::PhoneView;
using Phone::RecentCallsList;

using State = Engine::PhoneBridge::State;

namespace {
const QString seedClient = "DeviceId_0001";
constexpr int wait = 10000;
} // namespace

class TestPhoneView : public QObject
{
    Q_OBJECT

public:
    static void initMain() { QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    std::unique_ptr<Engine::SoftphoneEngine> m_engine;
    std::unique_ptr<Engine::SimulatedPhone> m_phone;
    std::unique_ptr<PhoneView> m_view;

    Engine::PhoneBridge *bridge() const { return m_engine->bridge(); }

    QWidget *currentPage() const { return m_view->findChild<QStackedWidget *>()->currentWidget(); }

    void screenshot(const QString &name)
    {
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (directory.isEmpty())
            return;
        QDir().mkpath(directory);
        QVERIFY(m_view->grab().save(directory + u'/' + name + QStringLiteral(".png")));
    }

    static QPushButton *button(QWidget *parent, const QString &text)
    {
        for (QPushButton *candidate : parent->findChildren<QPushButton *>()) {
            if (candidate->text() == text && candidate->isVisible())
                return candidate;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QByteArray authToken = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("phone.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add(seedClient, "secret-0001"));
        QVERIFY(Store::NumberStore(m_database).add("+81-50-3123-4567", seedClient));
        Server::ServerSettings serverSettings;
        serverSettings.port = 0;
        serverSettings.account.authToken = authToken;
        m_server = std::make_unique<Server::WebhookServer>(m_database, serverSettings);
        QVERIFY(m_server->start());

        m_engine = std::make_unique<Engine::SoftphoneEngine>();
        Simulator::SimulatorSettings settings;
        settings.serverUrl = m_server->localUrl();
        settings.publicBaseUrl = m_server->publicBaseUrl();
        settings.authToken = authToken;
        settings.timeScale = 10;
        m_phone = std::make_unique<Engine::SimulatedPhone>(bridge(), settings);
        bridge()->setSimulatedBackend(seedClient);
        bridge()->registerPhone();
        m_view = std::make_unique<PhoneView>(bridge(), QStringLiteral("JP"));
        m_view->setOwnAddress(Phone::ClientAddress::addressOf(seedClient));
        // Two lines, so that only the call itself can say which one rang.
        m_view->setOwnNumbers({ { "+815031234567", "Tokyo office" }, { "+815099990000", "" } });
        // The caller is one of our own lines elsewhere, with a label of its own.
        m_view->setLabelLookup([](const QString &number) {
            return number == QLatin1String("+819059876543") ? QStringLiteral("Osaka branch") : QString();
        });
        auto *recentCalls
            = new RecentCallsList(RecentCallsList::fromCallLog(m_database, seedClient), QStringLiteral("JP"));
        m_view->addRecentCalls(recentCalls);
        // As the app wires them.
        connect(m_server.get(), &Server::WebhookServer::callLogWritten, recentCalls,
                &RecentCallsList::callLogChanged);
        connect(m_phone.get(), &Engine::SimulatedPhone::outgoingNotConnected, m_view.get(),
                &PhoneView::showCallProblem);
        m_view->resize(360, 520);
        m_view->show();
        m_engine->load();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, 30000);
    }

    void cleanupTestCase()
    {
        m_view.reset();
        m_phone.reset();
        m_engine.reset();
        m_server.reset();
    }

    void idleShowsTheStateAndDialsWhenANumberIsThere()
    {
        QCOMPARE(m_view->statusText(), QString("Ready  ·  client:DeviceId_0001"));
        m_view->setOwnAddress("+815031234567", "Tokyo office");
        QCOMPARE(m_view->statusText(), QString("Ready  ·  +81 50-3123-4567 (Tokyo office)"));
        QPushButton *call = button(m_view.get(), "Call");
        QVERIFY(call);
        QVERIFY(!call->isEnabled()); // nothing to call yet
        m_view->prepareCall("+81-90-5987-6543");
        QCOMPARE(m_view->numberField()->text(), QString("+81 90-5987-6543"));
        QVERIFY(call->isEnabled());
        screenshot("phone-idle");
        m_view->numberField()->clear();
    }

    void anIncomingCallIsAnsweredAndHungUpFromTheWidgets()
    {
        QSignalSpy ringing(m_view.get(), &PhoneView::ringing);
        QSignalSpy ringingEnded(m_view.get(), &PhoneView::ringingEnded);
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        QVERIFY(ringing.wait(wait));
        QCOMPARE(ringing.first().first().toString(), QString("+81 90-5987-6543"));
        auto *prompt = m_view->findChild<IncomingCallPrompt *>();
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), prompt, wait);
        QCOMPARE(prompt->callerText(), QString("+81 90-5987-6543 (Osaka branch)"));
        QCOMPARE(prompt->lineText(), QString("on +81 50-3123-4567 (Tokyo office)"));
        screenshot("phone-ringing");

        QCOMPARE(ringingEnded.size(), 0);
        QTest::mouseClick(button(prompt, prompt->acceptButtonText()), Qt::LeftButton);
        auto *panel = m_view->findChild<CallPanel *>();
        QTRY_COMPARE_WITH_TIMEOUT(ringingEnded.size(), 1, wait);
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), panel, wait);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::InCall, wait);
        QCOMPARE(panel->remoteText(), QString("+81 90-5987-6543"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().contains(u':'), wait); // the timer runs
        QTRY_VERIFY_WITH_TIMEOUT(panel->outputLevelPercent() > 0, wait); // the far end's voice on the meter

        // Keys typed during the call are tones.
        QSignalSpy digits(bridge(), &Engine::PhoneBridge::digitsSent);
        QTest::keyClick(m_view.get(), Qt::Key_5);
        QVERIFY(digits.wait(wait));
        QCOMPARE(digits.first().first().toString(), QString("5"));
        QCOMPARE(panel->digitsText(), QString("Tones sent: 5"));
        screenshot("phone-in-call");

        QTest::mouseClick(button(panel, "Hang up"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QTRY_VERIFY_WITH_TIMEOUT(currentPage() != panel, wait);
    }

    // Call waiting without call control: nothing can hold the call on, so the banner offers End and answer,
    // which ends it and answers the one that waited.
    void aWaitingCallIsAnsweredByEndingTheFirstWhenNothingCanHoldIt()
    {
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        auto *prompt = m_view->findChild<IncomingCallPrompt *>();
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), prompt, wait);
        QTest::mouseClick(button(prompt, prompt->acceptButtonText()), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::InCall, wait);

        QSignalSpy ringing(m_view.get(), &PhoneView::ringing);
        m_phone->simulateIncoming("+819011113333", "+815031234567");
        auto *banner = m_view->findChild<Phone::CallWaitingBanner *>();
        QTRY_COMPARE_WITH_TIMEOUT(banner->waitingText(), QString("Call waiting: +81 90-1111-3333"), wait);
        QCOMPARE(ringing.size(), 1); // the window raises and notifies, as for any call
        auto *answer = banner->findChild<QPushButton *>("answerWaiting");
        QVERIFY(answer->text().startsWith("End and answer"));
        QTest::mouseClick(answer, Qt::LeftButton);
        auto *panel = m_view->findChild<CallPanel *>();
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered
                                     && panel->remoteText() == "+81 90-1111-3333",
                                 wait);
        QVERIFY(banner->waitingText().isEmpty());
        QVERIFY(!bridge()->heldCall());
        QTest::mouseClick(button(panel, "Hang up"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
    }

    // Number labels and what is typed are data: markup in them shows as it is, on the prompt, in the call
    // and in the status line.
    void markupShowsAsItIs()
    {
        using MarkupLabels::markup;
        m_view->setOwnNumbers({ { "+815031234567", markup }, { "+815099990000", "" } });
        m_view->setLabelLookup([](const QString &) { return MarkupLabels::markup; });
        m_view->setOwnAddress("+815031234567", markup);
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        auto *prompt = m_view->findChild<IncomingCallPrompt *>();
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), prompt, wait);
        QCOMPARE(prompt->callerText(), "+81 90-5987-6543 (" + markup + ")");
        QStringList labels = MarkupLabels::labelsShowing(m_view.get());
        QVERIFY2(labels.size() >= 3, qPrintable(labels.join('\n'))); // caller, line, status
        QVERIFY2(labels.filter("[plain]") == labels, qPrintable(labels.join('\n')));
        screenshot("phone-ringing-markup");
        QTest::keyClick(m_view.get(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);

        // A refusal quotes what was typed.
        m_view->prepareCall(markup);
        QTest::mouseClick(button(m_view.get(), "Call"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->statusText().contains(markup), wait);
        labels = MarkupLabels::labelsShowing(m_view.get());
        QVERIFY2(labels.filter("[plain]") == labels, qPrintable(labels.join('\n')));

        m_view->setOwnNumbers({ { "+815031234567", "Tokyo office" }, { "+815099990000", "" } });
        m_view->setLabelLookup([](const QString &number) {
            return number == QLatin1String("+819059876543") ? QStringLiteral("Osaka branch") : QString();
        });
        m_view->setOwnAddress(Phone::ClientAddress::addressOf(seedClient));
        m_view->numberField()->clear();
    }

    void escapeDeclinesARingingCall()
    {
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        QTest::keyClick(m_view.get(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY(!bridge()->currentCall());
    }

    void doNotDisturbSendsCallsToVoicemail()
    {
        auto *doNotDisturb = m_view->findChild<QCheckBox *>();
        QVERIFY(doNotDisturb);
        QTest::mouseClick(doNotDisturb, Qt::LeftButton);
        QVERIFY(bridge()->doNotDisturb());
        QSignalSpy ringing(m_view.get(), &PhoneView::ringing);
        QSignalSpy declined(bridge(), &Engine::PhoneBridge::declinedQuietly);
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        QVERIFY(declined.wait(wait));
        QTRY_VERIFY_WITH_TIMEOUT(m_view->statusText().contains("Declined a call from +81 90-5987-6543"),
                                 wait);
        QCOMPARE(ringing.size(), 0);
        QCOMPARE(bridge()->state(), State::Ready);
        QTest::mouseClick(doNotDisturb, Qt::LeftButton);
        QVERIFY(!bridge()->doNotDisturb());
    }

    // The note is about the call before: the next call that comes takes its place.
    void theDoNotDisturbNoteGoesWithTheNextCall()
    {
        // The simulated phone takes one call at a time: the one before must have left it.
        QTRY_VERIFY_WITH_TIMEOUT(!m_phone->currentCall(), wait);
        bridge()->setDoNotDisturb(true);
        QSignalSpy declined(bridge(), &Engine::PhoneBridge::declinedQuietly);
        m_phone->simulateIncoming("+819059876543", "+815031234567");
        QVERIFY(declined.wait(wait));
        QTRY_VERIFY_WITH_TIMEOUT(m_view->statusText().contains("Declined a call from"), wait);
        bridge()->setDoNotDisturb(false);
        QTRY_VERIFY_WITH_TIMEOUT(!m_phone->currentCall(), wait);
        m_phone->simulateIncoming("+819011112222", "+815031234567");
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        QVERIFY2(!m_view->statusText().contains("Declined a call"), qPrintable(m_view->statusText()));
        QTest::keyClick(m_view.get(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY(!m_view->statusText().contains("Declined a call"));
    }

    // A call that cannot go anywhere says why on the phone, for as long as it matters, and never leaves
    // it at a plain "Ready".
    void aNumberThatCannotBeCalledSaysWhy()
    {
        QSignalSpy placed(bridge(), &Engine::PhoneBridge::stateChanged);
        m_view->numberField()->clear();
        m_view->numberField()->setFocus();
        QTest::keyClicks(m_view->numberField(), "12");
        QTest::keyClick(m_view->numberField(), Qt::Key_Return);
        QVERIFY2(m_view->statusText().contains("Cannot call: \"12\" is not a valid phone number"),
                 qPrintable(m_view->statusText()));
        screenshot("phone-cannot-call");
        QCOMPARE(bridge()->state(), State::Ready);
        QTest::keyClick(m_view->numberField(), Qt::Key_3); // editing: the sentence has done its job
        QVERIFY2(!m_view->statusText().contains("Cannot call"), qPrintable(m_view->statusText()));
        m_view->numberField()->clear();
    }

    void aCallTheServerRefusesSaysWhatItSaid()
    {
        m_view->numberField()->setFocus();
        QTest::keyClicks(m_view->numberField(), "client:nobody");
        QTest::keyClick(m_view->numberField(), Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(m_view->statusText().contains("Not connected. The server said:"),
                                  qPrintable(m_view->statusText()), wait);
        screenshot("phone-refused");
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY2(m_view->statusText().contains("Not connected"), qPrintable(m_view->statusText()));
        m_view->numberField()->clear();
    }

    void anOutgoingCallFromTheNumberField()
    {
        m_view->numberField()->setFocus();
        QTest::keyClicks(m_view->numberField(), "09059876543");
        QTest::keyClick(m_view->numberField(), Qt::Key_Return);
        auto *panel = m_view->findChild<CallPanel *>();
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), panel, wait);
        QCOMPARE(panel->remoteText(), QString("+81 90-5987-6543"));
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered, wait);
        QTest::keyClick(m_view.get(), Qt::Key_Escape); // hangs up
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
    }

    // Recent shows what a call came to as soon as the server has stored it: no "ringing" until a refresh.
    void recentFollowsACallToItsEnd()
    {
        auto *recent = m_view->findChild<RecentCallsList *>();
        QVERIFY(recent);
        m_view->findChild<QTabWidget *>()->setCurrentWidget(recent);
        QTRY_VERIFY_WITH_TIMEOUT(!m_phone->currentCall(), wait);
        Simulator::SimulatedCall *call = m_phone->simulateIncoming("+819033335555", "+815031234567");
        QVERIFY(call);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        call->hangUpCaller(); // the caller gives up while it rings
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        // Nothing reads the log on a timer: only the server's word that it stored the call's end.
        QTRY_VERIFY_WITH_TIMEOUT(recent->count() > 0 && recent->item(0)->text().startsWith("+81 90-3333-5555")
                                     && recent->item(0)->data(RecentCallsList::outcomeRole).toString()
                                         == "missed",
                                 wait);
        QCOMPARE(recent->item(0)->foreground().color(), QColor(0xc6, 0x28, 0x28));
        m_view->findChild<QTabWidget *>()->setCurrentIndex(0);
    }

    void recentCallsCallBack()
    {
        // The calls above are in the log now: the answered one from +819059876543 among them.
        QVERIFY(m_server->flushCallLog());
        auto *recent = m_view->findChild<RecentCallsList *>();
        QVERIFY(recent);
        // Showing the tab reads the log again (and replaces the rows): first show it, then pick a row.
        m_view->findChild<QTabWidget *>()->setCurrentWidget(recent);
        recent->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(recent->count() >= 2, wait);
        if (!qEnvironmentVariableIsEmpty("SWITCHBOARD_SCREENSHOTS")) {
            // The simulated caller always leaves a message when declined: a decline without one, for the
            // picture of every kind.
            Store::CallEvent declined;
            declined.callSid = "CAdeclined-for-the-screenshot";
            declined.status = "busy";
            declined.direction = "incoming";
            declined.from = "+819044446666";
            declined.to = "+815031234567";
            declined.clientName = seedClient;
            declined.duration = 0;
            declined.outcome = Store::CallResult::Declined;
            QVERIFY(Store::CallLog(m_database).record(declined));
            m_view->resize(360, 640);
            recent->refresh();
        }
        QListWidgetItem *answered = nullptr;
        for (int row = 0; row < recent->count() && !answered; ++row) {
            if (recent->item(row)->text().startsWith("+81 90-5987-6543")
                && recent->item(row)->data(RecentCallsList::outcomeRole).toString() == "answered")
                answered = recent->item(row);
        }
        QVERIFY(answered);
        screenshot("phone-recent");
        Q_EMIT recent->itemActivated(answered);
        auto *panel = m_view->findChild<CallPanel *>();
        QTRY_COMPARE_WITH_TIMEOUT(currentPage(), panel, wait);
        QCOMPARE(panel->remoteText(), QString("+81 90-5987-6543"));
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered, wait);
        screenshot("phone-recent-calls-call-back");
        bridge()->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
    }

    void audioTabChoosesTheDevices()
    {
        auto *audio = m_view->findChild<AudioDevicesPanel *>();
        QVERIFY(audio);
        m_view->findChild<QTabWidget *>()->setCurrentWidget(audio);
        QTRY_VERIFY_WITH_TIMEOUT(audio->speaker()->count() > 0, wait);
        QCOMPARE(audio->microphone()->count(), int(bridge()->inputDevices().size()));
        screenshot("phone-audio");
        const int choice = audio->speaker()->count() - 1;
        const QString id = audio->speaker()->itemData(choice).toString();
        audio->speaker()->setCurrentIndex(choice);
        Q_EMIT audio->speaker()->activated(choice); // what a person's pick sends
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->speakerDeviceId(), id, wait);
    }

    // Last: the server stays stopped.
    void anUnreachableServerSaysSo()
    {
        m_server->stop();
        m_view->numberField()->clear();
        m_view->numberField()->setFocus();
        QTest::keyClicks(m_view->numberField(), "09059876543");
        QTest::keyClick(m_view->numberField(), Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(m_view->statusText().contains("The call could not be placed"),
                                  qPrintable(m_view->statusText()), wait);
        screenshot("phone-server-stopped");
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        m_view->numberField()->clear();
    }
};

QTEST_MAIN(TestPhoneView)
#include "TestPhoneView.moc"
