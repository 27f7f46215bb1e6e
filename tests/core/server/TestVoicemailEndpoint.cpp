#include "core/server/WebhookServer.h"
#include "core/simulator/RecordingVault.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/VoicemailStore.h"
#include "tests/support/ScriptedHttpServer.h"

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

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray cacheControl;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

// GET /voicemail and its message routes: a phone in team mode reads, plays, marks and deletes its own
// client's messages through the server, which asks Twilio's REST API (here: the server's own, as
// `serve --simulate-twilio` serves it, or a Twilio that refuses). Another client's message does not exist.
class TestVoicemailEndpoint : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<Simulator::RecordingVault> m_recordings;
    std::unique_ptr<Server::WebhookServer> m_server;
    QNetworkAccessManager m_network;
    QString m_first;
    QString m_second;

    Server::ServerSettings settings() const
    {
        Server::ServerSettings result;
        result.port = 0;
        result.account.accountSid = "AC" + QString(32, u'a');
        result.account.authToken = "voicemail-auth-token";
        result.account.apiKeySid = "SK" + QString(32, u'b');
        result.account.apiKeySecret = "voicemail-api-secret";
        result.simulatedRecordings = m_recordings;
        return result;
    }

    void startServer(const Server::ServerSettings &serverSettings)
    {
        m_server = std::make_unique<Server::WebhookServer>(m_database, serverSettings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
    }

    // A message left for client after a call from caller, recorded by the simulated Twilio.
    QString leaveMessage(const QString &client, const QString &caller, int minute)
    {
        const QString callSid
            = "CA" + QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(32, u'0');
        Store::CallEvent ringing;
        ringing.callSid = callSid;
        ringing.status = "ringing";
        ringing.direction = "incoming";
        ringing.from = caller;
        ringing.to = "+815031234567";
        ringing.clientName = client;
        ringing.timestamp = QDateTime::currentDateTimeUtc();
        if (!Store::CallLog(m_database).record(ringing))
            return {};
        const QString sid = m_recordings->add(callSid, 2);
        const Store::RecordingReport report { sid,
                                              callSid,
                                              "completed",
                                              2,
                                              "https://api.twilio.com/r",
                                              QDateTime(QDate(2026, 12, 1), QTime(9, minute), Qt::UTC) };
        return Store::VoicemailStore(m_database).record(report) ? sid : QString();
    }

    Answer send(const QByteArray &method, const QString &path, const QByteArray &client,
                const QByteArray &body = {}, const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(m_server->localUrl().resolved(QUrl(path)));
        if (!client.isEmpty())
            request.setRawHeader("Authorization", "Basic " + (client + ":secret-" + client).toBase64());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                        reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                        reply->rawHeader("Cache-Control") };
        reply->deleteLater();
        return answer;
    }

private Q_SLOTS:
    void init()
    {
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(
            m_dir.filePath(QString("voicemail-%1.sqlite").arg(QRandomGenerator::global()->generate()))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        QVERIFY(clients.add("carol", "secret-carol"));
        QVERIFY(clients.add("dave", "secret-dave"));
        m_recordings = std::make_shared<Simulator::RecordingVault>();
        m_first = leaveMessage("carol", "+819011111111", 1);
        m_second = leaveMessage("carol", "+819022222222", 2);
        QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
        startServer(settings());
    }

    void cleanup()
    {
        m_server.reset();
        m_recordings.reset();
        m_database.reset();
    }

    void listsTheClientsOwnMessages()
    {
        const Answer carols = send("GET", "/voicemail", "carol");
        QCOMPARE(carols.status, 200);
        QCOMPARE(carols.cacheControl, QByteArray("no-store"));
        const QJsonArray list = carols.json().value("voicemail").toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value("recordingSid").toString(), m_second);
        QCOMPARE(list[0].toObject().value("from").toString(), QString("+819022222222"));
        QCOMPARE(list[0].toObject().value("duration").toInt(), 2);
        QCOMPARE(list[0].toObject().value("heard").toBool(true), false);
        QVERIFY2(!list[0].toObject().contains("mediaUrl"),
                 "the phone fetches the audio from the server only");
        QCOMPARE(carols.json().value("unheard").toInt(), 2);

        const Answer daves = send("GET", "/voicemail", "dave");
        QCOMPARE(daves.status, 200);
        QCOMPARE(daves.json().value("voicemail").toArray().size(), 0);
        QCOMPARE(send("GET", "/voicemail?limit=1", "carol").json().value("voicemail").toArray().size(), 1);
    }

    void refusesWhatItCannotServe_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("client");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("nobody") << QByteArray("GET") << "/voicemail" << QByteArray() << QByteArray() << 401;
        QTest::newRow("limit") << QByteArray("GET") << "/voicemail?limit=0" << QByteArray("carol")
                               << QByteArray() << 400;
        QTest::newRow("unknown parameter")
            << QByteArray("GET") << "/voicemail?page=2" << QByteArray("carol") << QByteArray() << 400;
        QTest::newRow("post list") << QByteArray("POST") << "/voicemail" << QByteArray("carol")
                                   << QByteArray("{}") << 405;
        QTest::newRow("not a sid") << QByteArray("GET") << "/voicemail/RE12/audio" << QByteArray("carol")
                                   << QByteArray() << 404;
        QTest::newRow("unknown sid") << QByteArray("GET") << "/voicemail/RE" + QString(32, u'0') + "/audio"
                                     << QByteArray("carol") << QByteArray() << 404;
        QTest::newRow("bad body") << QByteArray("POST") << "/voicemail/RE" + QString(32, u'0')
                                  << QByteArray("carol") << QByteArray(R"({"heard": "yes"})") << 400;
    }
    void refusesWhatItCannotServe()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, client);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const Answer answer = send(method, path, client, body);
        QCOMPARE(answer.status, status);
        QVERIFY2(!answer.json().value("error").toString().isEmpty(), answer.body.constData());
    }

    void playsTheAudioItFetchesFromTwilio()
    {
        const Answer audio = send("GET", "/voicemail/" + m_first + "/audio", "carol");
        QCOMPARE(audio.status, 200);
        QCOMPARE(audio.contentType, QByteArray("audio/x-wav"));
        QCOMPARE(audio.cacheControl, QByteArray("no-store"));
        QCOMPARE(audio.body, Simulator::RecordingVault::toneWav(2));
        QCOMPARE(send("GET", "/voicemail/" + m_first + "/audio", "dave").status, 404);
    }

    void marksAMessageHeard()
    {
        QCOMPARE(send("POST", "/voicemail/" + m_first, "carol", R"({"heard": true})").status, 204);
        QCOMPARE(send("GET", "/voicemail", "carol").json().value("unheard").toInt(), 1);
        QCOMPARE(send("POST", "/voicemail/" + m_first, "carol", R"({"heard": false})").status, 204);
        QCOMPARE(send("GET", "/voicemail", "carol").json().value("unheard").toInt(), 2);
        QCOMPARE(send("POST", "/voicemail/" + m_first, "carol", R"({"heard": true})", "text/plain").status,
                 415);
        QCOMPARE(send("POST", "/voicemail/" + m_first, "dave", R"({"heard": true})").status, 404);
        QCOMPARE(send("GET", "/voicemail", "carol").json().value("unheard").toInt(), 2);
    }

    void deletesAtTwilioThenHere()
    {
        QCOMPARE(send("DELETE", "/voicemail/" + m_first, "dave").status, 404);
        QVERIFY(m_recordings->find(m_first));
        QCOMPARE(send("DELETE", "/voicemail/" + m_first, "carol").status, 204);
        QVERIFY2(!m_recordings->find(m_first), "deleted at Twilio");
        const QJsonArray list = send("GET", "/voicemail", "carol").json().value("voicemail").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value("recordingSid").toString(), m_second);
        QCOMPARE(send("DELETE", "/voicemail/" + m_first, "carol").status, 404);
    }

    void keepsTheMessageWhenTwilioRefuses()
    {
        ScriptedHttpServer twilio;
        twilio.script << ScriptedReply::json(401,
                                             R"({"code": 20003, "message": "Authenticate", "status": 401})")
                      << ScriptedReply::json(401,
                                             R"({"code": 20003, "message": "Authenticate", "status": 401})");
        Server::ServerSettings refusing = settings();
        refusing.twilioApiUrl = QUrl(twilio.baseUrl());
        m_server.reset();
        startServer(refusing);
        QCOMPARE(send("DELETE", "/voicemail/" + m_first, "carol").status, 502);
        QCOMPARE(send("GET", "/voicemail/" + m_first + "/audio", "carol").status, 502);
        QCOMPARE(send("GET", "/voicemail", "carol").json().value("voicemail").toArray().size(), 2);
        QCOMPARE(twilio.requests.size(), 2);
        QCOMPARE(twilio.requests[0].method, QByteArray("DELETE"));
        QCOMPARE(twilio.requests[0].headers.value("authorization"),
                 "Basic " + QByteArray("SK" + QByteArray(32, 'b') + ":voicemail-api-secret").toBase64());
    }
};

QTEST_GUILESS_MAIN(TestVoicemailEndpoint)
#include "TestVoicemailEndpoint.moc"
