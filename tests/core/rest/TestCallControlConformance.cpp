// Every REST request call control makes, checked by Prism against Twilio's own description of the API
// (twilio_api_v2010.json; the prism fixture serves it): the webhooks that lead to each request are posted
// to a real WebhookServer whose Twilio is Prism. A request Prism refuses shows: the incoming call falls
// back to voicemail, the phone's hold answers 502, and the REST log says 422.

#include "core/routing/PartyLabel.h"
#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/ConferenceStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/TestWebhookRequest.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

namespace {

const QString publicUrl = "https://switchboard.example.com";
const QString seedNumber = "+815031234567";
const QString seedCaller = "+819059876543";
const QString seedClient = "DeviceId_0001";
const QByteArray authToken = "conformance-auth-token";

std::mutex logMutex;
QStringList restLog; // what switchboard.rest said, from any thread
QtMessageHandler previousHandler = nullptr;

void keepRestLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "switchboard.rest") {
        const std::lock_guard lock(logMutex);
        restLog << message;
    }
    previousHandler(type, context, message);
}

bool logged(const QString &text)
{
    const std::lock_guard lock(logMutex);
    return std::any_of(restLog.cbegin(), restLog.cend(),
                       [&](const QString &line) { return line.contains(text); });
}

QString logText()
{
    const std::lock_guard lock(logMutex);
    return restLog.join('\n');
}

QString sid(const QString &prefix, char digit)
{
    return prefix + QString(32, QLatin1Char(digit));
}

struct Answer
{
    int status = 0;
    QByteArray body;
};

} // namespace

class TestCallControlConformance : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QNetworkAccessManager m_network;

    Answer post(const QString &pathAndQuery, const QList<QPair<QString, QString>> &parameters,
                const QByteArray &authorization = {})
    {
        QNetworkRequest request(m_server->localUrl().resolved(QUrl(pathAndQuery)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        if (authorization.isEmpty())
            request.setRawHeader("X-Twilio-Signature",
                                 testTwilioSignature(authToken, publicUrl + pathAndQuery, parameters));
        else
            request.setRawHeader("Authorization", "Basic " + authorization.toBase64());
        QNetworkReply *reply = m_network.post(request, testFormBody(parameters));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(20000))
            return {};
        reply->deleteLater();
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
    }

    Answer callComesIn(const QString &callSid)
    {
        return post("/voice/incoming",
                    { { "AccountSid", sid("AC", '0') },
                      { "CallSid", callSid },
                      { "CallStatus", "ringing" },
                      { "From", seedCaller },
                      { "To", seedNumber } });
    }

    // Prism answers every participant with its example's call_sid: each leg gets a CallSid of its own, as
    // Twilio's would be, so that the server can tell them apart.
    void ownLeg(const QString &room, const QString &label, const QString &callSid)
    {
        Store::RoomParty party;
        party.room = room;
        party.label = label;
        party.callSid = callSid;
        QVERIFY(Store::ConferenceStore(m_database).addParty(party));
    }

    void joins(const QString &room, const QString &conferenceSid, const QString &label,
               const QString &callSid)
    {
        QCOMPARE(post("/voice/conference",
                      { { "AccountSid", sid("AC", '0') },
                        { "ConferenceSid", conferenceSid },
                        { "FriendlyName", room },
                        { "StatusCallbackEvent", "participant-join" },
                        { "CallSid", callSid },
                        { "ParticipantLabel", label } })
                     .status,
                 204);
    }

    // A call comes in, and its caller and the phone (its leg phone) join its conference.
    void connectCall(const QString &room, const QString &conference, const QString &phone)
    {
        QCOMPARE(callComesIn(room).status, 200);
        QVERIFY(!calleeLeg(room).isEmpty());
        ownLeg(room, Routing::PartyLabel::callee(), phone);
        joins(room, conference, Routing::PartyLabel::caller(), room);
        joins(room, conference, Routing::PartyLabel::callee(), phone);
    }

    void waitForLogged(const QString &text)
    {
        QVERIFY2(QTest::qWaitFor([&] { return logged(text); }, 20000), qPrintable(text + '\n' + logText()));
    }

    QString calleeLeg(const QString &room)
    {
        const auto party = Store::ConferenceStore(m_database).party(room, Routing::PartyLabel::callee());
        return party && *party ? (*party)->callSid : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        previousHandler = qInstallMessageHandler(keepRestLog);
        QFile urlFile(qEnvironmentVariable("SWITCHBOARD_TEST_PRISM_URL_FILE"));
        QVERIFY2(urlFile.open(QIODevice::ReadOnly),
                 "SWITCHBOARD_TEST_PRISM_URL_FILE names no file: run this test through ctest, whose prism "
                 "fixture starts Prism");
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("conformance.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add(seedClient, "secret-0001"));
        QVERIFY(Store::NumberStore(m_database).add(seedNumber, seedClient));
        QVERIFY(Store::ClientStore(m_database).add("alice", "secret-alice"));

        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = publicUrl;
        settings.account.accountSid = sid("AC", '0');
        settings.account.authToken = authToken;
        settings.account.apiKeySid = sid("SK", '0');
        settings.account.apiKeySecret = "key-secret";
        settings.twilioApiUrl = QUrl(QString::fromLatin1(urlFile.readAll()).trimmed());
        settings.routing.callControl = true;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
    }

    void cleanupTestCase()
    {
        m_server.reset();
        qInstallMessageHandler(previousHandler);
    }

    // POST Conferences/{room}/Participants.json, then POST Conferences/{CF}/Participants/{label}.json.
    void callsThePartyInAndHoldsTheCaller()
    {
        const QString room = sid("CA", '1');
        const Answer answered = callComesIn(room);
        QCOMPARE(answered.status, 200);
        QVERIFY2(answered.body.contains("<Conference") && !answered.body.contains("<Record"),
                 qPrintable(answered.body + '\n' + logText()));
        const QString callee = calleeLeg(room);
        QVERIFY2(!callee.isEmpty(), "Prism's answer gave the party's call_sid");

        for (const auto &[label, callSid] : { qMakePair(Routing::PartyLabel::caller(), room),
                                              qMakePair(Routing::PartyLabel::callee(), callee) })
            QCOMPARE(post("/voice/conference",
                          { { "AccountSid", sid("AC", '0') },
                            { "ConferenceSid", sid("CF", '1') },
                            { "FriendlyName", room },
                            { "StatusCallbackEvent", "participant-join" },
                            { "CallSid", callSid },
                            { "ParticipantLabel", label } })
                         .status,
                     204);

        const QByteArray credentials = seedClient.toUtf8() + ":secret-0001";
        const Answer held = post("/calls/" + callee + "/hold", {}, credentials);
        QVERIFY2(held.status == 200, qPrintable(held.body + '\n' + logText()));
        const Answer resumed = post("/calls/" + callee + "/resume", {}, credentials);
        QVERIFY2(resumed.status == 200, qPrintable(resumed.body + '\n' + logText()));
        QVERIFY(logged(QString("POST Conferences/%1/Participants/caller.json -> 200").arg(sid("CF", '1'))));
    }

    // POST Calls/{room}.json with Url: the caller goes on to voicemail when nobody answered.
    void sendsAnUnansweredCallerOn()
    {
        const QString room = sid("CA", '2');
        QCOMPARE(callComesIn(room).status, 200);
        QVERIFY(!calleeLeg(room).isEmpty());
        QCOMPARE(post("/voice/party?room=" + room + "&label=callee",
                      { { "AccountSid", sid("AC", '0') },
                        { "CallSid", calleeLeg(room) },
                        { "CallStatus", "no-answer" } })
                     .status,
                 204);
        QVERIFY2(QTest::qWaitFor([&] { return logged(QString("POST Calls/%1.json -> ").arg(room)); }, 20000),
                 qPrintable(logText()));
        QVERIFY2(logged(QString("POST Calls/%1.json -> 200").arg(room)), qPrintable(logText()));
    }

    // POST Calls/{party}.json with Status=canceled: the caller left while the party was being called.
    void callsOffThePartyWhenTheCallerLeaves()
    {
        const QString room = sid("CA", '3');
        QCOMPARE(callComesIn(room).status, 200);
        const QString callee = calleeLeg(room);
        QVERIFY(!callee.isEmpty());
        QCOMPARE(post("/voice/conference",
                      { { "AccountSid", sid("AC", '0') },
                        { "ConferenceSid", sid("CF", '3') },
                        { "FriendlyName", room },
                        { "StatusCallbackEvent", "participant-leave" },
                        { "CallSid", room },
                        { "ParticipantLabel", "caller" } })
                     .status,
                 204);
        QVERIFY2(
            QTest::qWaitFor([&] { return logged(QString("POST Calls/%1.json -> ").arg(callee)); }, 20000),
            qPrintable(logText()));
        QVERIFY2(logged(QString("POST Calls/%1.json -> 200").arg(callee)), qPrintable(logText()));
    }

    // Add call, then hand over: the caller held, a client called in, the one it talks to made to end the
    // call on leaving, the caller resumed, and the phone's own leg hung up after it stopped ending the call.
    void addsAPartyAndHandsOver()
    {
        const QString room = sid("CA", '4');
        const QString conference = sid("CF", '4');
        const QString phone = sid("CA", '5');
        connectCall(room, conference, phone);

        const QByteArray credentials = seedClient.toUtf8() + ":secret-0001";
        const Answer added = post("/calls/" + phone + "/add", { { "to", "client:alice" } }, credentials);
        QVERIFY2(added.status == 202, qPrintable(added.body + '\n' + logText()));
        waitForLogged(QString("POST Conferences/%1/Participants/caller.json -> 200").arg(conference));
        waitForLogged(QString("POST Conferences/%1/Participants.json -> 201").arg(room));
        ownLeg(room, "added-1", sid("CA", '6'));
        joins(room, conference, "added-1", sid("CA", '6'));

        const Answer handed = post("/calls/" + phone + "/handover", {}, credentials);
        QVERIFY2(handed.status == 200, qPrintable(handed.body + '\n' + logText()));
        QVERIFY(logged(QString("POST Conferences/%1/Participants/added-1.json -> 200").arg(conference)));
        QVERIFY(logged(QString("POST Conferences/%1/Participants/callee.json -> 200").arg(conference)));
        QVERIFY(logged(QString("POST Calls/%1.json -> 200").arg(phone)));
    }

    // A blind transfer to a number: the phone leaves first, then the number is called in.
    void transfersBlindToANumber()
    {
        const QString room = sid("CA", '7');
        const QString conference = sid("CF", '7');
        const QString phone = sid("CA", '8');
        connectCall(room, conference, phone);

        const Answer sent = post("/calls/" + phone + "/transfer", { { "to", "+819012345678" } },
                                 seedClient.toUtf8() + ":secret-0001");
        QVERIFY2(sent.status == 202, qPrintable(sent.body + '\n' + logText()));
        QVERIFY(logged(QString("POST Conferences/%1/Participants/callee.json -> 200").arg(conference)));
        QVERIFY(logged(QString("POST Calls/%1.json -> 200").arg(phone)));
        QVERIFY(logged(QString("POST Conferences/%1/Participants.json -> 201").arg(room)));
    }
};

QTEST_GUILESS_MAIN(TestCallControlConformance)
#include "TestCallControlConformance.moc"
