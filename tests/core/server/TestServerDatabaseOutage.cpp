// WebhookServer when its database stops answering: /healthz and /token say so in a sentence of their own and
// never pass on the database's reason (host, port, user, the driver's wording), which only the log gets.
// PostgreSQL (the postgres ctest fixture), reached through a relay that the test cuts, as a network would.

#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/StoreTestDatabase.h"
#include "tests/support/TestWebhookRequest.h"
#include "tests/support/ThreadRunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

// Forwards every connection to the real server, in a thread of its own, until cut() closes all of them and
// stops listening: the database is then unreachable, and stays so.
class DatabaseRelay : public ThreadRunner
{
public:
    explicit DatabaseRelay(quint16 target)
        : m_target(target)
    {
        QObject::connect(&m_listener, &QTcpServer::newConnection, this, &DatabaseRelay::relayNext);
    }

    quint16 listen()
    {
        m_listener.listen(QHostAddress::LocalHost, 0);
        return m_listener.serverPort();
    }

    void cut()
    {
        m_listener.close();
        for (QTcpSocket *socket : findChildren<QTcpSocket *>())
            socket->abort();
    }

private:
    void relayNext()
    {
        while (QTcpSocket *client = m_listener.nextPendingConnection()) {
            client->setParent(this);
            auto *server = new QTcpSocket(this);
            server->connectToHost(QHostAddress::LocalHost, m_target);
            pipe(client, server);
            pipe(server, client);
        }
    }

    static void pipe(QTcpSocket *from, QTcpSocket *to)
    {
        QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] { to->write(from->readAll()); });
        QObject::connect(from, &QTcpSocket::disconnected, to, &QTcpSocket::disconnectFromHost);
    }

    QTcpServer m_listener;
    quint16 m_target;
};

} // namespace

class TestServerDatabaseOutage : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestServerDatabaseOutage") };
    QThread m_relayThread;
    DatabaseRelay *m_relay = nullptr;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    quint16 m_port = 0;

    QByteArray exchange(const QByteArray &request)
    {
        RawClient client(m_port);
        client.send(request);
        return client.nextResponse();
    }

    // What the database's reason would quote: none of it may reach a caller.
    void verifyNoDatabaseReason(const QByteArray &response, quint16 relayPort)
    {
        const QByteArray body = bodyOf(response).toLower();
        for (const QByteArray &leak :
             { QByteArray("connect"), QByteArray("server"), QByteArray("postgres"), QByteArray("socket"),
               QByteArray("127.0.0.1"), QByteArray::number(relayPort) })
            QVERIFY2(!body.contains(leak), response.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_store.isPostgres(), "needs SWITCHBOARD_TEST_POSTGRES (the postgres ctest fixture)");
        const QString problem = m_store.setUp();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_relayThread.start();
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_database.reset();
        m_relayThread.quit();
        m_relayThread.wait();
        delete m_relay;
        m_store.tearDown();
    }

    void healthAndTokenHideTheDatabasesReason()
    {
        const auto real = m_store.freshLocation();
        QVERIFY2(real, qPrintable(real.error()));
        m_relay = new DatabaseRelay(real->port());
        m_relay->moveToThread(&m_relayThread);
        quint16 relayPort = 0;
        QVERIFY(m_relay->runAndWait([this, &relayPort] { relayPort = m_relay->listen(); }));
        QVERIFY(relayPort != 0);
        const auto relayed = Store::DatabaseLocation::parse(
            QStringLiteral("postgresql://%1@127.0.0.1:%2/%3")
                .arg(real->userName(), QString::number(relayPort), real->databaseName()));
        QVERIFY2(relayed, qPrintable(relayed.error()));
        auto opened = Store::Database::open(*relayed);
        QVERIFY2(opened, qPrintable(opened.error()));
        m_database = *opened;
        QVERIFY(Store::ClientStore(m_database).add("alice", "alice-secret"));

        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = QStringLiteral("https://switchboard.example.com");
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_port = *port;
        QCOMPARE(statusOf(exchange("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")), 200);

        QVERIFY(m_relay->runAndWait([this] { m_relay->cut(); }));

        const QByteArray health = exchange("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QCOMPARE(statusOf(health), 503);
        QCOMPARE(QJsonDocument::fromJson(bodyOf(health)).object(),
                 QJsonObject({ { "status", "degraded" }, { "database", "unavailable" } }));
        verifyNoDatabaseReason(health, relayPort);

        const QByteArray token = exchange(testTokenRequest("alice", "alice-secret"));
        QCOMPARE(statusOf(token), 503);
        QVERIFY(!headerOf(token, "Retry-After").isEmpty());
        QVERIFY2(bodyOf(token).contains("credentials cannot be checked right now"), token.constData());
        verifyNoDatabaseReason(token, relayPort);
    }
};

QTEST_GUILESS_MAIN(TestServerDatabaseOutage)
#include "TestServerDatabaseOutage.moc"
