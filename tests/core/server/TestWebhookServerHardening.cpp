// WebhookServer against what an attacker or a careless client does: answers that must wait for the call
// log, sign-ins that must not hold up webhooks, foreign hosts and web pages, clients that never read, and
// one peer taking every connection.

#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/CallJournal.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/TestWebhookRequest.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

using namespace std::chrono_literals;

namespace {

const QByteArray authToken = "test-auth-token";
const QString publicUrl = "https://switchboard.example.com";

// A signed POST /voice/incoming for callSid, as raw bytes.
QByteArray incomingWebhook(const QString &callSid)
{
    return testSignedWebhook(authToken, publicUrl, Routing::WebhookPaths::incoming(),
                             { { "CallSid", callSid },
                               { "CallStatus", "ringing" },
                               { "From", "+819059876543" },
                               { "To", "+815031234567" } });
}

QByteArray get(const QByteArray &path, const QByteArray &extraHeaders = {},
               const QByteArray &host = "127.0.0.1")
{
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
}

} // namespace

class TestWebhookServerHardening : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    quint16 m_port = 0;
    std::vector<std::unique_ptr<RawClient>> m_clients;

    static Server::ServerSettings settings()
    {
        Server::ServerSettings result;
        result.port = 0;
        result.publicBaseUrl = publicUrl;
        result.account.accountSid = "AC" + QString(32, u'a');
        result.account.authToken = authToken;
        result.account.apiKeySid = "SK" + QString(32, u'b');
        result.account.apiKeySecret = "test-api-secret";
        result.account.twimlAppSid = "AP" + QString(32, u'c');
        return result;
    }

    void startServer(const Server::ServerSettings &serverSettings,
                     std::shared_ptr<Store::Database> database = nullptr)
    {
        m_clients.clear();
        m_server.reset();
        m_server = std::make_unique<Server::WebhookServer>(database ? database : m_database, serverSettings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_port = *port;
    }

    // With synchronous=FULL there is no call journal: the commit makes an event durable.
    void startServerWithoutJournal()
    {
        auto location = m_database->location();
        location.setSynchronous(Store::DatabaseLocation::Synchronous::Full);
        auto full = Store::Database::open(location);
        QVERIFY2(full, qPrintable(full.error()));
        startServer(settings(), *full);
    }

    RawClient &connectClient()
    {
        m_clients.push_back(std::make_unique<RawClient>(m_port));
        return *m_clients.back();
    }

    QByteArray exchange(const QByteArray &request)
    {
        RawClient &client = connectClient();
        client.send(request);
        return client.nextResponse();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.server.info=false"));
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("server.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("alice", "secret-alice"));
        QVERIFY(Store::NumberStore(m_database).add("+815031234567", "alice"));
    }

    void init() { startServer(settings()); }

    void cleanup()
    {
        m_clients.clear();
        m_server.reset();
    }

    void aWebhookIsAnsweredOnlyOnceItsEventIsCommitted()
    {
        // Another connection holds SQLite's write lock: the call log writer waits for it, and so must the
        // answer. Twilio never sends an answered webhook again.
        startServerWithoutJournal();
        QSqlQuery lock(m_database->connection());
        QVERIFY2(lock.exec("BEGIN IMMEDIATE"), qPrintable(lock.lastError().text()));
        RawClient &client = connectClient();
        client.send(incomingWebhook("CAWAITS"));
        QTest::qWait(300);
        QVERIFY2(client.received().isEmpty(), "answered before the call log could be written");
        QVERIFY(lock.exec("ROLLBACK"));
        const QByteArray answer = client.nextResponse();
        QCOMPARE(statusOf(answer), 200);
        QVERIFY(bodyOf(answer).contains("<Dial"));
        QVERIFY2(Store::CallLog(m_database).find("CAWAITS"), "answered, and not in the call log");
    }

    void aWebhookIsAnsweredOnceItsEventIsInTheJournal()
    {
        // synchronous=NORMAL: the event is durable once in the call journal, and the answer need not wait
        // for the database (here locked by another connection). The call log has it once it is free.
        QSqlQuery lock(m_database->connection());
        QVERIFY2(lock.exec("BEGIN IMMEDIATE"), qPrintable(lock.lastError().text()));
        const QByteArray answer = exchange(incomingWebhook("CAJOURNAL"));
        QCOMPARE(statusOf(answer), 200);
        QVERIFY(bodyOf(answer).contains("<Dial"));
        const QString journal = Store::CallJournal::folderFor(m_database->location().filePath());
        const QStringList segments = QDir(journal).entryList({ "*.events" }, QDir::Files);
        QVERIFY2(!segments.isEmpty() && QFileInfo(journal + "/" + segments.first()).size() > 0,
                 "answered, and not in the journal");
        QVERIFY(lock.exec("ROLLBACK"));
        QVERIFY(m_server->flushCallLog());
        QVERIFY(Store::CallLog(m_database).find("CAJOURNAL"));
    }

    void aWebhookWhoseEventCannotBeStoredIsNotAnswered200()
    {
        startServerWithoutJournal();
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec("CREATE TRIGGER refuse_carefused BEFORE INSERT ON call_events"
                           " WHEN NEW.call_sid = 'CAREFUSED' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        const QByteArray answer = exchange(incomingWebhook("CAREFUSED"));
        QVERIFY(query.exec("DROP TRIGGER refuse_carefused"));
        // Not a 200, so Twilio tries the number's fallback URL; its caller hears an apology otherwise.
        QCOMPARE(statusOf(answer), 503);
        QVERIFY(bodyOf(answer).contains("<Say"));
        QVERIFY(!Store::CallLog(m_database).find("CAREFUSED"));
    }

    void pipelinedAnswersKeepTheirRequestsOrder()
    {
        // The token waits for its secret check, the webhook for its commit, the health check for nothing:
        // the answers still come in the order of the requests.
        RawClient &client = connectClient();
        client.send(testTokenRequest("alice", "secret-alice") + incomingWebhook("CAORDER") + get("/healthz"));
        const QByteArray first = client.nextResponse(10000);
        const QByteArray second = client.nextResponse(10000);
        const QByteArray third = client.nextResponse(10000);
        QCOMPARE(statusOf(first), 200);
        QVERIFY2(bodyOf(first).contains("\"token\""), first.constData());
        QCOMPARE(statusOf(second), 200);
        QVERIFY2(bodyOf(second).contains("<Response>"), second.constData());
        QCOMPARE(statusOf(third), 200);
        QVERIFY2(bodyOf(third).contains("\"status\":\"ok\""), third.constData());
    }

    void servesPipelinedRequestsBeyondTheReadBuffer()
    {
        // More than the socket's bounded read buffer holds: the rest must be read as the buffer drains.
        constexpr int requests = 4000;
        RawClient &client = connectClient();
        client.send(get("/healthz").repeated(requests));
        int answers = 0;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         for (QByteArray answer = client.nextResponse(0); !answer.isEmpty();
                              answer = client.nextResponse(0))
                             answers += statusOf(answer) == 200 ? 1 : 0;
                         return answers == requests;
                     },
                     30000),
                 qPrintable(QStringLiteral("%1 of %2 answered").arg(answers).arg(requests)));
    }

    void webhooksDoNotWaitBehindSignIns()
    {
        // One request thread, one secret-check thread: before, each sign-in held the only request thread
        // for its argon2 check (~0.1 s), and a webhook behind a flood of them waited for all.
        Server::ServerSettings narrow = settings();
        narrow.requestThreads = 1;
        narrow.secretCheckThreads = 1;
        narrow.maxSecretChecksQueued = 4;
        startServer(narrow);
        constexpr int signIns = 12;
        std::vector<RawClient *> tokenClients;
        for (int index = 0; index < signIns; ++index) {
            tokenClients.push_back(&connectClient());
            tokenClients.back()->send(testTokenRequest("alice", "secret-alice"));
        }
        const QByteArray webhook = exchange(incomingWebhook("CANOWAIT"));
        QCOMPARE(statusOf(webhook), 200);
        // When the webhook's answer is in, most sign-ins still wait for their checks.
        int answeredBefore = 0;
        for (RawClient *client : tokenClients)
            answeredBefore += completeResponseLength(client->received()) > 0 ? 1 : 0;
        int ok = 0;
        int busy = 0;
        for (RawClient *client : tokenClients) {
            const QByteArray answer = client->nextResponse(20000);
            if (statusOf(answer) == 200)
                ++ok;
            if (statusOf(answer) == 503) {
                ++busy;
                QCOMPARE(headerOf(answer, "Retry-After"), QByteArray("1"));
            }
        }
        // One running and four queued at most; the rest were told to come back, at once.
        QVERIFY2(ok >= 1 && ok <= 5, qPrintable(QString::number(ok)));
        QCOMPARE(ok + busy, signIns);
        QVERIFY2(answeredBefore <= busy + 1,
                 qPrintable(QStringLiteral("%1 sign-ins answered before the webhook").arg(answeredBefore)));
    }

    void signInsWorkAfterTheServerStartsAgain()
    {
        // The Server page stops and starts the same server: its secret checks must start again too.
        m_server->stop();
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_port = *port;
        QCOMPARE(statusOf(exchange(testTokenRequest("alice", "secret-alice"))), 200);
    }

    void onlyItsOwnHostsAreServed_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("listening address") << QByteArray("127.0.0.1") << 200;
        QTest::newRow("listening address and port") << QByteArray("127.0.0.1:8080") << 200;
        QTest::newRow("localhost") << QByteArray("localhost:8080") << 200;
        QTest::newRow("public URL's host") << QByteArray("switchboard.example.com") << 200;
        QTest::newRow("a rebound domain") << QByteArray("attacker.example") << 421;
        QTest::newRow("a look-alike") << QByteArray("switchboard.example.com.attacker.example") << 421;
        QTest::newRow("another address") << QByteArray("10.0.0.1") << 421;
        QTest::newRow("empty") << QByteArray("") << 421;
        QTest::newRow("bad port") << QByteArray("localhost:99999") << 421;
    }

    void onlyItsOwnHostsAreServed()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        QCOMPARE(statusOf(exchange(get("/healthz", {}, host))), status);
    }

    void aWebPageIsNeverServed()
    {
        // DNS rebinding aside, a page can still send simple requests to 127.0.0.1; browsers add Origin.
        QCOMPARE(statusOf(exchange(get("/healthz", "Origin: https://attacker.example\r\n"))), 403);
        QByteArray webhook = incomingWebhook("CAORIGIN");
        webhook.replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\nOrigin: null\r\n");
        QCOMPARE(statusOf(exchange(webhook)), 403);
        QVERIFY(!Store::CallLog(m_database).find("CAORIGIN"));
    }

    void responsesCarrySafetyHeaders()
    {
        for (const QByteArray &request : { get("/healthz"), get("/nothing"), incomingWebhook("CAHEADERS"),
                                           testTokenRequest("alice", "wrong") }) {
            const QByteArray answer = exchange(request);
            QCOMPARE(headerOf(answer, "X-Content-Type-Options"), QByteArray("nosniff"));
        }
        const QByteArray token = exchange(testTokenRequest("alice", "secret-alice"));
        QCOMPARE(statusOf(token), 200);
        QCOMPARE(headerOf(token, "Cache-Control"), QByteArray("no-store"));
        QCOMPARE(headerOf(exchange(testTokenRequest("alice", "wrong")), "Cache-Control"),
                 QByteArray("no-store"));
        // The guard's own refusals too.
        const QByteArray refused = exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n"
                                            "Content-Length: 2\r\n\r\n");
        QCOMPARE(statusOf(refused), 400);
        QCOMPARE(headerOf(refused, "X-Content-Type-Options"), QByteArray("nosniff"));
    }

    void strangersLearnNothingOfTheConfiguration()
    {
        QByteArray forged = incomingWebhook("CAFORGED");
        forged.replace("X-Twilio-Signature: ", "X-Twilio-Signature: AAAA");
        const QByteArray answer = exchange(forged);
        QCOMPARE(statusOf(answer), 403);
        QVERIFY2(!answer.contains("switchboard.example.com"), answer.constData());
    }

    void connectionCloseIsHonoured()
    {
        Server::ServerSettings patient = settings();
        patient.limits.timeout = 30s; // so that only the request's wish can close it soon
        startServer(patient);
        RawClient &client = connectClient();
        client.send(get("/healthz", "Connection: close\r\n"));
        const QByteArray answer = client.nextResponse();
        QCOMPARE(statusOf(answer), 200);
        QCOMPARE(headerOf(answer, "Connection"), QByteArray("close"));
        QVERIFY2(client.waitClosed(5000), "the connection stayed open after Connection: close");
    }

    void onePeerCannotTakeEveryConnection()
    {
        Server::ServerSettings capped = settings();
        capped.limits.maxConnections = 16;
        capped.limits.maxConnectionsPerPeer = 3;
        capped.requestThreads = 1; // connections are taken on in the order they came
        capped.limits.timeout = 1s;
        startServer(capped);
        for (int index = 0; index < 3; ++index) {
            RawClient &client = connectClient();
            client.send("GET /healthz HTTP/1.1\r\n"); // an unfinished head holds the slot
        }
        const QByteArray refused = exchange(get("/healthz"));
        QCOMPARE(statusOf(refused), 503);
        QVERIFY2(bodyOf(refused).contains("from your address"), refused.constData());
        // The unfinished heads time out and free their slots.
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(exchange(get("/healthz"))), 200, 10000);
    }
};

QTEST_GUILESS_MAIN(TestWebhookServerHardening)
#include "TestWebhookServerHardening.moc"
