// The whole phone in simulated mode, offscreen: the page's simulated device (softphone.js over
// QWebChannel), the PhoneBridge, the SimulatedPhone and core/simulator, against the real WebhookServer on a
// temporary SQLite database with the seed's mapping (DeviceId_0001 owns +815031234567).

#include "core/phone/ClientAddress.h"
#include "core/server/WebhookServer.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SimulatedPhone.h"
#include "ui/engine/SoftphoneEngine.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Engine::PhoneBridge;
using Simulator::CallOutcome;
using Simulator::SimulatedCall;
using State = Engine::PhoneBridge::State;

namespace {

const QString publicUrl = "https://switchboard.example.com";
const QString seedNumber = "+815031234567";
const QString seedCaller = "+819059876543";
const QString seedClient = "DeviceId_0001";
constexpr int wait = 10000; // generous: the machine is shared; every wait ends as soon as it can

// Everything the bridge says, in order.
struct BridgeWatch
{
    explicit BridgeWatch(PhoneBridge *bridge)
        : states(bridge, &PhoneBridge::stateChanged)
        , errors(bridge, &PhoneBridge::errorOccurred)
        , incoming(bridge, &PhoneBridge::incomingCall)
        , digits(bridge, &PhoneBridge::digitsSent)
        , commands(bridge, &PhoneBridge::commandIssued)
    {
        QObject::connect(bridge, &PhoneBridge::callChanged, &context,
                         [this, bridge] { calls.append(bridge->currentCall()); });
    }

    QList<State> stateList() const
    {
        QList<State> list;
        for (const QList<QVariant> &arguments : states)
            list.append(arguments.first().value<State>());
        return list;
    }
    QStringList commandNames() const
    {
        QStringList names;
        for (const QList<QVariant> &arguments : commands)
            names.append(arguments.first().toString());
        return names;
    }

    QObject context; // the connections end with the watch
    QSignalSpy states;
    QSignalSpy errors;
    QSignalSpy incoming;
    QSignalSpy digits;
    QSignalSpy commands;
    QList<std::optional<PhoneBridge::Call>> calls; // currentCall() at every callChanged()
};

} // namespace

class TestSimulatedPhone : public QObject
{
    Q_OBJECT

public:
    static void initMain() { QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QByteArray m_authToken;
    std::unique_ptr<Engine::SoftphoneEngine> m_engine; // one page for every test: loading it is the slow part
    std::unique_ptr<Engine::SimulatedPhone> m_phone;

    PhoneBridge *bridge() const { return m_engine->bridge(); }

    // Every wait of the simulator runs 10 times faster: the Dial's 60 s ring for 6 s, the far end answers
    // after 0.2 s.
    Simulator::SimulatorSettings settings() const
    {
        Simulator::SimulatorSettings result;
        result.serverUrl = m_server->localUrl();
        result.publicBaseUrl = publicUrl;
        result.authToken = m_authToken;
        result.timeScale = 10;
        result.requestTimeoutMs = 5000;
        return result;
    }

    Engine::SimulatedPhone *makePhone(const Simulator::SimulatorSettings &settings)
    {
        m_phone = std::make_unique<Engine::SimulatedPhone>(bridge(), settings);
        return m_phone.get();
    }

    static CallOutcome outcomeOf(QSignalSpy &finished, SimulatedCall *call)
    {
        for (int tries = 0; tries < 100; ++tries) {
            for (const QList<QVariant> &arguments : finished) {
                if (arguments.first().value<SimulatedCall *>() == call)
                    return arguments.at(1).value<CallOutcome>();
            }
            if (!finished.wait(wait))
                break;
        }
        CallOutcome unfinished;
        unfinished.status = QStringLiteral("(not finished)");
        return unfinished;
    }

    Store::CallRecord loggedCall(const QString &callSid)
    {
        if (!m_server->flushCallLog())
            return {};
        return Store::CallLog(m_database).find(callSid).value_or(Store::CallRecord());
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<SimulatedCall *>();
        qRegisterMetaType<CallOutcome>();
        QVERIFY(m_dir.isValid());
        m_authToken = QByteArray::number(QRandomGenerator::global()->generate64(), 16);

        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("calls.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add(seedClient, "secret-0001"));
        QVERIFY(Store::NumberStore(m_database).add("+81-50-3123-4567", seedClient));
        Server::ServerSettings serverSettings;
        serverSettings.port = 0;
        serverSettings.publicBaseUrl = publicUrl;
        serverSettings.account.accountSid = "AC" + QString(32, u'a');
        serverSettings.account.authToken = m_authToken;
        m_server = std::make_unique<Server::WebhookServer>(m_database, serverSettings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));

        m_engine = std::make_unique<Engine::SoftphoneEngine>();
        QSignalSpy loaded(m_engine.get(), &Engine::SoftphoneEngine::loadFinished);
        bridge()->setSimulatedBackend(seedClient);
        bridge()->registerPhone(); // before the page is there: the bridge holds the commands
        QCOMPARE(bridge()->state(), State::Registering);
        m_engine->load();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
    }

    void cleanup()
    {
        // Whatever a test left, the next one starts from a registered phone with no call.
        if (bridge()->currentCall())
            bridge()->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        m_phone.reset();
    }

    void cleanupTestCase()
    {
        m_phone.reset();
        m_engine.reset();
        m_server.reset();
    }

    void pageRunsTheSimulatedDevice()
    {
        QCOMPARE(bridge()->backend(), PhoneBridge::Backend::Simulated);
        QCOMPARE(bridge()->identity(), seedClient);
        QVERIFY(bridge()->isPageReady());
        QCOMPARE(bridge()->pageInfo().value("sdkVersion").toString(), QString("2.18.5"));
        QCOMPARE(bridge()->errorText(), QString());
        QVERIFY(!bridge()->currentCall());
        // The simulated device lists audio devices as Twilio's does once registered.
        QTRY_VERIFY_WITH_TIMEOUT(!bridge()->inputDevices().isEmpty(), wait);
        QVERIFY(!bridge()->outputDevices().isEmpty());
        QCOMPARE(bridge()->speakerDeviceId(), QString("default"));
        QSignalSpy devices(bridge(), &PhoneBridge::audioDevicesChanged);
        bridge()->selectSpeakerDevice("speaker-2");
        QVERIFY(devices.wait(wait));
        QCOMPARE(bridge()->speakerDeviceId(), QString("speaker-2"));
        QCOMPARE(bridge()->ringtoneDeviceId(), QString("default"));
    }

    // incoming -> ringing -> accept -> in call -> digits sent -> mute -> hang up -> ready
    void incomingCallAnsweredAndHungUp()
    {
        makePhone(settings());
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);

        SimulatedCall *call = m_phone->simulateIncoming(seedCaller, seedNumber);
        QVERIFY(watch.incoming.wait(wait));
        QCOMPARE(watch.incoming.first().first().toString(), seedCaller);
        QCOMPARE(bridge()->state(), State::Ringing);
        auto current = bridge()->currentCall();
        QVERIFY(current);
        QCOMPARE(current->direction, PhoneBridge::Direction::Incoming);
        QCOMPARE(current->remote, seedCaller);
        QCOMPARE(current->callSid, call->callSid());
        QVERIFY(!current->answered);
        QCOMPARE(m_phone->currentCall(), call);
        QCOMPARE(call->ringingClient(), seedClient);

        // Tones only during an answered call.
        bridge()->sendDigits("1");
        QVERIFY(!watch.commandNames().contains("sendDigits"));

        bridge()->accept();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::InCall, wait);
        current = bridge()->currentCall();
        QVERIFY(current && current->answered);
        QVERIFY(current->answeredAt.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(call->state(), SimulatedCall::State::InProgress, wait);

        bridge()->sendDigits("12#");
        QVERIFY(watch.digits.wait(wait));
        QCOMPARE(watch.digits.first().first().toString(), QString("12#"));
        // Not tones: refused with a sentence, never sent to the page.
        bridge()->sendDigits("12a");
        QCOMPARE(watch.errors.count(), 1);
        QVERIFY(watch.errors.first().first().toString().contains("12a"));
        QCOMPARE(watch.commandNames().count("sendDigits"), 1);

        bridge()->setMuted(true);
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->muted, wait);
        QCOMPARE(watch.digits.count(), 1);

        bridge()->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY(!bridge()->currentCall());
        QCOMPARE(watch.stateList(), (QList<State> { State::Ringing, State::InCall, State::Ready }));

        const CallOutcome outcome = outcomeOf(finished, call);
        QCOMPARE(outcome.status, QString("completed"));
        QCOMPARE(outcome.dialStatus, QString("completed"));
        QCOMPARE(outcome.problems, QStringList());
        QVERIFY(!m_phone->currentCall());
        const Store::CallRecord logged = loggedCall(call->callSid());
        QCOMPARE(logged.status, QString("completed"));
        QCOMPARE(logged.clientName, seedClient);
        QCOMPARE(logged.direction, QString("incoming"));
    }

    // outgoing -> (far end rings) -> answered -> hang up -> ready
    void outgoingCallAnsweredAndHungUp()
    {
        makePhone(settings());
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);

        bridge()->call("090-5987-6543"); // a national number: read in the default region, JP
        QCOMPARE(bridge()->state(), State::InCall); // at once: the widgets show "Calling..."
        auto current = bridge()->currentCall();
        QVERIFY(current);
        QCOMPARE(current->direction, PhoneBridge::Direction::Outgoing);
        QCOMPARE(current->remote, seedCaller);
        QVERIFY(!current->answered);
        const QVariantMap connect = watch.commands.last().at(1).toMap();
        QCOMPARE(watch.commands.last().first().toString(), QString("connect"));
        QCOMPARE(connect.value("to").toString(), seedCaller);

        QTRY_VERIFY_WITH_TIMEOUT(m_phone->currentCall(), wait);
        SimulatedCall *call = m_phone->currentCall();
        QCOMPARE(call->direction(), SimulatedCall::Direction::Outgoing);
        QCOMPARE(call->from(), Phone::ClientAddress::addressOf(seedClient));
        QCOMPARE(call->to(), seedCaller);

        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered, wait);
        QCOMPARE(bridge()->currentCall()->callSid, call->callSid());
        QCOMPARE(call->state(), SimulatedCall::State::InProgress);
        // Before the answer, the far end rang.
        const bool rang = std::any_of(watch.calls.cbegin(), watch.calls.cend(), [](const auto &seen) {
            return seen && seen->remoteRinging && !seen->answered;
        });
        QVERIFY(rang);

        bridge()->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QCOMPARE(watch.stateList(), (QList<State> { State::InCall, State::Ready }));
        const CallOutcome outcome = outcomeOf(finished, call);
        QCOMPARE(outcome.status, QString("completed"));
        QCOMPARE(outcome.dialStatus, QString("completed"));
        QCOMPARE(outcome.problems, QStringList());
        const Store::CallRecord logged = loggedCall(call->callSid());
        QCOMPARE(logged.status, QString("completed"));
        QCOMPARE(logged.direction, QString("outgoing"));
    }

    void farEndHangsUp()
    {
        Simulator::SimulatorSettings hangingUp = settings();
        hangingUp.farEndHangUpAfter = std::chrono::seconds(3); // 0.3 s here
        makePhone(hangingUp);
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);

        bridge()->call(seedCaller);
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered, wait);
        SimulatedCall *call = m_phone->currentCall();
        QVERIFY(call);
        // Nobody here hangs up: the page hears it from the far end.
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY(!watch.commandNames().contains("disconnect"));
        QVERIFY(watch.commandNames().contains("simulateRemoteHangUp"));
        QCOMPARE(outcomeOf(finished, call).status, QString("completed"));
    }

    void incomingCallRejected()
    {
        makePhone(settings());
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);

        SimulatedCall *call = m_phone->simulateIncoming(seedCaller, seedNumber);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        bridge()->reject();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QCOMPARE(watch.stateList(), (QList<State> { State::Ringing, State::Ready }));
        const CallOutcome outcome = outcomeOf(finished, call);
        QCOMPARE(outcome.dialStatus, QString("busy")); // as Twilio reports a client's reject
        QVERIFY(outcome.durationSeconds == 0);
    }

    void doNotDisturbDeclinesWithoutRinging()
    {
        makePhone(settings());
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);
        QSignalSpy declined(bridge(), &PhoneBridge::declinedQuietly);
        bridge()->setDoNotDisturb(true);

        SimulatedCall *call = m_phone->simulateIncoming(seedCaller, seedNumber);
        const CallOutcome outcome = outcomeOf(finished, call);
        bridge()->setDoNotDisturb(false);
        QCOMPARE(outcome.dialStatus, QString("busy")); // the caller reaches voicemail at once
        QCOMPARE(declined.size(), 1);
        QCOMPARE(declined.first().first().toString(), seedCaller);
        QCOMPARE(watch.incoming.size(), 0);
        QVERIFY(!watch.stateList().contains(State::Ringing));
        QCOMPARE(bridge()->state(), State::Ready);
        QVERIFY(!bridge()->currentCall());
    }

    void callerHangsUpWhileRinging()
    {
        makePhone(settings());
        BridgeWatch watch(bridge());
        QSignalSpy finished(m_phone.get(), &Engine::SimulatedPhone::callFinished);

        SimulatedCall *call = m_phone->simulateIncoming(seedCaller, seedNumber);
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ringing, wait);
        call->hangUpCaller();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QVERIFY(watch.commandNames().contains("simulateCancel"));
        const CallOutcome outcome = outcomeOf(finished, call);
        QCOMPARE(outcome.status, QString("canceled"));
        QCOMPARE(outcome.dialStatus, QString("canceled"));
    }

    // A second call while the phone is on one is declined (busy), and the first goes on.
    // Call waiting: a second call waits beside the first; a third is declined as busy. The waiting call
    // declined ends busy (its caller reaches voicemail); answered, the first holds until it ends.
    void aSecondCallWaitsAndAThirdIsBusy()
    {
        makePhone(settings());
        bridge()->call(seedCaller);
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->answered, wait);
        const QString first = bridge()->currentCall()->callSid;

        SimulatedCall *second = m_phone->simulateIncoming("+819012345678", seedNumber);
        QSignalSpy secondFinished(second, &SimulatedCall::finished);
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->waitingCall(), wait);
        QCOMPARE(bridge()->waitingCall()->remote, QString("+819012345678"));
        QCOMPARE(bridge()->state(), State::InCall);
        QCOMPARE(bridge()->currentCall()->callSid, first);

        SimulatedCall *third = m_phone->simulateIncoming("+819011112222", seedNumber);
        QSignalSpy thirdFinished(third, &SimulatedCall::finished);
        QVERIFY(thirdFinished.wait(wait));
        QCOMPARE(thirdFinished.first().first().value<CallOutcome>().dialStatus, QString("busy"));

        bridge()->rejectWaiting();
        QVERIFY(secondFinished.wait(wait));
        QCOMPARE(secondFinished.first().first().value<CallOutcome>().dialStatus, QString("busy"));
        QTRY_VERIFY_WITH_TIMEOUT(!bridge()->waitingCall(), wait);

        SimulatedCall *fourth = m_phone->simulateIncoming("+819033334444", seedNumber);
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->waitingCall(), wait);
        bridge()->acceptWaiting();
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->remote == "+819033334444"
                                     && bridge()->currentCall()->answered,
                                 wait);
        QCOMPARE(fourth->state(), SimulatedCall::State::InProgress);
        QVERIFY(bridge()->heldCall());
        QCOMPARE(bridge()->heldCall()->callSid, first);
        QVERIFY(bridge()->heldCall()->muted);
        bridge()->hangUp();
        QTRY_VERIFY_WITH_TIMEOUT(bridge()->currentCall() && bridge()->currentCall()->callSid == first, wait);
        QVERIFY(!bridge()->heldCall());
        QTRY_VERIFY_WITH_TIMEOUT(!bridge()->currentCall()->muted, wait); // heard again
        bridge()->hangUp();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
    }

    void numbersThatCannotBeCalledAreRefused()
    {
        BridgeWatch watch(bridge());
        bridge()->call("not a number");
        bridge()->call("client:bad name");
        QCOMPARE(watch.errors.count(), 2);
        QVERIFY(watch.errors.at(0).first().toString().contains("not a number"));
        QVERIFY(watch.errors.at(1).first().toString().contains("client:bad name"));
        QVERIFY(!watch.commandNames().contains("connect"));
        QCOMPARE(bridge()->state(), State::Ready);
        QVERIFY(watch.states.isEmpty());
    }

    void deviceErrorBecomesASentence()
    {
        BridgeWatch watch(bridge());
        bridge()->issueCommand("simulateError",
                               { { "code", 31005 }, { "message", "ConnectionError (31005)" } });
        QVERIFY(watch.errors.wait(wait));
        QCOMPARE(bridge()->state(), State::Error);
        QCOMPARE(bridge()->errorCode(), 31005);
        const QString sentence = bridge()->errorText();
        QVERIFY2(sentence.contains("Cannot reach Twilio") && sentence.contains("network"),
                 qPrintable(sentence));
        QCOMPARE(watch.errors.first().first().toString(), sentence);

        // Registering again clears it.
        bridge()->registerPhone();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QCOMPARE(bridge()->errorText(), QString());
        QCOMPARE(bridge()->errorCode(), 0);
    }

    void callErrorIsSaidButLeavesThePhoneReady()
    {
        BridgeWatch watch(bridge());
        bridge()->issueCommand("simulateError",
                               { { "code", 31486 }, { "message", "BusyHere" }, { "callSid", "CA123" } });
        QVERIFY(watch.errors.wait(wait));
        QCOMPARE(watch.errors.first().first().toString(), QString("The other side is busy."));
        QCOMPARE(bridge()->state(), State::Ready);
        QCOMPARE(bridge()->errorText(), QString());
    }

    void unregisterAndRegisterAgain()
    {
        BridgeWatch watch(bridge());
        bridge()->unregisterPhone();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Offline, wait);
        makePhone(settings());
        // An offline phone does not ring: the simulator hears the call declined.
        SimulatedCall *call = m_phone->simulateIncoming(seedCaller, seedNumber);
        QSignalSpy callFinished(call, &SimulatedCall::finished);
        QVERIFY(callFinished.wait(wait));
        QCOMPARE(callFinished.first().first().value<CallOutcome>().dialStatus, QString("busy"));
        QVERIFY(watch.incoming.isEmpty());
        QVERIFY(!watch.commandNames().contains("simulateIncoming"));
        QCOMPARE(bridge()->state(), State::Offline);

        bridge()->registerPhone();
        QTRY_COMPARE_WITH_TIMEOUT(bridge()->state(), State::Ready, wait);
        QCOMPARE(watch.stateList(), (QList<State> { State::Offline, State::Registering, State::Ready }));
    }
};

QTEST_MAIN(TestSimulatedPhone)
#include "TestSimulatedPhone.moc"
