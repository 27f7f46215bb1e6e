#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/team/CallHistoryClient.h"
#include "tests/support/AnswerOf.h"
#include "tests/support/TestCallEvent.h"

#include <QTemporaryDir>
#include <QTest>

using Team::CallHistoryClient;
using Team::ServerAccount;

// The Recent tab's source in team mode: the signed-in client's calls from a real server's GET /calls.
class TestCallHistoryClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QUrl m_url;

    static std::optional<Result<QList<Store::CallRecord>>> fetch(CallHistoryClient &client, int limit)
    {
        return answerOf<Result<QList<Store::CallRecord>>>(
            [&client, limit](auto done) { client.fetch(limit, std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("history.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("carol", "secret-carol"));
        QVERIFY(Store::ClientStore(m_database).add("dave", "secret-dave"));
        recordTestCall(m_database, "CAold", "incoming", "+819059876543", "client:carol", "carol", "completed",
                       30, 9, Store::CallResult::Answered);
        recordTestCall(m_database, "CAdave", "incoming", "+819011112222", "client:dave", "dave", "completed",
                       5, 8);
        recordTestCall(m_database, "CAnew", "incoming", "+819033334444", "client:carol", "carol", "no-answer",
                       0, 2, Store::CallResult::Missed);
        Server::ServerSettings settings;
        settings.port = 0;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_url = QUrl(QString("http://127.0.0.1:%1").arg(*port));
    }

    void cleanupTestCase() { m_server.reset(); }

    void readsTheClientsOwnCalls()
    {
        CallHistoryClient client(ServerAccount { m_url, "carol", "secret-carol" });
        const auto answer = fetch(client, 50);
        QVERIFY(answer);
        QVERIFY2(*answer, qPrintable(answer->error()));
        const QList<Store::CallRecord> &calls = **answer;
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).callSid, QString("CAnew"));
        QCOMPARE(calls.at(0).outcome, Store::CallResult::Missed);
        QCOMPARE(calls.at(0).from, QString("+819033334444"));
        QCOMPARE(calls.at(1).callSid, QString("CAold"));
        QCOMPARE(calls.at(1).duration, 30);

        const auto one = fetch(client, 1);
        QVERIFY(one && *one);
        QCOMPARE((*one)->size(), 1);
    }

    void aRefusalIsASentence()
    {
        CallHistoryClient client(ServerAccount { m_url, "carol", "secret-dave" });
        const auto answer = fetch(client, 50);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QVERIFY2(answer->error().contains("refused client carol"), qPrintable(answer->error()));
    }

    void anUnreachableServerIsASentence()
    {
        CallHistoryClient client(ServerAccount { QUrl("http://127.0.0.1:1"), "carol", "secret-carol" });
        const auto answer = fetch(client, 50);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QVERIFY2(answer->error().contains("cannot be reached"), qPrintable(answer->error()));
    }
};

QTEST_GUILESS_MAIN(TestCallHistoryClient)
#include "TestCallHistoryClient.moc"
