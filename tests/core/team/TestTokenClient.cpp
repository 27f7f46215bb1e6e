#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/team/TokenClient.h"
#include "core/token/Jwt.h"
#include "tests/support/AnswerOf.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using Team::ServerAccount;
using Team::TokenClient;

// The phone's side of POST /token in team mode, against a real server.
class TestTokenClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;

    Server::ServerSettings settings(quint16 port) const
    {
        Server::ServerSettings result;
        result.port = port;
        result.publicBaseUrl = "https://switchboard.example.com";
        result.account.accountSid = "AC" + QString(32, u'a');
        result.account.authToken = "auth-token";
        result.account.apiKeySid = "SK" + QString(32, u'b');
        result.account.apiKeySecret = "api-secret";
        result.account.twimlAppSid = "AP" + QString(32, u'c');
        result.tokenTtl = 600;
        return result;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    static std::optional<Result<Token::IssuedToken>> fetch(TokenClient &client)
    {
        return answerOf<Result<Token::IssuedToken>>([&client](auto done) { client.fetch(std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("team.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("carol", "secret-carol"));
    }

    void signsInAndGetsItsOwnToken()
    {
        const quint16 port = freePort();
        Server::WebhookServer server(m_database, settings(port));
        QVERIFY(server.start());
        TokenClient client(
            ServerAccount { QUrl(QString("http://127.0.0.1:%1").arg(port)), "carol", "secret-carol" });
        const auto answer = fetch(client);
        QVERIFY(answer);
        QVERIFY2(*answer, qPrintable(answer->error()));
        const auto decoded = Token::Jwt::verifyHs256((*answer)->jwt.toLatin1(), "api-secret",
                                                     QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload.value("grants").toObject().value("identity").toString(), QString("carol"));
        // Renewed at three quarters of the server's 600 s, give or take the second the request took.
        QVERIFY2((*answer)->renewAfter <= std::chrono::seconds(450)
                     && (*answer)->renewAfter >= std::chrono::seconds(448),
                 qPrintable(QString::number((*answer)->renewAfter.count())));
    }

    // Asking again with the same wrong secret would only trip the server's throttle.
    void aWrongSecretIsSaidOnceAndNotRetried()
    {
        const quint16 port = freePort();
        Server::WebhookServer server(m_database, settings(port));
        QVERIFY(server.start());
        QSignalSpy handled(&server, &Server::WebhookServer::requestHandled);
        TokenClient client(
            ServerAccount { QUrl(QString("http://127.0.0.1:%1").arg(port)), "carol", "guess" });
        client.setBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(40));
        QSignalSpy retrying(&client, &TokenClient::retrying);
        const auto answer = fetch(client);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QVERIFY2(answer->error().contains("refused client carol") && answer->error().contains("Settings"),
                 qPrintable(answer->error()));
        QTest::qWait(200); // long enough for several retries, had there been any
        QCOMPARE(retrying.count(), 0);
        QCOMPARE(handled.count(), 1);
    }

    // The server is not up yet: the client waits, longer each time, and signs in once it is.
    void anUnreachableServerIsAskedAgain()
    {
        const quint16 port = freePort();
        TokenClient client(
            ServerAccount { QUrl(QString("http://127.0.0.1:%1").arg(port)), "carol", "secret-carol" });
        client.setBackoff(std::chrono::milliseconds(50), std::chrono::milliseconds(200));
        QSignalSpy retrying(&client, &TokenClient::retrying);
        std::optional<Result<Token::IssuedToken>> answer;
        client.fetch([&answer](Result<Token::IssuedToken> token) { answer = std::move(token); });
        QTRY_VERIFY(retrying.count() >= 3);
        QVERIFY(!answer);
        QVERIFY2(retrying.first().first().toString().contains("cannot be reached"),
                 qPrintable(retrying.first().first().toString()));
        QCOMPARE(retrying.at(0).at(1).value<std::chrono::milliseconds>(), std::chrono::milliseconds(50));
        QCOMPARE(retrying.at(1).at(1).value<std::chrono::milliseconds>(), std::chrono::milliseconds(100));
        QCOMPARE(retrying.at(2).at(1).value<std::chrono::milliseconds>(), std::chrono::milliseconds(200));

        Server::WebhookServer server(m_database, settings(port));
        QVERIFY(server.start());
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
        QVERIFY2(*answer, qPrintable(answer->error()));
    }

    void incompleteSettingsAreSaidAtOnce()
    {
        TokenClient client(ServerAccount { QUrl("http://switchboard.example.com"), "carol", "s" });
        const auto answer = fetch(client);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QVERIFY2(answer->error().contains("https"), qPrintable(answer->error()));
    }

    // A newer fetch replaces the one under way: only its done is called.
    void aNewerFetchReplacesTheOld()
    {
        const quint16 port = freePort();
        TokenClient client(
            ServerAccount { QUrl(QString("http://127.0.0.1:%1").arg(port)), "carol", "secret-carol" });
        client.setBackoff(std::chrono::milliseconds(50), std::chrono::milliseconds(50));
        int oldAnswers = 0;
        client.fetch([&oldAnswers](const Result<Token::IssuedToken> &) { ++oldAnswers; });
        std::optional<Result<Token::IssuedToken>> answer;
        client.fetch([&answer](Result<Token::IssuedToken> token) { answer = std::move(token); });
        Server::WebhookServer server(m_database, settings(port));
        QVERIFY(server.start());
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
        QVERIFY(*answer);
        QCOMPARE(oldAnswers, 0);
    }
};

QTEST_GUILESS_MAIN(TestTokenClient)
#include "TestTokenClient.moc"
