#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "core/token/Jwt.h"
#include "tests/support/TestWebhookRequest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {

const QByteArray authToken = "test-auth-token";
const QByteArray apiSecret = "test-api-secret";
const QString publicUrl = "https://switchboard.example.com";

QByteArray twilioSignature(const QString &url, const QList<QPair<QString, QString>> &parameters)
{
    return testTwilioSignature(authToken, url, parameters);
}

const QList<QPair<QString, QString>> seedIncoming { { "AccountSid", "AC3" + QString(31, u'x') },
                                                    { "ApiVersion", "2010-04-01" },
                                                    { "Called", "+815031234567" },
                                                    { "CalledCountry", "JP" },
                                                    { "CalledVia", "05031234567" },
                                                    { "Caller", "+819059876543" },
                                                    { "CallerCountry", "JP" },
                                                    { "CallSid", "CA86seed" },
                                                    { "CallStatus", "ringing" },
                                                    { "Direction", "inbound" },
                                                    { "ForwardedFrom", "05031234567" },
                                                    { "From", "+819059876543" },
                                                    { "FromCountry", "JP" },
                                                    { "To", "+815031234567" },
                                                    { "ToCountry", "JP" },
                                                    { "ToCity", "" } };

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
};

} // namespace

class TestWebhookServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_base;

    Server::ServerSettings settings(bool verify = true) const
    {
        Server::ServerSettings result;
        result.port = 0;
        result.publicBaseUrl = publicUrl;
        result.verifySignatures = verify;
        result.account.accountSid = "AC" + QString(32, u'a');
        result.account.authToken = authToken;
        result.account.apiKeySid = "SK" + QString(32, u'b');
        result.account.apiKeySecret = apiSecret;
        result.account.twimlAppSid = "AP" + QString(32, u'c');
        return result;
    }

    void startServer(const Server::ServerSettings &serverSettings)
    {
        m_server = std::make_unique<Server::WebhookServer>(m_database, serverSettings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_base = QUrl(QString("http://127.0.0.1:%1").arg(*port));
    }

    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(m_base.resolved(QUrl(path)));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            qWarning() << "no reply for" << path;
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        result.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return result;
    }

    Reply postWebhook(const QString &path, const QList<QPair<QString, QString>> &parameters,
                      const QByteArray &signature)
    {
        QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type",
                                                         "application/x-www-form-urlencoded" } };
        if (!signature.isNull())
            headers.append({ "X-Twilio-Signature", signature });
        return send("POST", path, testFormBody(parameters), headers);
    }

    Reply postSigned(const QString &path, const QList<QPair<QString, QString>> &parameters)
    {
        return postWebhook(path, parameters, twilioSignature(publicUrl + path, parameters));
    }

    Reply postToken(const QByteArray &json, const QByteArray &user, const QByteArray &secret,
                    const QByteArray &contentType = "application/json")
    {
        QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", contentType } };
        if (!user.isEmpty())
            headers.append({ "Authorization", "Basic " + (user + ':' + secret).toBase64() });
        return send("POST", "/token", json, headers);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("server.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        Store::NumberStore numbers(m_database);
        QVERIFY(clients.add("DeviceId_0001", "secret-0001"));
        QVERIFY(clients.add("alice", "secret-alice"));
        QVERIFY(numbers.add("+81-50-3123-4567", "DeviceId_0001"));
        QVERIFY(numbers.add("+1 415 555 0100", "alice"));
    }

    void init() { startServer(settings()); }
    void cleanup() { m_server.reset(); }

    void health()
    {
        const Reply reply = send("GET", "/healthz");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json(), QJsonObject({ { "status", "ok" }, { "database", "ok" } }));
        const Reply wrongMethod = send("POST", "/healthz");
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.header("Allow"), QByteArray("GET"));
        QCOMPARE(wrongMethod.json()["success"].toBool(true), false);
    }

    void unknownPathIsJson404()
    {
        const Reply reply = send("GET", "/nothing/here");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.contentType, QByteArray("application/json"));
        QCOMPARE(reply.json()["success"].toBool(true), false);
        QVERIFY(reply.json()["error"].toString().contains("/nothing/here"));
        QCOMPARE(
            send("POST", "/voice/nothing", "a=1", { { "Content-Type", "application/x-www-form-urlencoded" } })
                .status,
            404);
    }

    void seedIncomingCallRingsTheClient()
    {
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        const Reply reply = postSigned(Routing::WebhookPaths::incoming(), seedIncoming);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.contentType, QByteArray("application/xml"));
        QCOMPARE(
            reply.body,
            QByteArray(R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" )"
                       R"(action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial></Response>)"));
        QVERIFY(m_server->flushCallLog());
        const auto call = Store::CallLog(m_database).find("CA86seed");
        QVERIFY(call);
        QCOMPARE(call->clientName, QString("DeviceId_0001"));
        QCOMPARE(call->direction, QString("incoming"));

        QTRY_COMPARE(handled.size(), 1);
        const auto record = handled.first().first().value<Server::RequestRecord>();
        QCOMPARE(record.route, Routing::WebhookPaths::incoming());
        QCOMPARE(record.signature, QString("valid"));
        QCOMPARE(record.status, 200);
        QCOMPARE(record.parameters.value("From"), QString("+819059876543"));
        QCOMPARE(record.outcome, QString("ring client:DeviceId_0001"));
    }

    void signatureVariants_data()
    {
        QTest::addColumn<QString>("signedUrl");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("public URL") << publicUrl + Routing::WebhookPaths::incoming() << true;
        QTest::newRow("with default port") << "https://switchboard.example.com:443/voice/incoming" << true;
        QTest::newRow("local URL") << "http://127.0.0.1/voice/incoming" << false;
        QTest::newRow("other path") << publicUrl + Routing::WebhookPaths::outgoing() << false;
        QTest::newRow("http instead of https") << "http://switchboard.example.com/voice/incoming" << false;
    }

    void signatureVariants()
    {
        QFETCH(QString, signedUrl);
        QFETCH(bool, accepted);
        QCOMPARE(postWebhook(Routing::WebhookPaths::incoming(), seedIncoming,
                             twilioSignature(signedUrl, seedIncoming))
                     .status,
                 accepted ? 200 : 403);
    }

    void refusesUnsignedAndForged()
    {
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        const Reply missing = postWebhook(Routing::WebhookPaths::incoming(), seedIncoming, QByteArray());
        QCOMPARE(missing.status, 403);
        QVERIFY(missing.json()["error"].toString().contains("missing"));
        auto tampered = seedIncoming;
        tampered.last().second = "Tokyo"; // ToCity changed after signing
        QCOMPARE(postWebhook(Routing::WebhookPaths::incoming(), tampered,
                             twilioSignature(publicUrl + Routing::WebhookPaths::incoming(), seedIncoming))
                     .status,
                 403);
        QCOMPARE(postWebhook(Routing::WebhookPaths::incoming(), seedIncoming, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                     .status,
                 403);
        QTRY_COMPARE(handled.size(), 3);
        QCOMPARE(handled.at(0).first().value<Server::RequestRecord>().signature, QString("missing"));
        QCOMPARE(handled.at(2).first().value<Server::RequestRecord>().signature, QString("invalid"));
        QVERIFY(m_server->flushCallLog());
        QVERIFY(!Store::CallLog(m_database).find("CA86seed-forged"));
    }

    void malformedWebhooks()
    {
        const QByteArray signature = twilioSignature(publicUrl + Routing::WebhookPaths::incoming(), {});
        QCOMPARE(send("GET", Routing::WebhookPaths::incoming()).status, 405);
        QCOMPARE(send("POST", Routing::WebhookPaths::incoming(), "To=%2B81",
                      { { "Content-Type", "application/json" } })
                     .status,
                 415);
        QCOMPARE(send("POST", Routing::WebhookPaths::incoming(), "To=%ZZ",
                      { { "Content-Type", "application/x-www-form-urlencoded" },
                        { "X-Twilio-Signature", signature } })
                     .status,
                 400);
        QCOMPARE(send("POST", Routing::WebhookPaths::incoming(), "=x",
                      { { "Content-Type", "application/x-www-form-urlencoded" } })
                     .status,
                 400);
        QCOMPARE(send("GET", "/healthz").status, 200);
    }

    void seedOutgoingCallDialsWithCallerId()
    {
        const QList<QPair<QString, QString>> parameters { { "AccountSid", "AC3e" },
                                                          { "ApiVersion", "2010-04-01" },
                                                          { "ApplicationSid", "AP75" },
                                                          { "Called", "" },
                                                          { "Caller", "client:DeviceId_0001" },
                                                          { "CallSid", "CA06seed" },
                                                          { "CallStatus", "ringing" },
                                                          { "Direction", "inbound" },
                                                          { "From", "client:DeviceId_0001" },
                                                          { "To", "" },
                                                          { "callerPhoneNumber", "+81-50-3123-4567" },
                                                          { "callOutgoingPhoneNumber", "+81-90-5987-6543" } };
        const Reply reply = postSigned(Routing::WebhookPaths::outgoing(), parameters);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body,
                 QByteArray(R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" )"
                            R"(action="/voice/dial-complete" )"
                            R"(callerId="+815031234567"><Number>+819059876543</Number></Dial></Response>)"));
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(Store::CallLog(m_database).find("CA06seed")->direction, QString("outgoing"));
    }

    void unansweredCallReachesVoicemail()
    {
        const Reply reply = postSigned(Routing::WebhookPaths::dialComplete(),
                                       { { "CallSid", "CA86seed" },
                                         { "DialCallStatus", "no-answer" },
                                         { "From", "+819059876543" },
                                         { "To", "+815031234567" } });
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.body.contains(
            "<Record maxLength=\"120\" playBeep=\"true\" recordingStatusCallback=\"/voice/recording\" "
            "recordingStatusCallbackEvent=\"completed absent failed\"/>"));
    }

    // Twilio's final status for the caller's leg is "completed" whatever the person did: the log keeps
    // what the Dial's end and the message told instead, and the status as a detail.
    void theLogKeepsWhatTheCallCameTo()
    {
        const QList<QPair<QString, QString>> call { { "CallSid", "CAoutcome" },
                                                    { "From", "+819059876543" },
                                                    { "To", "+815031234567" } };
        const auto with = [&call](const QList<QPair<QString, QString>> &more) { return call + more; };
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), with({ { "CallStatus", "ringing" } })).status,
                 200);
        QCOMPARE(postSigned(Routing::WebhookPaths::dialComplete(),
                            with({ { "CallStatus", "in-progress" }, { "DialCallStatus", "busy" } }))
                     .status,
                 200);
        QVERIFY(m_server->flushCallLog());
        Store::CallLog log(m_database);
        QCOMPARE(log.find("CAoutcome")->outcome, Store::CallResult::Declined);
        QCOMPARE(postSigned(Routing::WebhookPaths::dialComplete(),
                            with({ { "CallStatus", "completed" },
                                   { "RecordingUrl", "https://api.twilio.com/rec/RE1" },
                                   { "RecordingDuration", "9" } }))
                     .status,
                 200);
        QCOMPARE(
            postSigned(
                Routing::WebhookPaths::status(),
                with({ { "CallStatus", "completed" }, { "CallDuration", "31" }, { "SequenceNumber", "2" } }))
                .status,
            204);
        QVERIFY(m_server->flushCallLog());
        const auto logged = log.find("CAoutcome");
        QCOMPARE(logged->outcome, Store::CallResult::Voicemail);
        QCOMPARE(logged->status, QString("completed"));

        // A number nobody has: the spoken refusal fails the call, and counts as a refusal.
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(),
                            { { "CallSid", "CAnowhere" },
                              { "CallStatus", "ringing" },
                              { "From", "+819059876543" },
                              { "To", "+815099999999" } })
                     .status,
                 200);
        QTRY_COMPARE(handled.size(), 1);
        QVERIFY(handled.first().first().value<Server::RequestRecord>().refused);
        QVERIFY(!handled.first().first().value<Server::RequestRecord>().outcome.isEmpty());
        QCOMPARE(postSigned(
                     Routing::WebhookPaths::status(),
                     { { "CallSid", "CAnowhere" }, { "CallStatus", "completed" }, { "SequenceNumber", "1" } })
                     .status,
                 204);
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(log.find("CAnowhere")->outcome, Store::CallResult::Failed);
        QCOMPARE(log.find("CAnowhere")->status, QString("completed"));
    }

    // What the desktop's Recent list waits for: told once the event is committed, so a reader then finds it.
    void callLogWrittenFollowsTheCommit()
    {
        QSignalSpy written(m_server.get(), &Server::WebhookServer::callLogWritten);
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(),
                            { { "CallSid", "CAwritten" },
                              { "CallStatus", "ringing" },
                              { "From", "+819059876543" },
                              { "To", "+815031234567" } })
                     .status,
                 200);
        QVERIFY(written.wait(5000));
        QVERIFY(Store::CallLog(m_database).find("CAwritten"));
    }

    void statusCallbacksAreIdempotent()
    {
        const QList<QPair<QString, QString>> completed { { "CallSid", "CAstatus" },
                                                         { "CallStatus", "completed" },
                                                         { "CallDuration", "42" },
                                                         { "SequenceNumber", "3" },
                                                         { "From", "+819059876543" },
                                                         { "To", "+815031234567" },
                                                         { "Timestamp", "Tue, 24 Nov 2026 20:00:00 +0000" } };
        QCOMPARE(postSigned(Routing::WebhookPaths::status(), completed).status, 204);
        QCOMPARE(postSigned(Routing::WebhookPaths::status(), completed).status, 204); // Twilio retried
        QVERIFY(m_server->flushCallLog());
        Store::CallLog log(m_database);
        QCOMPARE(log.eventCount("CAstatus"), 1);
        QCOMPARE(log.find("CAstatus")->status, QString("completed"));
        QCOMPARE(log.find("CAstatus")->duration, 42);
        // An older event arriving late does not move the call back.
        QCOMPARE(
            postSigned(Routing::WebhookPaths::status(),
                       { { "CallSid", "CAstatus" }, { "CallStatus", "ringing" }, { "SequenceNumber", "0" } })
                .status,
            204);
        QVERIFY(m_server->flushCallLog());
        QCOMPARE(log.find("CAstatus")->status, QString("completed"));
        QCOMPARE(postSigned(Routing::WebhookPaths::status(), { { "CallSid", "CAstatus" } }).status, 400);
    }

    void seedTokenRequestNeedsTheClientsCredential()
    {
        const QByteArray seedRequest = R"({"twilioPhoneNumber": "+81-50-3123-4567"})";
        const Reply anonymous = postToken(seedRequest, {}, {});
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.header("WWW-Authenticate").startsWith("Basic"));
        QCOMPARE(anonymous.json()["success"].toBool(true), false);
        QCOMPARE(postToken(seedRequest, "DeviceId_0001", "wrong-secret").status, 401);
        QCOMPARE(postToken(seedRequest, "nobody", "secret-0001").status, 401);

        const Reply reply = postToken(seedRequest, "DeviceId_0001", "secret-0001");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["success"].toBool(), true);
        const auto token = Token::Jwt::verifyHs256(reply.json()["capabilityToken"].toString().toLatin1(),
                                                   authToken, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(token, qPrintable(token.error()));
        QVERIFY(
            token->payload["scope"].toString().startsWith("scope:client:incoming?clientName=DeviceId_0001 "));

        // Knowing a phone number is not enough: alice may not have DeviceId_0001's token.
        const Reply stolen = postToken(seedRequest, "alice", "secret-alice");
        QCOMPARE(stolen.status, 403);
        QCOMPARE(stolen.json()["success"].toBool(true), false);
    }

    // The desktop app's own phone has no secret: no credential at all gets a token for it.
    void aClientWithoutSecretGetsNoToken()
    {
        QVERIFY(Store::ClientStore(m_database).ensureWithoutSecret("thisphone"));
        for (const QByteArray &secret : { QByteArray(), QByteArray("x"), QByteArray("        ") }) {
            const Reply modern = postToken(R"({"identity": "thisphone"})", "thisphone", secret);
            QCOMPARE(modern.status, 401);
            QCOMPARE(modern.json()["success"].toBool(true), false);
            QVERIFY(!modern.body.contains("token\""));
        }
        // Even with the header written by hand with an empty secret after the colon.
        const Reply bare = send("POST", "/token", R"({"identity": "thisphone"})",
                                { { "Content-Type", "application/json" },
                                  { "Authorization", "Basic " + QByteArray("thisphone:").toBase64() } });
        QCOMPARE(bare.status, 401);
    }

    void accessTokenForOwnIdentityOnly()
    {
        const Reply reply = postToken(R"({"identity": "alice"})", "alice", "secret-alice");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["identity"].toString(), QString("alice"));
        const auto token = Token::Jwt::verifyHs256(reply.json()["token"].toString().toLatin1(), apiSecret,
                                                   QDateTime::currentSecsSinceEpoch());
        QVERIFY2(token, qPrintable(token.error()));
        QCOMPARE(token->payload["grants"]["identity"].toString(), QString("alice"));
        QCOMPARE(reply.json()["expires"].toInteger(), token->payload["exp"].toInteger());
        QCOMPARE(postToken(R"({"identity": "DeviceId_0001"})", "alice", "secret-alice").status, 403);
    }

    void malformedTokenRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::newRow("not JSON") << QByteArray("{identity") << QByteArray("application/json") << 400;
        QTest::newRow("array") << QByteArray("[]") << QByteArray("application/json") << 400;
        QTest::newRow("empty object") << QByteArray("{}") << QByteArray("application/json") << 400;
        QTest::newRow("both") << QByteArray(R"({"identity":"alice","twilioPhoneNumber":"+14155550100"})")
                              << QByteArray("application/json") << 400;
        QTest::newRow("number not a string")
            << QByteArray(R"({"twilioPhoneNumber": 14155550100})") << QByteArray("application/json") << 400;
        QTest::newRow("invalid number")
            << QByteArray(R"({"twilioPhoneNumber": "call me"})") << QByteArray("application/json") << 400;
        QTest::newRow("form body") << QByteArray("identity=alice")
                                   << QByteArray("application/x-www-form-urlencoded") << 415;
    }

    void malformedTokenRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        const Reply reply = postToken(body, "alice", "secret-alice", contentType);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json()["success"].toBool(true), false);
        QVERIFY(!reply.json()["error"].toString().isEmpty());
        QCOMPARE(send("GET", "/healthz").status, 200);
    }

    void tokenRecordsHoldNoSecrets()
    {
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        const Reply reply = postToken(R"({"identity": "alice"})", "alice", "secret-alice");
        QCOMPARE(reply.status, 200);
        QTRY_COMPARE(handled.size(), 1);
        const auto record = handled.first().first().value<Server::RequestRecord>();
        const QByteArray everything = record.response + record.parameters.encode() + record.outcome.toUtf8();
        QVERIFY(!everything.contains("secret-alice"));
        QVERIFY(!everything.contains(reply.json()["token"].toString().toLatin1()));
    }

    void withoutApiKeyTheTokenRouteSaysWhy()
    {
        Server::ServerSettings noKey = settings();
        noKey.account.apiKeySecret.clear();
        startServer(noKey);
        const Reply reply = postToken(R"({"identity": "alice"})", "alice", "secret-alice");
        QCOMPARE(reply.status, 503);
        QVERIFY(reply.json()["error"].toString().contains("TWILIO_API_SECRET"));
    }

    // The desktop app runs on whatever port is free when its own is taken; serve does not, and says why.
    void aTakenPortFailsOrFallsBackToAFreeOne()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        Server::ServerSettings taken = settings();
        taken.address = QHostAddress::LocalHost;
        taken.port = holder.serverPort();
        const QString where = QString("127.0.0.1:%1").arg(taken.port);

        Server::WebhookServer strict(m_database, taken);
        const auto refused = strict.start();
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains("cannot listen on " + where), qPrintable(refused.error()));
        QVERIFY(!strict.isListening());

        Server::WebhookServer lenient(m_database, taken);
        const auto started = lenient.start(Server::WebhookServer::IfPortTaken::UseAnyFreePort);
        QVERIFY2(started, qPrintable(started.error()));
        QVERIFY(*started != taken.port);
        QCOMPARE(lenient.localUrl().port(), int(*started));
        QVERIFY2(lenient.portProblem().contains("cannot listen on " + where),
                 qPrintable(lenient.portProblem()));
        lenient.stop();
        QVERIFY2(lenient.start(), "restarted on a free port again, not on the taken one");
        lenient.stop();

        Server::WebhookServer free(m_database, settings());
        QVERIFY(free.start(Server::WebhookServer::IfPortTaken::UseAnyFreePort));
        QVERIFY(free.portProblem().isEmpty());
        free.stop();
    }

    void hugeBodyIsRefusedAndServerStaysUp()
    {
        QTcpSocket socket;
        socket.connectToHost(m_base.host(), m_base.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(
            "POST /voice/incoming HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 10000000\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState, 5000);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 413"));
        QCOMPARE(send("GET", "/healthz").status, 200);
    }

    void repeatedWrongCredentialsMustWait()
    {
        Server::ServerSettings throttled = settings();
        throttled.tokenLogins.failuresPerName = 2;
        throttled.tokenLogins.window = std::chrono::milliseconds(1500);
        startServer(throttled);
        const QByteArray request = R"({"identity": "alice"})";
        QCOMPARE(postToken(request, "alice", "guess-1").status, 401);
        QCOMPARE(postToken(request, "alice", "guess-2").status, 401);
        // Now even the right secret waits: a guesser cannot tell it found the secret.
        const Reply refused = postToken(request, "alice", "secret-alice");
        QCOMPARE(refused.status, 429);
        QVERIFY2(refused.json()["error"].toString().contains("try again in"), refused.body.constData());
        bool hasRetryAfter = false;
        for (const auto &[name, value] : refused.headers)
            hasRetryAfter |= name.compare("Retry-After", Qt::CaseInsensitive) == 0 && value.toInt() >= 1;
        QVERIFY(hasRetryAfter);
        // Webhooks are not affected, and after the window the client gets its token.
        QCOMPARE(send("GET", "/healthz").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(postToken(request, "alice", "secret-alice").status, 200, 5000);
    }

    void oneNamesWrongCredentialsDoNotLockOutAnother()
    {
        // Behind a tunnel every client comes from 127.0.0.1: guessing at one name must not keep others out.
        const QByteArray request = R"({"identity": "alice"})";
        for (int guess = 0; guess < 12; ++guess)
            QVERIFY(postToken(request, "alice", "guess-" + QByteArray::number(guess)).status != 200);
        QCOMPARE(postToken(R"({"identity": "DeviceId_0001"})", "DeviceId_0001", "secret-0001").status, 200);
        // The guessed name still waits, and the other's success did not wipe its failures.
        QCOMPARE(postToken(request, "alice", "secret-alice").status, 429);
    }

    void aSuccessDoesNotRestartGuessing()
    {
        // A guesser who also holds one valid credential must not get a fresh count by signing in with it.
        const QByteArray request = R"({"identity": "alice"})";
        for (int round = 0; round < 3; ++round) {
            for (int guess = 0; guess < 5; ++guess)
                QVERIFY(postToken(request, "alice", "guess-" + QByteArray::number(guess)).status != 200);
            QCOMPARE(postToken(R"({"identity": "DeviceId_0001"})", "DeviceId_0001", "secret-0001").status,
                     200);
        }
        QCOMPARE(postToken(request, "alice", "secret-alice").status, 429);
    }

    void theAddressLimitBelievesOnlyTrustedProxies()
    {
        Server::ServerSettings proxied = settings();
        proxied.tokenLogins.failuresPerAddress = 2;
        proxied.trustedProxies = { QHostAddress::parseSubnet("127.0.0.0/8") };
        startServer(proxied);
        const QByteArray request = R"({"identity": "alice"})";
        const auto from = [](const QByteArray &address) {
            return QList<QPair<QByteArray, QByteArray>> {
                { "Content-Type", "application/json" },
                { "Authorization", "Basic " + QByteArray("alice:secret-alice").toBase64() },
                { "X-Forwarded-For", "203.0.113.66, " + address }
            };
        };
        QCOMPARE(postToken(request, "nobody", "guess", "application/json").status, 401); // 127.0.0.1's own
        auto guess = from("198.51.100.1");
        guess[1].second = "Basic " + QByteArray("mallory:guess").toBase64();
        QCOMPARE(send("POST", "/token", request, guess).status, 401);
        QCOMPARE(send("POST", "/token", request, guess).status, 401);
        // 198.51.100.1 has had its two; the client behind the same proxy at 198.51.100.2 has not.
        QCOMPARE(send("POST", "/token", request, from("198.51.100.1")).status, 429);
        QCOMPARE(send("POST", "/token", request, from("198.51.100.2")).status, 200);

        // Without --trusted-proxy the header is anyone's word: all of it is 127.0.0.1's.
        Server::ServerSettings direct = settings();
        direct.tokenLogins.failuresPerAddress = 2;
        startServer(direct);
        QCOMPARE(send("POST", "/token", request, guess).status, 401);
        QCOMPARE(send("POST", "/token", request, guess).status, 401);
        QCOMPARE(send("POST", "/token", request, from("198.51.100.2")).status, 429);
    }

    void requestThreadsShareTheConnectionCap()
    {
        Server::ServerSettings capped = settings();
        capped.requestThreads = 2;
        capped.limits.maxConnections = 4;
        startServer(capped);
        QCOMPARE(m_server->workerCount(), 2);
        // Four keep-alive connections, each served, spread over both threads (two each): a fifth is refused.
        QList<std::shared_ptr<QTcpSocket>> open;
        for (int index = 0; index < 4; ++index) {
            auto socket = std::make_shared<QTcpSocket>();
            socket->connectToHost(m_base.host(), m_base.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QTRY_VERIFY_WITH_TIMEOUT(socket->bytesAvailable() > 0, 5000);
            const QByteArray answer = socket->readAll();
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            open.append(socket);
        }
        QTcpSocket fifth;
        fifth.connectToHost(m_base.host(), m_base.port());
        QVERIFY(fifth.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            fifth.bytesAvailable() > 0 || fifth.state() != QAbstractSocket::ConnectedState, 5000);
        QVERIFY(fifth.readAll().startsWith("HTTP/1.1 503"));
        // One closes: there is room again.
        open.first()->disconnectFromHost();
        open.removeFirst();
        QTRY_COMPARE_WITH_TIMEOUT(send("GET", "/healthz").status, 200, 5000);
    }

    void stopClosesConnectionsAndWritesTheCallLog()
    {
        QTcpSocket socket;
        socket.connectToHost(m_base.host(), m_base.port());
        QVERIFY(socket.waitForConnected(5000));
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), seedIncoming).status, 200);
        m_server->stop();
        QVERIFY(!m_server->isListening());
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(Store::CallLog(m_database).find("CA86seed"));
    }

    void insecureModeSaysSo()
    {
        startServer(settings(false));
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        QCOMPARE(postWebhook(Routing::WebhookPaths::incoming(), seedIncoming, QByteArray()).status, 200);
        QTRY_COMPARE(handled.size(), 1);
        QCOMPARE(handled.first().first().value<Server::RequestRecord>().signature, QString("not checked"));
    }
};

QTEST_GUILESS_MAIN(TestWebhookServer)
#include "TestWebhookServer.moc"
