// The simulator against the real WebhookServer and SQLite, and against a small HTTP responder that
// answers what no server of ours would.

#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/TwilioParameters.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/TestTwilioSignature.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using Simulator::CallOutcome;
using Simulator::HttpExchange;
using Simulator::SimulatedCall;
using State = Simulator::SimulatedCall::State;

namespace {

const QString publicUrl = "https://switchboard.example.com";
const QString seedNumber = "+815031234567";
const QString seedCaller = "+819059876543";
const QString seedClient = "DeviceId_0001";

// Rings as a test tells it to, and remembers.
class ScriptedDevice : public Simulator::ClientDevice
{
public:
    std::function<void(SimulatedCall *, const QString &)> onRing;
    QStringList rang;
    int stoppedRinging = 0;

    void ring(SimulatedCall *call, const QString &clientName) override
    {
        rang.append(clientName);
        QCOMPARE(call->ringingClient(), clientName);
        if (onRing)
            onRing(call, clientName);
    }
    void stopRinging(SimulatedCall *) override { ++stoppedRinging; }
};

// Everything one call reports.
class CallWatch
{
public:
    explicit CallWatch(SimulatedCall *watched)
        : call(watched)
    {
        QObject::connect(call, &SimulatedCall::exchanged, call,
                         [this](const HttpExchange &exchange) { exchanges.append(exchange); });
        QObject::connect(call, &SimulatedCall::progressed, call,
                         [this](const QString &what) { steps.append(what); });
        QObject::connect(call, &SimulatedCall::stateChanged, call,
                         [this](State state) { states.append(state); });
        QObject::connect(call, &SimulatedCall::finished, call,
                         [this](const CallOutcome &outcome) { outcomes.append(outcome); });
    }
    CallWatch(const CallWatch &) = delete;

    // In an event loop, not QTest::qWaitFor's polling: the responder shares this thread, and each of its
    // steps would wait out a poll.
    bool waitFinished(int timeout = 5000)
    {
        QSignalSpy finished(call, &SimulatedCall::finished);
        return !outcomes.isEmpty() || finished.wait(timeout);
    }
    const CallOutcome &outcome() const { return outcomes.first(); }
    QList<HttpExchange> to(const QString &path) const
    {
        QList<HttpExchange> found;
        for (const HttpExchange &exchange : exchanges) {
            if (QUrl(exchange.signedUrl).path() == path)
                found.append(exchange);
        }
        return found;
    }
    QStringList statuses() const
    {
        QStringList found;
        for (const HttpExchange &exchange : to(Routing::WebhookPaths::status()))
            found.append(exchange.parameters.value("CallStatus"));
        return found;
    }

    SimulatedCall *call;
    QList<HttpExchange> exchanges;
    QStringList steps;
    QList<State> states;
    QList<CallOutcome> outcomes;
};

// A stand-in for a server that answers badly: a fixed answer per path, every request kept.
class Responder : public QTcpServer
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        bool silent = false; // never answers
        bool withoutLength = false; // the body ends when the connection closes
    };
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray signature;
        QByteArray contentType;
        QByteArray body;
    };

    QHash<QString, Answer> answers; // by path; /voice/status answers 204 unless told
    QList<Request> requests;

    Responder() { QVERIFY(listen(QHostAddress::LocalHost)); }
    QUrl url() const { return QUrl(QString("http://127.0.0.1:%1").arg(serverPort())); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        socket->setProperty("buffer", buffer);
        const int headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        Request request;
        qsizetype length = 0;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        request.path = target.path();
        for (const QByteArray &line : lines.mid(1)) {
            const int colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "x-twilio-signature")
                request.signature = value;
            else if (name == "content-type")
                request.contentType = value;
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        requests.append(request);
        socket->setProperty("buffer", QByteArray());

        Answer answer = answers.value(request.path);
        if (!answers.contains(request.path) && request.path == Routing::WebhookPaths::status())
            answer.status = 204;
        if (answer.silent)
            return;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status)
            + " X\r\n"
              "Content-Type: application/xml\r\nConnection: close\r\n";
        if (!answer.withoutLength)
            head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
        socket->write(head + "\r\n" + answer.body);
        socket->disconnectFromHost();
    }
};

} // namespace

class TestCallSimulator : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QByteArray m_authToken;
    ScriptedDevice m_device;
    std::unique_ptr<Simulator::CallSimulator> m_simulator;

    // A fresh database with the seed's mapping, and a server on it: each test sees only its own calls.
    void startServer(const QStringList &moreClients = {})
    {
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(
            m_dir.filePath(QString("calls-%1.sqlite").arg(QRandomGenerator::global()->generate()))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        QVERIFY(clients.add(seedClient, "secret-0001"));
        for (const QString &client : moreClients)
            QVERIFY(clients.add(client, "secret-" + client.toUtf8()));
        QVERIFY(Store::NumberStore(m_database).add("+81-50-3123-4567", seedClient));

        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = publicUrl;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = m_authToken;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
    }

    Simulator::SimulatorSettings settings(const QUrl &server, double timeScale = 100) const
    {
        Simulator::SimulatorSettings result;
        result.serverUrl = server;
        result.publicBaseUrl = publicUrl;
        result.authToken = m_authToken;
        result.timeScale = timeScale;
        result.requestTimeoutMs = 5000;
        return result;
    }

    Simulator::CallSimulator *simulator(const Simulator::SimulatorSettings &settings)
    {
        m_simulator = std::make_unique<Simulator::CallSimulator>(settings, &m_device);
        return m_simulator.get();
    }

    static void hangUpAfterTalking(SimulatedCall *call, int realMs, void (SimulatedCall::*hangUp)())
    {
        QObject::connect(call, &SimulatedCall::stateChanged, call, [=](State state) {
            if (state == State::InProgress)
                QTimer::singleShot(realMs, call, hangUp);
        });
    }

    void checkLoggedOnce(const SimulatedCall *call, const CallOutcome &outcome, const QString &direction)
    {
        QVERIFY(m_server->flushCallLog());
        const auto calls = Store::CallLog(m_database).list();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().callSid, call->callSid());
        QCOMPARE(calls.first().status, QString("completed"));
        QCOMPARE(calls.first().duration, outcome.durationSeconds);
        QCOMPARE(calls.first().clientName, seedClient);
        QCOMPARE(calls.first().direction, direction);
        QCOMPARE(calls.first().outcome, Store::CallResult::Answered);
        QCOMPARE(outcome.result, Store::CallResult::Answered);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_authToken = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    }

    void cleanup()
    {
        m_simulator.reset();
        m_server.reset();
        m_database.reset();
        m_device = ScriptedDevice();
    }

    void sidsAndTimestampsHaveTwiliosForm()
    {
        const QString sid = Simulator::TwilioParameters::newSid("CA");
        QVERIFY2(QRegularExpression("^CA[0-9a-f]{32}$").match(sid).hasMatch(), qPrintable(sid));
        QVERIFY(sid != Simulator::TwilioParameters::newSid("CA"));
        const QDateTime time(QDate(2010, 8, 16), QTime(3, 45, 1), Qt::UTC);
        QCOMPARE(Simulator::TwilioParameters::rfc2822(time), QString("Mon, 16 Aug 2010 03:45:01 +0000"));
        QCOMPARE(QDateTime::fromString(Simulator::TwilioParameters::rfc2822(time), Qt::RFC2822Date), time);
    }

    // Numbers typed without +CC are read in the configured region, as the server reads them: the same
    // digits are another number in another region.
    void numbersAreReadInTheConfiguredRegion_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("country");
        QTest::newRow("default, Japan") << ""
                                        << "+81312345678"
                                        << "JP";
        QTest::newRow("US") << "US"
                            << "+13123456789"
                            << "US";
    }

    void numbersAreReadInTheConfiguredRegion()
    {
        QFETCH(QString, region);
        QFETCH(QString, from);
        QFETCH(QString, country);
        Simulator::SimulatorSettings configured = settings(QUrl("http://127.0.0.1:9"));
        if (!region.isEmpty())
            configured.region = region;
        QCOMPARE(configured.region, region.isEmpty() ? QString("JP") : region);
        const auto parameters = Simulator::TwilioParameters::incomingCall(
            "AC" + QString(32, u'a'), "CA" + QString(32, u'b'),
            region.isEmpty() ? "03-1234-5678" : "(312) 345-6789", seedNumber, configured.region);
        QCOMPARE(parameters.value("From"), from);
        QCOMPARE(parameters.value("FromCountry"), country);
        QCOMPARE(parameters.value("To"), seedNumber);
    }

    // Seed 2-1..2-4: the external phone calls the Twilio number, DeviceId_0001 rings and answers.
    void seedIncomingCall()
    {
        startServer();
        m_device.onRing = [](SimulatedCall *call, const QString &) {
            QTimer::singleShot(10, call, &SimulatedCall::answer);
        };
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeIncoming(seedCaller, seedNumber);
        QCOMPARE(call->state(), State::Starting);
        QCOMPARE(call->direction(), SimulatedCall::Direction::Incoming);
        QVERIFY2(QRegularExpression("^CA[0-9a-f]{32}$").match(call->callSid()).hasMatch(),
                 qPrintable(call->callSid()));
        CallWatch watch(call);
        hangUpAfterTalking(call, 30, &SimulatedCall::hangUp);
        QVERIFY(watch.waitFinished());

        const CallOutcome &outcome = watch.outcome();
        QCOMPARE(outcome.problems, QStringList());
        QCOMPARE(outcome.status, QString("completed"));
        QCOMPARE(outcome.dialStatus, QString("completed"));
        QVERIFY2(outcome.durationSeconds >= 3 && outcome.durationSeconds < 60,
                 qPrintable(QString::number(outcome.durationSeconds)));
        QCOMPARE(m_device.rang, QStringList { seedClient });
        QCOMPARE(m_device.stoppedRinging, 0);
        QCOMPARE(watch.states, (QList<State> { State::Ringing, State::InProgress, State::Ended }));
        QVERIFY(watch.steps.contains("ringing client:DeviceId_0001"));
        QVERIFY(watch.steps.contains("answered by client:DeviceId_0001"));

        // The first request: the seed's parameters, signed for the public URL, sent to the local one.
        const auto incoming = watch.to(Routing::WebhookPaths::incoming());
        QCOMPARE(incoming.size(), 1);
        QCOMPARE(incoming[0].url, m_server->localUrl().toString() + Routing::WebhookPaths::incoming());
        QCOMPARE(incoming[0].signedUrl, publicUrl + Routing::WebhookPaths::incoming());
        const Webhook::FormParameters &sent = incoming[0].parameters;
        QCOMPARE(sent.names(),
                 QStringList({ "AccountSid",    "ApiVersion",    "Called",    "CalledCity", "CalledCountry",
                               "CalledState",   "CalledVia",     "CalledZip", "Caller",     "CallerCity",
                               "CallerCountry", "CallerState",   "CallerZip", "CallSid",    "CallStatus",
                               "Direction",     "ForwardedFrom", "From",      "FromCity",   "FromCountry",
                               "FromState",     "FromZip",       "To",        "ToCity",     "ToCountry",
                               "ToState",       "ToZip" }));
        QCOMPARE(sent.value("ApiVersion"), QString("2010-04-01"));
        QCOMPARE(sent.value("Called"), seedNumber);
        QCOMPARE(sent.value("To"), seedNumber);
        QCOMPARE(sent.value("Caller"), seedCaller);
        QCOMPARE(sent.value("From"), seedCaller);
        QCOMPARE(sent.value("CalledVia"), QString("05031234567"));
        QCOMPARE(sent.value("ForwardedFrom"), QString("05031234567"));
        QCOMPARE(sent.value("ToCountry"), QString("JP"));
        QCOMPARE(sent.value("FromCountry"), QString("JP"));
        QCOMPARE(sent.value("CallStatus"), QString("ringing"));
        QCOMPARE(sent.value("Direction"), QString("inbound"));
        QCOMPARE(sent.value("CallSid"), call->callSid());
        QVERIFY(sent.value("AccountSid").startsWith("AC"));
        QCOMPARE(incoming[0].status, 200);
        QCOMPARE(
            incoming[0].body,
            QByteArray(R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" )"
                       R"(action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial></Response>)"));

        const auto dialComplete = watch.to(Routing::WebhookPaths::dialComplete());
        QCOMPARE(dialComplete.size(), 1);
        QCOMPARE(dialComplete[0].parameters.value("DialCallStatus"), QString("completed"));
        QCOMPARE(dialComplete[0].parameters.value("DialCallDuration"),
                 QString::number(outcome.durationSeconds));
        QVERIFY(QRegularExpression("^CA[0-9a-f]{32}$")
                    .match(dialComplete[0].parameters.value("DialCallSid"))
                    .hasMatch());
        QVERIFY(dialComplete[0].parameters.value("DialCallSid") != call->callSid());
        QCOMPARE(dialComplete[0].parameters.value("CallStatus"), QString("in-progress"));
        QVERIFY(dialComplete[0].body.endsWith("<Response><Hangup/></Response>"));

        QCOMPARE(watch.statuses(), QStringList({ "ringing", "in-progress", "completed" }));
        const auto statuses = watch.to(Routing::WebhookPaths::status());
        for (int i = 0; i < statuses.size(); ++i) {
            const auto &parameters = statuses[i].parameters;
            QCOMPARE(statuses[i].status, 204);
            QCOMPARE(parameters.value("SequenceNumber"), QString::number(i));
            QCOMPARE(parameters.value("CallbackSource"), QString("call-progress-events"));
            QCOMPARE(parameters.value("CallSid"), call->callSid());
            QCOMPARE(parameters.value("From"), seedCaller);
            QCOMPARE(parameters.value("To"), seedNumber);
            QVERIFY(QDateTime::fromString(parameters.value("Timestamp"), Qt::RFC2822Date).isValid());
            QCOMPARE(parameters.contains("CallDuration"), i == statuses.size() - 1);
        }
        QCOMPARE(statuses.last().parameters.value("CallDuration"), QString::number(outcome.durationSeconds));

        checkLoggedOnce(call, outcome, "incoming");
        QCOMPARE(watch.outcomes.size(), 1);
    }

    // Seed 3-1..3-4: DeviceId_0001 calls the external phone with the seed's custom parameters.
    void seedOutgoingCall()
    {
        startServer();
        SimulatedCall *call = simulator(settings(m_server->localUrl()))
                                  ->placeOutgoing(seedClient, QString(),
                                                  { { "callerPhoneNumber", "+81-50-3123-4567" },
                                                    { "callOutgoingPhoneNumber", "+81-90-5987-6543" } });
        QCOMPARE(call->from(), QString("client:DeviceId_0001"));
        QCOMPARE(call->direction(), SimulatedCall::Direction::Outgoing);
        CallWatch watch(call);
        hangUpAfterTalking(call, 30, &SimulatedCall::hangUp);
        QVERIFY(watch.waitFinished());

        const auto outgoing = watch.to(Routing::WebhookPaths::outgoing());
        QCOMPARE(outgoing.size(), 1);
        const Webhook::FormParameters &sent = outgoing[0].parameters;
        QCOMPARE(sent.names(),
                 QStringList({ "AccountSid", "ApiVersion", "ApplicationSid", "Called", "Caller", "CallSid",
                               "CallStatus", "Direction", "From", "To", "callerPhoneNumber",
                               "callOutgoingPhoneNumber" }));
        QCOMPARE(sent.value("Called"), QString());
        QCOMPARE(sent.value("To"), QString());
        QCOMPARE(sent.value("Caller"), QString("client:DeviceId_0001"));
        QCOMPARE(sent.value("From"), QString("client:DeviceId_0001"));
        QCOMPARE(sent.value("Direction"), QString("inbound"));
        QVERIFY(sent.value("ApplicationSid").startsWith("AP"));
        QCOMPARE(sent.value("callOutgoingPhoneNumber"), QString("+81-90-5987-6543"));
        QCOMPARE(outgoing[0].body,
                 QByteArray(R"(<?xml version="1.0" encoding="UTF-8"?><Response>)"
                            R"(<Dial timeout="60" action="/voice/dial-complete" callerId="+815031234567">)"
                            R"(<Number>+819059876543</Number></Dial></Response>)"));

        const CallOutcome &outcome = watch.outcome();
        QCOMPARE(outcome.problems, QStringList());
        QCOMPARE(outcome.status, QString("completed"));
        QVERIFY2(outcome.durationSeconds >= 3 && outcome.durationSeconds < 60,
                 qPrintable(QString::number(outcome.durationSeconds)));
        QVERIFY(watch.steps.contains("dialling +819059876543 (caller ID +815031234567)"));
        QVERIFY(watch.steps.contains("answered by +819059876543"));
        QCOMPARE(m_device.rang, QStringList());
        QCOMPARE(watch.statuses(), QStringList({ "ringing", "in-progress", "completed" }));
        QCOMPARE(watch.to(Routing::WebhookPaths::status()).first().parameters.value("From"),
                 QString("client:DeviceId_0001"));

        checkLoggedOnce(call, outcome, "outgoing");
        QCOMPARE(Store::CallLog(m_database).find(call->callSid())->to, seedCaller);
    }

    void unansweredCallReachesVoicemail()
    {
        startServer();
        SimulatedCall *call
            = simulator(settings(m_server->localUrl(), 2000))->placeIncoming(seedCaller, seedNumber);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(m_device.rang, QStringList { seedClient });
        QCOMPARE(m_device.stoppedRinging, 1);
        QVERIFY(watch.steps.contains("no answer within 60 s"));
        // The Dial's end, then the message, posted where <Record> has no action: the document's own URL.
        const auto dialComplete = watch.to(Routing::WebhookPaths::dialComplete());
        QCOMPARE(dialComplete.size(), 2);
        QCOMPARE(dialComplete[0].parameters.value("DialCallStatus"), QString("no-answer"));
        QCOMPARE(dialComplete[0].parameters.value("DialCallDuration"), QString("0"));
        QVERIFY(dialComplete[1].parameters.value("RecordingUrl").contains("/Recordings/RE"));
        QCOMPARE(dialComplete[1].parameters.value("CallStatus"), QString("completed"));
        QVERIFY(watch.steps.contains("Say (en-US): The person you are calling is not available. "
                                     "Please leave a message after the tone."));
        QVERIFY(watch.steps.contains("Record up to 120 s"));
        QCOMPARE(watch.outcome().problems, QStringList());
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().dialStatus, QString("no-answer"));
        QCOMPARE(watch.outcome().durationSeconds, 0);
        QCOMPARE(watch.states, (QList<State> { State::Ringing, State::Ended }));
        QCOMPARE(watch.statuses(), QStringList({ "ringing", "completed" }));
        // Twilio's numbered callbacks decide the call's status; the Dial's no-answer stays in its history.
        QVERIFY(m_server->flushCallLog());
        const auto logged = Store::CallLog(m_database).find(call->callSid());
        QVERIFY(logged);
        QCOMPARE(logged->status, QString("completed"));
        QCOMPARE(Store::CallLog(m_database).eventCount(call->callSid()),
                 5); // ringing x2, no-answer, the message (completed, unnumbered), completed
        // What the person needs to know: a message waits, though Twilio's status says "completed".
        QCOMPARE(logged->outcome, Store::CallResult::Voicemail);
        QCOMPARE(watch.outcome().result, Store::CallResult::Voicemail);
    }

    void rejectedCallReachesVoicemail()
    {
        startServer();
        // At once, from inside ring(), as a front end may.
        m_device.onRing = [](SimulatedCall *call, const QString &) { call->reject(); };
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeIncoming(seedCaller, seedNumber);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(m_device.rang, QStringList { seedClient });
        QCOMPARE(m_device.stoppedRinging, 0);
        QVERIFY(watch.steps.contains("client:DeviceId_0001 declined"));
        const auto dialComplete = watch.to(Routing::WebhookPaths::dialComplete());
        QCOMPARE(dialComplete.size(), 2);
        QCOMPARE(dialComplete[0].parameters.value("DialCallStatus"), QString("busy"));
        QVERIFY(watch.steps.contains("Record up to 120 s"));
        QCOMPARE(watch.outcome().result, Store::CallResult::Voicemail);
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().dialStatus, QString("busy"));
        QCOMPARE(watch.outcome().problems, QStringList());
    }

    void unmappedNumberHearsTheMessage()
    {
        startServer();
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeIncoming("+819011112222", "+815099999999");
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QVERIFY(watch.steps.contains("Say (en-US): The number you have called is not in service. Goodbye."));
        QVERIFY(watch.steps.contains("Hangup"));
        QCOMPARE(m_device.rang, QStringList());
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().dialStatus, QString());
        QCOMPARE(watch.outcome().problems, QStringList());
        QCOMPARE(watch.states, (QList<State> { State::Ended }));
        QCOMPARE(watch.statuses(), QStringList({ "completed" }));
        QCOMPARE(watch.outcome().result, Store::CallResult::Failed);
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(Store::CallLog(m_database).find(call->callSid())->outcome, Store::CallResult::Failed);
    }

    void forgedSignatureIsRefused()
    {
        startServer();
        auto forged = settings(m_server->localUrl());
        forged.authToken = "not-the-auth-token";
        SimulatedCall *call = simulator(forged)->placeIncoming(seedCaller, seedNumber);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(watch.outcome().status, QString("failed"));
        QVERIFY(!watch.outcome().problems.isEmpty());
        const QString &problem = watch.outcome().problems.first();
        QVERIFY2(problem.contains("HTTP 403") && problem.contains(Routing::WebhookPaths::incoming()),
                 qPrintable(problem));
        // The final status callback is refused as well, and says so.
        QCOMPARE(watch.outcome().problems.size(), 2);
        QVERIFY(watch.outcome().problems.last().contains("HTTP 403"));
        QCOMPARE(m_device.rang, QStringList());
    }

    void callerHangsUpWhileItRings()
    {
        startServer();
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeIncoming(seedCaller, seedNumber);
        connect(call, &SimulatedCall::stateChanged, call, [call](State state) {
            if (state == State::Ringing)
                call->hangUpCaller();
        });
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(m_device.stoppedRinging, 1);
        QCOMPARE(watch.outcome().status, QString("canceled"));
        QCOMPARE(watch.outcome().problems, QStringList());
        // Twilio still tells the action, but nobody is left to hear its TwiML.
        const auto dialComplete = watch.to(Routing::WebhookPaths::dialComplete());
        QCOMPARE(dialComplete.size(), 1);
        QCOMPARE(dialComplete[0].parameters.value("DialCallStatus"), QString("canceled"));
        QCOMPARE(dialComplete[0].parameters.value("CallStatus"), QString("completed"));
        QVERIFY(!watch.steps.contains("Record up to 120 s"));
        QCOMPARE(watch.statuses(), QStringList({ "ringing", "canceled" }));
        QCOMPARE(watch.outcome().result, Store::CallResult::Missed);
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(Store::CallLog(m_database).find(call->callSid())->outcome, Store::CallResult::Missed);
    }

    void callerHangsUpWhileTalking()
    {
        startServer();
        m_device.onRing = [](SimulatedCall *call, const QString &) { call->answer(); };
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeIncoming(seedCaller, seedNumber);
        hangUpAfterTalking(call, 20, &SimulatedCall::hangUpCaller);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(watch.outcome().status, QString("completed"));
        QVERIFY(watch.outcome().durationSeconds >= 2);
        QCOMPARE(m_device.stoppedRinging, 0);
        QCOMPARE(watch.to(Routing::WebhookPaths::dialComplete()).size(), 1);
        QCOMPARE(watch.to(Routing::WebhookPaths::dialComplete())[0].parameters.value("DialCallDuration"),
                 QString::number(watch.outcome().durationSeconds));
        checkLoggedOnce(call, watch.outcome(), "incoming");
    }

    // Client to client: the router dials the other client directly; the calling client hangs up.
    void clientCallsClient()
    {
        startServer({ "alice" });
        m_device.onRing = [](SimulatedCall *call, const QString &) { call->answer(); };
        SimulatedCall *call
            = simulator(settings(m_server->localUrl()))->placeOutgoing(seedClient, "client:alice");
        hangUpAfterTalking(call, 20, &SimulatedCall::hangUp);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(watch.to(Routing::WebhookPaths::outgoing())[0].parameters.value("To"),
                 QString("client:alice"));
        QCOMPARE(m_device.rang, QStringList { "alice" });
        QCOMPARE(watch.outcome().status, QString("completed"));
        QVERIFY(watch.outcome().durationSeconds >= 2);
        QCOMPARE(watch.outcome().problems, QStringList());
        QCOMPARE(watch.to(Routing::WebhookPaths::dialComplete()).size(), 1);
        QVERIFY(!watch.steps.contains("Hangup")); // the caller left: the action's TwiML is not played
    }

    void farEndIsBusy()
    {
        startServer();
        auto busy = settings(m_server->localUrl());
        busy.farEndBusy = true;
        SimulatedCall *call = simulator(busy)->placeOutgoing(seedClient, "+819059876543");
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QVERIFY(watch.steps.contains("+819059876543 is busy"));
        QCOMPARE(watch.outcome().dialStatus, QString("busy"));
        QCOMPARE(watch.outcome().status, QString("completed")); // the client's own call, as Twilio says
        QCOMPARE(watch.outcome().durationSeconds, 0);
        QCOMPARE(watch.statuses(), QStringList({ "ringing", "completed" }));
        // The Dial's action tells the server how it ended: the outgoing call was busy, not "completed".
        QCOMPARE(watch.to(Routing::WebhookPaths::dialComplete()).size(), 1);
        QCOMPARE(watch.outcome().result, Store::CallResult::Busy);
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(Store::CallLog(m_database).find(call->callSid())->outcome, Store::CallResult::Busy);
    }

    void farEndHangsUp()
    {
        startServer();
        auto talkative = settings(m_server->localUrl());
        talkative.farEndHangUpAfter = std::chrono::seconds(5);
        SimulatedCall *call = simulator(talkative)->placeOutgoing(seedClient, "+81-90-5987-6543");
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QVERIFY(watch.steps.contains("+819059876543 hung up"));
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().dialStatus, QString("completed"));
        QVERIFY2(watch.outcome().durationSeconds >= 5 && watch.outcome().durationSeconds < 30,
                 qPrintable(QString::number(watch.outcome().durationSeconds)));
    }

    // What no Switchboard server answers: played as far as it goes, then reported.
    void pauseRedirectAndPlayAreFollowed()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].body
            = R"(<Response><Pause length="3"/><Redirect>second?step=2</Redirect></Response>)";
        responder.answers["/voice/second"].body
            = R"(<Response><Play>https://example.com/tone.mp3</Play><Reject reason="rejected"/></Response>)";
        SimulatedCall *call = simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(watch.outcome().problems, QStringList());
        QVERIFY(watch.steps.contains("Pause 3 s"));
        QVERIFY(watch.steps.contains("Redirect to https://switchboard.example.com/voice/second?step=2"));
        QVERIFY(watch.steps.contains("Play https://example.com/tone.mp3"));
        QCOMPARE(watch.outcome().status, QString("busy"));

        // Every request is signed over its public URL, as TWILIO.md computes it.
        QCOMPARE(responder.requests.size(), 3);
        for (const auto &exchange : watch.exchanges) {
            const auto request = std::find_if(
                responder.requests.cbegin(), responder.requests.cend(),
                [&](const Responder::Request &r) { return r.body == exchange.parameters.encode(); });
            QVERIFY(request != responder.requests.cend());
            QCOMPARE(request->signature,
                     testTwilioSignature(m_authToken, exchange.signedUrl, exchange.parameters.pairs()));
            QCOMPARE(request->contentType, QByteArray("application/x-www-form-urlencoded"));
        }
        const auto second = watch.to("/voice/second");
        QCOMPARE(second.size(), 1);
        QCOMPARE(second[0].signedUrl, publicUrl + "/voice/second?step=2");
        QCOMPARE(second[0].parameters.value("CallStatus"), QString("in-progress"));
    }

    void badAnswersAreProblems_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withoutLength");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown verb") << 200 << QByteArray("<Response><Say>Hello</Say><Dance/></Response>")
                                      << false << "unknown verb <Dance>";
        QTest::newRow("verb not simulated")
            << 200 << QByteArray("<Response><Gather/></Response>") << false << "<Gather> is not simulated";
        QTest::newRow("garbage") << 200 << QByteArray("\x01\xff garbage, not XML") << false << "not TwiML";
        QTest::newRow("html") << 200 << QByteArray("<html><body>It works!</body></html>") << false
                              << "not <Response>";
        QTest::newRow("truncated") << 200 << QByteArray("<Response><Say>Hel") << false << "not TwiML";
        QTest::newRow("empty") << 200 << QByteArray() << false << "with no TwiML";
        QTest::newRow("server error") << 500 << QByteArray("{\"success\":false,\"error\":\"boom\"}") << false
                                      << "HTTP 500: {\"success\":false,\"error\":\"boom\"}";
        QTest::newRow("huge") << 200 << QByteArray(3 * 1024 * 1024, 'x') << false << "larger than";
        QTest::newRow("huge without length")
            << 200 << QByteArray(3 * 1024 * 1024, 'x') << true << "larger than";
    }

    void badAnswersAreProblems()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, withoutLength);
        QFETCH(QString, problem);
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()] = { status, body, false, withoutLength };
        SimulatedCall *call = simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber);
        CallWatch watch(call);
        QVERIFY(watch.waitFinished());

        QCOMPARE(watch.outcome().status, QString("failed"));
        QCOMPARE(watch.outcome().problems.size(), 1);
        QVERIFY2(watch.outcome().problems.first().contains(problem),
                 qPrintable(watch.outcome().problems.first()));
        QCOMPARE(watch.statuses(), QStringList({ "failed" }));
        QCoreApplication::processEvents();
        QCOMPARE(watch.outcomes.size(), 1);
    }

    void problemNamesTheUrlAsRequested()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].body
            = "<Response><Redirect>/voice/a%2Fb%31</Redirect></Response>";
        responder.answers["/voice/a/b1"].status = 404;
        CallWatch watch(simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber));
        QVERIFY(watch.waitFinished());
        QCOMPARE(watch.outcome().problems,
                 QStringList { "POST https://switchboard.example.com/voice/a%2Fb1 answered HTTP 404" });
    }

    void silentServerTimesOut()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].silent = true;
        auto impatient = settings(responder.url());
        impatient.requestTimeoutMs = 200;
        CallWatch watch(simulator(impatient)->placeIncoming(seedCaller, seedNumber));
        QVERIFY(watch.waitFinished());
        QCOMPARE(watch.outcome().status, QString("failed"));
        QVERIFY2(watch.outcome().problems.value(0).contains("no answer within 200 ms"),
                 qPrintable(watch.outcome().problems.join('\n')));
    }

    void redirectLoopIsStopped()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].body = "<Response><Redirect/></Response>";
        CallWatch watch(simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber));
        QVERIFY(watch.waitFinished());
        QCOMPARE(watch.outcome().status, QString("failed"));
        QVERIFY2(watch.outcome().problems.value(0).contains("redirect loop"),
                 qPrintable(watch.outcome().problems.join('\n')));
        QCOMPARE(watch.to(Routing::WebhookPaths::incoming()).size(), SimulatedCall::maxDocuments);
    }

    // Calls in the middle of a request, a Dial and a Pause when the simulator goes: nothing may crash.
    void simulatorEndsWithCallsUnderWay()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].silent = true;
        responder.answers[Routing::WebhookPaths::outgoing()].body
            = R"(<Response><Dial><Number>+819059876543</Number></Dial></Response>)";
        responder.answers["/voice/second"].body = R"(<Response><Pause length="600"/></Response>)";
        auto first = std::make_unique<Simulator::CallSimulator>(settings(responder.url()), &m_device);
        CallWatch waiting(first->placeIncoming(seedCaller, seedNumber));
        CallWatch dialling(first->placeOutgoing(seedClient, "+819059876543"));
        auto paused = settings(responder.url());
        paused.incomingPath = "/voice/second";
        auto second = std::make_unique<Simulator::CallSimulator>(paused, &m_device);
        CallWatch pausing(second->placeIncoming(seedCaller, seedNumber));
        QTRY_VERIFY(dialling.steps.contains("dialling +819059876543") && pausing.steps.contains("Pause 600 s")
                    && responder.requests.size() >= 3);
        first.reset();
        second.reset();
        // The simulators aborted their requests as they went: whatever that queued is delivered now, and
        // nothing of theirs is left to come later.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(waiting.outcomes.isEmpty() && dialling.outcomes.isEmpty() && pausing.outcomes.isEmpty());
    }

    void failingStatusCallbackIsAProblem()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].body = "<Response><Hangup/></Response>";
        responder.answers[Routing::WebhookPaths::status()].status = 404;
        CallWatch watch(simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber));
        QVERIFY(watch.waitFinished());
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().problems.size(), 1);
        QVERIFY(watch.outcome().problems.first().contains("status callback CallStatus=completed"));
        QVERIFY(watch.outcome().problems.first().contains("HTTP 404"));
    }

    void dialWithoutActionGoesOn()
    {
        Responder responder;
        responder.answers[Routing::WebhookPaths::incoming()].body
            = R"(<Response><Dial timeout="5"><Client><Identity>alice</Identity>)"
              R"(<Parameter name="x" value="1"/></Client><Sip>sip:a@b</Sip>)"
              R"(</Dial><Say language="ja-JP">さようなら</Say></Response>)";
        m_device.onRing = [](SimulatedCall *call, const QString &) { call->hangUp(); };
        CallWatch watch(simulator(settings(responder.url()))->placeIncoming(seedCaller, seedNumber));
        QVERIFY(watch.waitFinished());
        QCOMPARE(m_device.rang, QStringList { "alice" });
        QVERIFY(watch.steps.contains("Say (ja-JP): さようなら"));
        QCOMPARE(watch.outcome().dialStatus, QString("busy"));
        QCOMPARE(watch.outcome().status, QString("completed"));
        QCOMPARE(watch.outcome().problems, QStringList { "<Dial> noun <Sip> is not simulated" });
    }
};

QTEST_GUILESS_MAIN(TestCallSimulator)
#include "TestCallSimulator.moc"
