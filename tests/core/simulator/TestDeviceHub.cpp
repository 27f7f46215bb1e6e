// A server that plays Twilio (serve --simulate-twilio): the real WebhookServer with a DeviceHub, asked over
// HTTP as a phone in team mode and as the account's owner would ask it.

#include "core/rest/TwilioRestClient.h"
#include "core/server/ApiPaths.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/DeviceHub.h"
#include "core/simulator/RecordingVault.h"
#include "core/simulator/SimulatedCall.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "core/store/VoicemailStore.h"
#include "tests/support/AnswerOf.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString carolsNumber = "+815031234567";
const QString caller = "+819059876543";

struct Answer
{
    int status = 0;
    QJsonObject body;
};

} // namespace

class TestDeviceHub : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    Server::ServerSettings m_settings;
    std::shared_ptr<Simulator::DeviceHub> m_hub;
    std::shared_ptr<Simulator::RecordingVault> m_recordings;
    std::unique_ptr<Server::WebhookServer> m_server;
    QNetworkAccessManager m_network;

    QByteArray tokenFor(const QString &identity, const QByteArray &apiSecret = {}) const
    {
        Config::TwilioAccount account = m_settings.account;
        if (!apiSecret.isEmpty())
            account.apiKeySecret = apiSecret;
        const auto jwt = account.voiceAccessToken(identity, 600, QDateTime::currentSecsSinceEpoch());
        return jwt ? *jwt : QByteArray();
    }

    QByteArray accountCredentials(const QByteArray &authToken) const
    {
        return "Basic " + (m_settings.account.accountSid.toUtf8() + ':' + authToken).toBase64();
    }

    Answer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &authorization,
                const QJsonObject &body = {})
    {
        QNetworkRequest request(m_server->localUrl().resolved(QUrl(pathAndQuery)));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = method == "GET"
            ? m_network.get(request)
            : m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                        QJsonDocument::fromJson(reply->readAll()).object() };
        reply->deleteLater();
        return answer;
    }

    QJsonArray eventsOf(const QString &identity, qint64 after = 0)
    {
        const Answer answer
            = send("GET", Server::ApiPaths::simulatorEvents() + QString("?after=%1").arg(after),
                   "Bearer " + tokenFor(identity));
        return answer.status == 200 ? answer.body.value("events").toArray() : QJsonArray { "failed" };
    }

    // Polls as a phone does until an event of type comes; returns it (empty object: none came).
    QJsonObject waitForEvent(const QString &identity, const QString &type)
    {
        QJsonObject found;
        const bool came = QTest::qWaitFor(
            [&] {
                for (const QJsonValue &event : eventsOf(identity)) {
                    if (event.toObject().value("type").toString() == type)
                        found = event.toObject();
                }
                return !found.isEmpty();
            },
            10000);
        return came ? found : QJsonObject();
    }

    // The call log's row for callSid, once written: carol talked, and the call ended.
    void checkAnsweredByCarol(const QString &callSid)
    {
        QVERIFY(m_server->flushCallLog());
        const auto logged = Store::CallLog(m_database).find(callSid);
        QVERIFY(logged);
        QCOMPARE(logged->clientName, QString("carol"));
        QCOMPARE(logged->status, QString("completed"));
        QCOMPARE(logged->outcome, Store::CallResult::Answered);
    }

    Simulator::SimulatedCall *onlyCall() const
    {
        const auto calls = m_hub->simulator()->findChildren<Simulator::SimulatedCall *>();
        return calls.size() == 1 ? calls.first() : nullptr;
    }

private Q_SLOTS:
    void init()
    {
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(
            m_dir.filePath(QString("hub-%1.sqlite").arg(QRandomGenerator::global()->generate()))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        QVERIFY(clients.add("carol", "secret-carol"));
        QVERIFY(clients.add("dave", "secret-dave"));
        QVERIFY(Store::NumberStore(m_database).add(carolsNumber, "carol"));

        m_settings = {};
        m_settings.port = 0;
        m_settings.account.accountSid = "AC" + QString(32, u'a');
        m_settings.account.authToken = "hub-auth-token";
        m_settings.account.apiKeySid = "SK" + QString(32, u'b');
        m_settings.account.apiKeySecret = "hub-api-secret";
        m_settings.account.twimlAppSid = "AP" + QString(32, u'c');
        m_hub = std::make_shared<Simulator::DeviceHub>();
        m_settings.simulatedTwilio = m_hub;
        m_recordings = std::make_shared<Simulator::RecordingVault>();
        m_settings.simulatedRecordings = m_recordings;
        m_server = std::make_unique<Server::WebhookServer>(m_database, m_settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));

        Simulator::SimulatorSettings simulated;
        simulated.serverUrl = m_server->localUrl();
        simulated.authToken = m_settings.account.authToken;
        simulated.accountSid = m_settings.account.accountSid;
        simulated.timeScale = 50;
        simulated.recordings = m_recordings;
        simulated.apiBaseUrl = m_server->localUrl().toString();
        m_hub->start(simulated);
    }

    void cleanup()
    {
        m_server.reset();
        m_hub.reset();
        m_recordings.reset();
        m_database.reset();
    }

    void theTokenSaysTheServerPlaysTwilio()
    {
        const Answer answer
            = send("POST", Server::ApiPaths::token(), "Basic " + QByteArray("carol:secret-carol").toBase64(),
                   { { "identity", "carol" } });
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body.value("twilio").toString(), QString("simulated"));
    }

    void eachRouteChecksWhoAsks()
    {
        const QString events = Server::ApiPaths::simulatorEvents();
        QCOMPARE(send("GET", events, {}).status, 401);
        QCOMPARE(send("GET", events, "Basic " + QByteArray("carol:secret-carol").toBase64()).status, 401);
        QCOMPARE(send("GET", events, "Bearer " + tokenFor("carol", "another-api-secret")).status, 401);
        QCOMPARE(send("GET", events, "Bearer " + tokenFor("carol")).status, 200);
        QCOMPARE(send("GET", events + "?after=soon", "Bearer " + tokenFor("carol")).status, 400);
        QCOMPARE(send("POST", events, "Bearer " + tokenFor("carol")).status, 405);

        const QJsonObject call { { "from", caller }, { "to", carolsNumber } };
        const QString incoming = Server::ApiPaths::simulatorIncoming();
        QCOMPARE(send("POST", incoming, {}, call).status, 401);
        QCOMPARE(send("POST", incoming, accountCredentials("wrong-token"), call).status, 401);
        // A phone's token is not the account's.
        QCOMPARE(send("POST", incoming, "Bearer " + tokenFor("carol"), call).status, 401);
        const Answer badNumber = send("POST", incoming, accountCredentials("hub-auth-token"),
                                      { { "from", "x" }, { "to", carolsNumber } });
        QCOMPARE(badNumber.status, 400);
        QVERIFY2(badNumber.body.value("error").toString().startsWith("from:"),
                 qPrintable(badNumber.body.value("error").toString()));
        QVERIFY(m_hub->simulator()->findChildren<Simulator::SimulatedCall *>().isEmpty());
    }

    void aCallToTheNumberRingsTheSignedInPhoneThroughTheServer()
    {
        QCOMPARE(eventsOf("carol"), QJsonArray()); // signs in
        QCOMPARE(eventsOf("dave"), QJsonArray());
        const Answer placed
            = send("POST", Server::ApiPaths::simulatorIncoming(), accountCredentials("hub-auth-token"),
                   { { "from", caller }, { "to", carolsNumber } });
        QCOMPARE(placed.status, 202);

        const QJsonObject ring = waitForEvent("carol", "incoming");
        QVERIFY(!ring.isEmpty());
        QCOMPARE(ring.value("from").toString(), caller);
        QCOMPARE(ring.value("to").toString(), carolsNumber);
        const QString callSid = ring.value("callSid").toString();
        QVERIFY(callSid.startsWith("CA"));
        QCOMPARE(eventsOf("dave"), QJsonArray()); // the server routed it to carol alone
        // Seen events are not sent again.
        QCOMPARE(eventsOf("carol", ring.value("sequence").toInteger()), QJsonArray());

        const QString callPath = Server::ApiPaths::simulatorCalls() + "/" + callSid;
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("dave"), { { "action", "answer" } }).status,
                 404);
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("carol"), { { "action", "dance" } }).status,
                 400);
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("carol"), { { "action", "ringing" } }).status,
                 204);
        Simulator::SimulatedCall *call = onlyCall();
        QVERIFY(call);
        QCOMPARE(call->ringingClient(), QString("carol"));
        QSignalSpy finished(call, &Simulator::SimulatedCall::finished);
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("carol"), { { "action", "answer" } }).status,
                 204);
        QTRY_COMPARE(call->state(), Simulator::SimulatedCall::State::InProgress);
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("carol"), { { "action", "hangup" } }).status,
                 204);
        QVERIFY(finished.wait(10000) || !finished.isEmpty());
        QVERIFY(!waitForEvent("carol", "hangup").isEmpty());

        checkAnsweredByCarol(callSid);
        if (QTest::currentTestFailed())
            return;
        // Once over, the call is nobody's to act on.
        QCOMPARE(send("POST", callPath, "Bearer " + tokenFor("carol"), { { "action", "hangup" } }).status,
                 404);
    }

    void aPhoneThatNeverAskedDoesNotRing()
    {
        const Answer placed
            = send("POST", Server::ApiPaths::simulatorIncoming(), accountCredentials("hub-auth-token"),
                   { { "from", caller }, { "to", carolsNumber } });
        QCOMPARE(placed.status, 202);
        QTRY_VERIFY(onlyCall());
        Simulator::SimulatedCall *call = onlyCall();
        QSignalSpy finished(call, &Simulator::SimulatedCall::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(eventsOf("carol"), QJsonArray());
        QVERIFY(m_server->flushCallLog());
        const auto logged = Store::CallLog(m_database).find(call->callSid());
        QVERIFY(logged);
        QVERIFY(logged->outcome != Store::CallResult::Answered);
    }

    // The voicemail of an unanswered call, end to end: recorded by the simulator, reported to
    // /voice/recording and stored, then fetched and deleted through the REST client, as at Twilio.
    void anUnansweredCallLeavesAMessageTheRestApiServes()
    {
        const Answer placed
            = send("POST", Server::ApiPaths::simulatorIncoming(), accountCredentials("hub-auth-token"),
                   { { "from", caller }, { "to", carolsNumber } });
        QCOMPARE(placed.status, 202);
        QTRY_VERIFY(onlyCall());
        QSignalSpy finished(onlyCall(), &Simulator::SimulatedCall::finished);
        QVERIFY(finished.wait(20000));

        Store::VoicemailStore::Filter carols;
        carols.clientName = "carol";
        const auto inbox = Store::VoicemailStore(m_database).list(carols);
        QVERIFY2(inbox, qPrintable(inbox.error()));
        QCOMPARE(inbox->size(), 1);
        const Store::Voicemail message = inbox->first();
        QCOMPARE(message.caller, caller);
        QCOMPARE(message.duration, 5);
        QVERIFY(!message.heard);
        QCOMPARE(message.mediaUrl,
                 m_server->localUrl().toString() + "/2010-04-01/Accounts/" + m_settings.account.accountSid
                     + "/Recordings/" + message.recordingSid);

        QProcessEnvironment environment;
        environment.insert("SWITCHBOARD_TWILIO_API_URL", m_server->localUrl().toString());
        const auto access = Rest::ApiAccess::forAccount(m_settings.account, environment);
        QVERIFY2(access, qPrintable(access.error()));
        Rest::TwilioRestClient client(*access);
        const QString media = "Recordings/" + message.recordingSid + ".wav";
        const auto audio = answerOf<Rest::ApiReply>(
            [&](auto done) { client.fetch(media, "fetch the audio", std::move(done)); });
        QVERIFY(audio);
        QVERIFY2(audio->isOk(), qPrintable(audio->problem));
        QCOMPARE(audio->contentType, QByteArray("audio/x-wav"));
        QCOMPARE(audio->body, Simulator::RecordingVault::toneWav(5));
        const auto resource = answerOf<Rest::ApiReply>([&](auto done) {
            client.fetch("Recordings/" + message.recordingSid + ".json", "fetch the recording",
                         std::move(done));
        });
        QVERIFY(resource && resource->isOk());
        QCOMPARE(resource->json().value("call_sid").toString(), message.callSid);
        QCOMPARE(resource->json().value("duration").toString(), QString("5"));

        // Only the account's own credentials: a wrong secret hears what Twilio says.
        Rest::ApiAccess stranger = *access;
        stranger.secret = "not-the-secret";
        Rest::TwilioRestClient strangers(stranger);
        const auto refused = answerOf<Rest::ApiReply>(
            [&](auto done) { strangers.fetch(media, "fetch the audio", std::move(done)); });
        QVERIFY(refused);
        QCOMPARE(refused->status, 401);
        QVERIFY2(refused->problem.contains("Authenticate (HTTP 401, error 20003)"),
                 qPrintable(refused->problem));

        const auto deleted = answerOf<Rest::ApiReply>([&](auto done) {
            client.remove("Recordings/" + message.recordingSid + ".json", "delete the recording",
                          std::move(done));
        });
        QVERIFY(deleted);
        QCOMPARE(deleted->status, 204);
        QVERIFY(!m_recordings->find(message.recordingSid));
        const auto gone = answerOf<Rest::ApiReply>(
            [&](auto done) { client.fetch(media, "fetch the audio", std::move(done)); });
        QVERIFY(gone);
        QCOMPARE(gone->status, 404);
    }

    void thePhoneCallsOutThroughTheServer()
    {
        QCOMPARE(eventsOf("carol"), QJsonArray());
        const Answer asked = send("POST", Server::ApiPaths::simulatorCalls(), "Bearer " + tokenFor("carol"),
                                  { { "to", "+819012345678" } });
        QCOMPARE(asked.status, 202);
        const QJsonObject placed = waitForEvent("carol", "placed");
        QVERIFY(!placed.isEmpty());
        QCOMPARE(placed.value("to").toString(), QString("+819012345678"));
        QVERIFY(!waitForEvent("carol", "answered").isEmpty()); // the far end picks up
        const QString callSid = placed.value("callSid").toString();
        Simulator::SimulatedCall *call = onlyCall();
        QVERIFY(call);
        QSignalSpy finished(call, &Simulator::SimulatedCall::finished);
        QCOMPARE(send("POST", Server::ApiPaths::simulatorCalls() + "/" + callSid,
                      "Bearer " + tokenFor("carol"), { { "action", "hangup" } })
                     .status,
                 204);
        QVERIFY(!waitForEvent("carol", "hangup").isEmpty());
        // The last status callback is answered once the call has finished.
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        checkAnsweredByCarol(callSid);
        if (QTest::currentTestFailed())
            return;
    }
};

QTEST_GUILESS_MAIN(TestDeviceHub)
#include "TestDeviceHub.moc"
