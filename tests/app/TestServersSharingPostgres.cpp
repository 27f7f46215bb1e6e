// Several servers, one PostgreSQL, as a team runs them behind a load balancer: two real
// `switchboard-server serve` processes on one database, started at the same moment on an empty schema. A
// simulated call goes through a proxy that hands its webhooks and status callbacks to the two by turns,
// retries every status callback at once on the other server (racing the first delivery), holds the first
// one back until the call has ended (an old status arriving after the final one), and retries them all
// again after the call, newest first. The call log must end exactly as one server leaves it for the same
// requests in order: one row, the same status, outcome, duration and events.

#include "core/routing/WebhookPaths.h"
#include "core/server/ApiPaths.h"
#include "core/simulator/CallSimulator.h"
#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/StoreTestDatabase.h"
#include "tests/support/TestWebhookRequest.h"

#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <csignal>
#include <functional>
#include <memory>

using Simulator::SimulatedCall;

namespace {

const QByteArray authToken = "shared-auth-token";
const QString publicUrl = QStringLiteral("https://switchboard.example.com");
const QString number = QStringLiteral("+815031234567");
const QString caller = QStringLiteral("+819012345678");

// Sends one HTTP request to the server on port, on a connection of its own, and calls done with the whole
// response, or with nothing if none came.
void exchange(quint16 port, const QByteArray &request, QObject *context,
              const std::function<void(const QByteArray &)> &done)
{
    auto *socket = new QTcpSocket(context);
    auto received = std::make_shared<QByteArray>();
    const auto finish = [socket, received, done](bool complete) {
        socket->disconnect();
        socket->deleteLater();
        done(complete ? *received : QByteArray());
    };
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request] { socket->write(request); });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, received, finish] {
        *received += socket->readAll();
        if (completeResponseLength(*received) >= 0) // heads and Content-Length bodies, as requests have
            finish(true);
    });
    QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [finish] { finish(false); });
    socket->connectToHost(QHostAddress::LocalHost, port);
}

QByteArray pathOf(const QByteArray &request)
{
    return request.mid(request.indexOf(' ') + 1, request.indexOf(" HTTP/") - request.indexOf(' ') - 1);
}

// The proxy in front of the servers. Requests go to them by turns; status callbacks are also sent to the
// other server at the same time, as a retry racing the first delivery, except the first one, which it
// acknowledges itself and delivers only when told. It keeps what it forwarded, in order, with the server
// each request went to first.
class TakingTurnsProxy : public QObject
{
public:
    struct Forwarded
    {
        int server = 0;
        QByteArray request;
    };

    explicit TakingTurnsProxy(QList<quint16> servers)
        : m_servers(std::move(servers))
    {
        m_listener.listen(QHostAddress::LocalHost, 0);
        connect(&m_listener, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_listener.nextPendingConnection())
                serve(socket);
        });
    }

    quint16 port() const { return m_listener.serverPort(); }
    const QList<Forwarded> &forwarded() const { return m_forwarded; }
    // The HTTP statuses the retries were answered with, as they came.
    const QList<int> &retryAnswers() const { return m_retryAnswers; }

    // The status callback held back, to the server whose turn it was.
    void deliverHeldBack()
    {
        QVERIFY(m_heldBack >= 0);
        bool answered = false;
        const Forwarded &held = m_forwarded.at(m_heldBack);
        retry(held.server, held.request, [&answered] { answered = true; });
        QVERIFY(QTest::qWaitFor([&answered] { return answered; }, 10000));
    }

    // Every status callback again, newest first, each to the server it did not go to first: Twilio's
    // retries arriving late and out of order.
    void retryStatusCallbacksNewestFirst()
    {
        for (auto it = m_forwarded.crbegin(); it != m_forwarded.crend(); ++it) {
            if (pathOf(it->request) != Routing::WebhookPaths::status().toLatin1())
                continue;
            bool answered = false;
            retry(1 - it->server, it->request, [&answered] { answered = true; });
            QVERIFY(QTest::qWaitFor([&answered] { return answered; }, 10000));
        }
    }

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            for (qsizetype length = completeResponseLength(*buffer); length >= 0;
                 length = completeResponseLength(*buffer)) {
                forward(socket, buffer->left(length));
                buffer->remove(0, length);
            }
        });
    }

    void forward(QTcpSocket *client, const QByteArray &request)
    {
        const int server = m_turn++ % 2;
        m_forwarded.append({ server, request });
        const bool isStatusCallback = pathOf(request) == Routing::WebhookPaths::status().toLatin1();
        if (isStatusCallback && m_heldBack < 0) {
            m_heldBack = int(m_forwarded.size()) - 1;
            client->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        exchange(m_servers.at(server), request, this,
                 [client = QPointer<QTcpSocket>(client)](const QByteArray &response) {
                     if (client)
                         client->write(response.isEmpty() ? QByteArray("HTTP/1.1 502 Bad Gateway\r\n"
                                                                       "Content-Length: 0\r\n\r\n")
                                                          : response);
                 });
        if (isStatusCallback)
            retry(1 - server, request, [] {});
    }

    void retry(int server, const QByteArray &request, const std::function<void()> &then)
    {
        exchange(m_servers.at(server), request, this, [this, then](const QByteArray &response) {
            m_retryAnswers.append(statusOf(response));
            then();
        });
    }

    QTcpServer m_listener;
    QList<quint16> m_servers;
    int m_turn = 0;
    int m_heldBack = -1; // index in m_forwarded
    QList<Forwarded> m_forwarded;
    QList<int> m_retryAnswers;
};

// carol's phone: answers after half a second and hangs up after two, in simulated time.
class AnsweringPhone : public Simulator::ClientDevice
{
public:
    explicit AnsweringPhone(double timeScale)
        : m_timeScale(timeScale)
    { }

    void ring(SimulatedCall *call, const QString &) override
    {
        QTimer::singleShot(real(500), call, [this, call] {
            call->answer();
            QTimer::singleShot(real(2000), call, [call] { call->hangUp(); });
        });
    }

private:
    int real(int simulatedMs) const { return int(simulatedMs / m_timeScale); }

    double m_timeScale;
};

// The request again with another CallSid, signed anew, for the single server to see the same call.
QByteArray withCallSid(const QByteArray &request, const QString &callSid)
{
    QList<QPair<QString, QString>> parameters;
    for (const auto &[name, value] :
         QUrlQuery(QString::fromLatin1(bodyOf(request))).queryItems(QUrl::FullyDecoded)) {
        parameters.append({ name, name == QLatin1String("CallSid") ? callSid : value });
    }
    return testSignedWebhook(authToken, publicUrl, QString::fromLatin1(pathOf(request)), parameters);
}

} // namespace

class TestServersSharingPostgres : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestServersSharingPostgres") };
    QString m_database;
    QProcessEnvironment m_environment;
    QProcess m_servers[2];
    QByteArray m_logs[2];
    quint16 m_ports[2] = { 0, 0 };

    QByteArray command(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(SWITCHBOARD_SERVER_EXECUTABLE, arguments + QStringList { "--database", m_database });
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            return "failed: " + process.readAllStandardError();
        return process.readAllStandardOutput();
    }

    static QList<QPair<int, QString>> eventsOf(const std::shared_ptr<Store::Database> &database,
                                               const QString &callSid)
    {
        const auto rows = StoreTestDatabase::rawQuery(
            database->location(),
            QStringLiteral("SELECT sequence || ' ' || status FROM call_events WHERE call_sid = '%1'"
                           " ORDER BY sequence, status")
                .arg(callSid));
        QList<QPair<int, QString>> events;
        for (const QVariant &row : rows ? *rows : QVariantList {}) {
            const QStringList parts = row.toString().split(u' ');
            events.append({ parts.value(0).toInt(), parts.value(1) });
        }
        return events;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_store.isPostgres(), "SWITCHBOARD_TEST_POSTGRES must name the throwaway PostgreSQL server");
        m_store.setUpTestCase();
        const auto database = m_store.freshDatabaseArgument();
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;

        m_environment.insert("PATH", qEnvironmentVariable("PATH"));
        for (const char *sanitizer : { "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS" }) {
            if (qEnvironmentVariableIsSet(sanitizer))
                m_environment.insert(sanitizer, qEnvironmentVariable(sanitizer));
        }
        m_environment.insert("TWILIO_ACCOUNT_SID", "AC" + QString(32, u'a'));
        m_environment.insert("TWILIO_AUTH_TOKEN", authToken);
        m_environment.insert("TWILIO_API_KEY", "SK" + QString(32, u'b'));
        m_environment.insert("TWILIO_API_SECRET", "shared-api-secret");
        m_environment.insert("TWILIO_TWIML_APP_SID", "AP" + QString(32, u'c'));

        // Both at once on an empty schema: they must agree on who migrates it.
        for (int i = 0; i < 2; ++i) {
            m_servers[i].setProcessEnvironment(m_environment);
            connect(&m_servers[i], &QProcess::readyReadStandardError, this,
                    [this, i] { m_logs[i] += m_servers[i].readAllStandardError(); });
            m_servers[i].start(
                SWITCHBOARD_SERVER_EXECUTABLE,
                { "serve", "--database", m_database, "--listen", "127.0.0.1:0", "--public-url", publicUrl });
        }
        for (QProcess &server : m_servers)
            QVERIFY(server.waitForStarted(10000));
        static const QRegularExpression listening(QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
        for (int i = 0; i < 2; ++i) {
            QTRY_VERIFY2_WITH_TIMEOUT(listening.match(QString::fromUtf8(m_logs[i])).hasMatch()
                                          || m_servers[i].state() != QProcess::Running,
                                      m_logs[i].constData(), 60000);
            QVERIFY2(m_servers[i].state() == QProcess::Running, m_logs[i].constData());
            m_ports[i] = quint16(listening.match(QString::fromUtf8(m_logs[i])).captured(1).toUInt());
        }

        QVERIFY(!command({ "client", "add", "carol" }, "secret-carol\n").startsWith("failed"));
        QVERIFY(!command({ "number", "add", number, "carol" }).startsWith("failed"));
    }

    void cleanupTestCase()
    {
        for (QProcess &server : m_servers) {
            if (server.state() == QProcess::NotRunning)
                continue;
            ::kill(pid_t(server.processId()), SIGTERM);
            if (!server.waitForFinished(30000))
                server.kill();
        }
        for (const QByteArray &log : m_logs) // nothing but request and start-up lines
            QVERIFY2(!log.contains("warning") && !log.contains("critical"), log.constData());
        m_store.tearDown();
    }

    void eitherServerIssuesTokens()
    {
        for (const quint16 port : m_ports) {
            RawClient client(port);
            client.send(testTokenRequest("carol", "secret-carol"));
            const QByteArray response = client.nextResponse();
            QCOMPARE(statusOf(response), 200);
            QVERIFY2(bodyOf(response).contains("\"token\""), response.constData());
        }
    }

    void aCallTakingTurnsEndsAsOnOneServer()
    {
        const double timeScale = 10;
        TakingTurnsProxy proxy({ m_ports[0], m_ports[1] });
        AnsweringPhone phone(timeScale);
        Simulator::SimulatorSettings settings;
        settings.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        settings.publicBaseUrl = publicUrl;
        settings.authToken = authToken;
        settings.timeScale = timeScale;
        Simulator::CallSimulator simulator(settings, &phone);
        SimulatedCall *call = simulator.placeIncoming(caller, number);
        QSignalSpy finished(call, &SimulatedCall::finished);
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.constFirst().constFirst().value<Simulator::CallOutcome>();
        QVERIFY2(outcome.problems.isEmpty(), qPrintable(outcome.problems.join(u'\n')));
        QCOMPARE(outcome.status, QStringLiteral("completed"));
        QCOMPARE(outcome.result, Store::CallResult::Answered);

        // Both servers took part, in webhooks and in status callbacks, and every retry was accepted.
        QSet<int> webhookServers;
        QSet<int> callbackServers;
        for (const auto &forwarded : proxy.forwarded()) {
            (pathOf(forwarded.request) == Routing::WebhookPaths::status().toLatin1() ? callbackServers
                                                                                     : webhookServers)
                .insert(forwarded.server);
        }
        QCOMPARE(webhookServers.size(), 2);
        QCOMPARE(callbackServers.size(), 2);
        proxy.deliverHeldBack();
        proxy.retryStatusCallbacksNewestFirst();
        QVERIFY(!proxy.retryAnswers().isEmpty());
        for (const int answer : proxy.retryAnswers())
            QVERIFY2(answer == 200 || answer == 204, qPrintable(QString::number(answer)));

        // The same requests, once each and in order, to one server, as the call with another SID.
        const QString reference = QStringLiteral("CA") + QString(32, u'f');
        for (const auto &forwarded : proxy.forwarded()) {
            RawClient client(m_ports[0]);
            client.send(withCallSid(forwarded.request, reference));
            const int answer = statusOf(client.nextResponse(10000));
            QVERIFY2(answer == 200 || answer == 204, qPrintable(QString::number(answer)));
        }

        const auto location = Store::DatabaseLocation::parse(m_database);
        QVERIFY(location);
        const auto database = Store::Database::open(*location);
        QVERIFY2(database, qPrintable(database.error()));
        const Store::CallLog log(*database);
        const auto shared = log.find(call->callSid());
        const auto single = log.find(reference);
        QVERIFY(shared && single);
        QCOMPARE(shared->status, QStringLiteral("completed"));
        QCOMPARE(shared->status, single->status);
        QCOMPARE(shared->outcome, single->outcome);
        QCOMPARE(shared->duration, single->duration);
        QCOMPARE(shared->direction, single->direction);
        QCOMPARE(shared->from, single->from);
        QCOMPARE(shared->to, single->to);
        QCOMPARE(shared->clientName, QStringLiteral("carol"));
        QCOMPARE(shared->clientName, single->clientName);
        QCOMPARE(shared->lastSequence, single->lastSequence);
        QVERIFY(shared->endedAt.isValid() && single->endedAt.isValid());
        QCOMPARE(eventsOf(*database, call->callSid()), eventsOf(*database, reference));
        QVERIFY(eventsOf(*database, call->callSid()).size() >= 3);
        const auto rows = StoreTestDatabase::rawQuery(
            *location,
            QStringLiteral("SELECT count(*) FROM calls WHERE call_sid = '%1'").arg(call->callSid()));
        QVERIFY(rows);
        QCOMPARE(rows->value(0).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServersSharingPostgres)
#include "TestServersSharingPostgres.moc"
