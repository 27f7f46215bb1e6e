#include "core/server/ApiPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/CallLog.h"
#include "core/store/CallRecordJson.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/TestCallEvent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// GET /calls, as a phone in team mode calls it: over HTTP, against a real server and call log.
class TestCallsEndpoint : public QObject
{
    Q_OBJECT

    struct Answer
    {
        int status = 0;
        QJsonObject json;
        QByteArray cacheControl;
        QByteArray authenticate;
        QJsonArray calls() const { return json.value("calls").toArray(); }
    };

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    QNetworkAccessManager m_network;
    QUrl m_base;

    Answer get(const QString &pathAndQuery, const QByteArray &user = "carol",
               const QByteArray &secret = "secret-carol", const QByteArray &method = "GET")
    {
        QNetworkRequest request(m_base.resolved(QUrl(pathAndQuery)));
        if (!user.isEmpty())
            request.setRawHeader("Authorization", "Basic " + (user + ':' + secret).toBase64());
        QNetworkReply *reply = m_network.sendCustomRequest(request, method);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            qWarning() << "no answer for" << pathAndQuery;
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        answer.cacheControl = reply->rawHeader("Cache-Control");
        answer.authenticate = reply->rawHeader("WWW-Authenticate");
        reply->deleteLater();
        return answer;
    }

    static QStringList sids(const QJsonArray &calls)
    {
        QStringList result;
        for (const QJsonValue &call : calls)
            result.append(call.toObject().value("callSid").toString());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("calls.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Store::ClientStore clients(m_database);
        QVERIFY(clients.add("carol", "secret-carol"));
        QVERIFY(clients.add("dave", "secret-dave"));
        // Five calls of carol's, a minute apart (CA5 the newest), and one of dave's in between.
        for (int n = 1; n <= 5; ++n)
            recordTestCall(m_database, QString("CA%1").arg(n), "inbound", "+819059876543", "client:carol",
                           "carol", "completed", 10 * n, 10 - n, Store::CallResult::Answered);
        recordTestCall(m_database, "CAdave", "outbound-api", "client:dave", "+815031234567", "dave",
                       "completed", 30, 7);

        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = "https://switchboard.example.com";
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_base = QUrl(QString("http://127.0.0.1:%1").arg(*port));
    }

    void cleanupTestCase() { m_server.reset(); }

    void aClientSeesItsOwnCallsOnly()
    {
        const Answer carol = get(Server::ApiPaths::calls());
        QCOMPARE(carol.status, 200);
        QCOMPARE(sids(carol.calls()), QStringList({ "CA5", "CA4", "CA3", "CA2", "CA1" }));
        QVERIFY(!carol.json.contains("next"));
        QCOMPARE(carol.cacheControl, QByteArray("no-store"));
        const auto call = Store::CallRecordJson::fromJson(carol.calls().first().toObject());
        QVERIFY2(call, qPrintable(call.error()));
        QCOMPARE(call->from, QString("+819059876543"));
        QCOMPARE(call->clientName, QString("carol"));
        QCOMPARE(call->outcome, Store::CallResult::Answered);
        QCOMPARE(call->duration, 50);

        const Answer dave = get(Server::ApiPaths::calls(), "dave", "secret-dave");
        QCOMPARE(dave.status, 200);
        QCOMPARE(sids(dave.calls()), QStringList({ "CAdave" }));
    }

    void pagesFollowTheNextLink()
    {
        QStringList seen;
        QString next = Server::ApiPaths::calls() + "?limit=2";
        int pages = 0;
        while (!next.isEmpty() && pages < 10) {
            const Answer page = get(next);
            QCOMPARE(page.status, 200);
            QVERIFY(page.calls().size() <= 2);
            seen += sids(page.calls());
            next = page.json.value("next").toString();
            ++pages;
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen, QStringList({ "CA5", "CA4", "CA3", "CA2", "CA1" }));
    }

    void sinceLeavesOutOlderCalls()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-60 * 6 - 30); // CA4 and CA5
        const Answer recent = get(Server::ApiPaths::calls() + "?since=" + since.toString(Qt::ISODateWithMs));
        QCOMPARE(recent.status, 200);
        QCOMPARE(sids(recent.calls()), QStringList({ "CA5", "CA4" }));
    }

    void strangersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("no credentials") << QByteArray() << QByteArray();
        QTest::newRow("wrong secret") << QByteArray("carol") << QByteArray("secret-dave");
        QTest::newRow("unknown client") << QByteArray("mallory") << QByteArray("secret-carol");
    }

    void strangersAreRefused()
    {
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, secret);
        const Answer refused = get(Server::ApiPaths::calls(), user, secret);
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.authenticate.startsWith("Basic "));
        QVERIFY(!refused.json.contains("calls"));
    }

    void badQueriesAreExplained_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("error");
        QTest::newRow("limit 0") << "limit=0"
                                 << "limit takes a whole number from 1 to 200";
        QTest::newRow("limit 201") << "limit=201"
                                   << "limit takes a whole number from 1 to 200";
        QTest::newRow("limit word") << "limit=all"
                                    << "limit takes a whole number";
        QTest::newRow("since without offset") << "since=2026-12-01T09:00:00"
                                              << "ISO 8601 time with its offset";
        QTest::newRow("since word") << "since=yesterday"
                                    << "ISO 8601";
        QTest::newRow("before made up") << "before=CA1"
                                        << "before takes the value of a page's next link";
        QTest::newRow("twice") << "limit=1&limit=2"
                               << "limit is given twice";
        QTest::newRow("unknown") << "client=dave"
                                 << "unknown parameter client";
    }

    void badQueriesAreExplained()
    {
        QFETCH(QString, query);
        QFETCH(QString, error);
        const Answer answer = get(Server::ApiPaths::calls() + '?' + query);
        QCOMPARE(answer.status, 400);
        QVERIFY2(answer.json.value("error").toString().contains(error),
                 qPrintable(answer.json.value("error").toString()));
    }

    void onlyGet()
    {
        const Answer posted = get(Server::ApiPaths::calls(), "carol", "secret-carol", "POST");
        QCOMPARE(posted.status, 405);
    }
};

QTEST_GUILESS_MAIN(TestCallsEndpoint)
#include "TestCallsEndpoint.moc"
