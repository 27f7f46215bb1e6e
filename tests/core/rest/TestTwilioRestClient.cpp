#include "core/config/TwilioAccount.h"
#include "core/rest/TwilioRestClient.h"
#include "tests/support/AnswerOf.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using Rest::ApiAccess;
using Rest::ApiReply;
using Rest::TwilioRestClient;

namespace {

const char accountSid[] = "AC0123456789abcdef0123456789abcdef";
const char apiKeySid[] = "SK0123456789abcdef0123456789abcdef";

Config::TwilioAccount account()
{
    Config::TwilioAccount result;
    result.accountSid = accountSid;
    result.authToken = "auth-token";
    result.apiKeySid = apiKeySid;
    result.apiKeySecret = "key-secret";
    return result;
}

QProcessEnvironment environmentWithApiUrl(const QString &url)
{
    QProcessEnvironment environment;
    environment.insert("SWITCHBOARD_TWILIO_API_URL", url);
    return environment;
}

ApiAccess accessTo(const ScriptedHttpServer &server)
{
    auto access = ApiAccess::forAccount(account(), environmentWithApiUrl(server.baseUrl()));
    return *access;
}

// Short waits, so that retries take milliseconds.
Rest::RetryPolicy quickPolicy()
{
    Rest::RetryPolicy policy;
    policy.firstWait = std::chrono::milliseconds(10);
    policy.longestWait = std::chrono::milliseconds(40);
    policy.transferTimeout = std::chrono::milliseconds(2000);
    return policy;
}

std::optional<ApiReply> fetch(TwilioRestClient &client, const QString &resource)
{
    return answerOf<ApiReply>(
        [&](auto done) { client.fetch(resource, "fetch " + resource, std::move(done)); });
}

// JSON written with single quotes, which moc reads more happily than raw string literals.
QByteArray quoted(const char *json)
{
    return QByteArray(json).replace('\'', '"');
}

QByteArray accountPath()
{
    return QByteArray("/2010-04-01/Accounts/") + accountSid + '/';
}

} // namespace

// The REST client's behaviour that Twilio's API description cannot show: credentials, retries, Retry-After,
// paging, timeouts, redirects and error sentences, against a scripted server. Its requests against the
// description itself: TestTwilioApiConformance.
class TestTwilioRestClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefersTheApiKeyAndSignsEachRequestWithIt()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(200, quoted("{'sid':'RE1'}"));
        TwilioRestClient client(accessTo(server));
        const auto reply = fetch(client, "Recordings/RE1.json");
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->json().value("sid").toString(), QString("RE1"));
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests[0].method, QByteArray("GET"));
        QCOMPARE(server.requests[0].target, accountPath() + "Recordings/RE1.json");
        QCOMPARE(server.requests[0].headers.value("authorization"),
                 "Basic " + (QByteArray(apiKeySid) + ":key-secret").toBase64());
    }

    void fallsBackToTheAuthTokenWithoutAnApiKey()
    {
        Config::TwilioAccount withoutKey = account();
        withoutKey.apiKeySid.clear();
        withoutKey.apiKeySecret.clear();
        const auto access = ApiAccess::forAccount(withoutKey, QProcessEnvironment());
        QVERIFY2(access, qPrintable(access.error()));
        QCOMPARE(access->user, QString(accountSid));
        QCOMPARE(access->secret, QByteArray("auth-token"));
        QCOMPARE(access->baseUrl, QUrl("https://api.twilio.com"));

        withoutKey.authToken.clear();
        const auto none = ApiAccess::forAccount(withoutKey, QProcessEnvironment());
        QVERIFY(!none);
        QVERIFY2(none.error().contains("TWILIO_API_KEY"), qPrintable(none.error()));
    }

    void refusesABaseUrlThatWouldExposeTheCredentials_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem");
        QTest::newRow("http elsewhere") << "http://api.example.com"
                                        << "must use https";
        QTest::newRow("not a URL") << "api.twilio.com"
                                   << "not an http or https URL";
        QTest::newRow("user info") << "https://user:pw@api.example.com"
                                   << "no user name";
        QTest::newRow("ftp") << "ftp://127.0.0.1"
                             << "not an http or https URL";
    }
    void refusesABaseUrlThatWouldExposeTheCredentials()
    {
        QFETCH(QString, url);
        QFETCH(QString, problem);
        const auto access = ApiAccess::forAccount(account(), environmentWithApiUrl(url));
        QVERIFY(!access);
        QVERIFY2(access.error().contains(problem), qPrintable(access.error()));
        QVERIFY2(access.error().contains("SWITCHBOARD_TWILIO_API_URL"), qPrintable(access.error()));
        QVERIFY2(!access.error().contains("pw@"), qPrintable(access.error()));
    }

    void turnsTwiliosErrorIntoASentence()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(
            404,
            quoted("{'code': 20404, 'message': 'The requested resource "
                   "/2010-04-01/Accounts/AC…/Recordings/RE9.json was not found', 'more_info': "
                   "'https://www.twilio.com/docs/errors/20404', 'status': 404}"));
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        const auto reply = fetch(client, "Recordings/RE9.json");
        QVERIFY(reply);
        QVERIFY(!reply->isOk());
        QCOMPARE(reply->status, 404);
        QCOMPARE(
            reply->problem,
            QString("Twilio refused to fetch Recordings/RE9.json: The requested resource "
                    "/2010-04-01/Accounts/AC…/Recordings/RE9.json was not found (HTTP 404, error 20404). "
                    "More: https://www.twilio.com/docs/errors/20404"));
        QCOMPARE(server.requests.size(), 1); // a 404 is not retried
    }

    void saysWhatToCheckWhenTheCredentialsAreRefused()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(
            401, quoted("{'code': 20003, 'message': 'Authenticate', 'status': 401}"));
        TwilioRestClient client(accessTo(server));
        const auto reply = fetch(client, "Recordings.json");
        QVERIFY(reply);
        QVERIFY2(reply->problem.contains("Authenticate (HTTP 401, error 20003). Check the account SID"),
                 qPrintable(reply->problem));
    }

    void retriesAGetThatMeetsAFailingServer()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(503, "{}") << ScriptedReply::json(500, "{}")
                      << ScriptedReply::json(200, quoted("{'sid':'RE2'}"));
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        const auto reply = fetch(client, "Recordings/RE2.json");
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), 3);
    }

    void givesUpAfterItsAttempts()
    {
        ScriptedHttpServer server;
        for (int i = 0; i < 6; ++i)
            server.script << ScriptedReply::json(502, quoted("{'message': 'Bad gateway'}"));
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        const auto reply = fetch(client, "Recordings.json");
        QVERIFY(reply);
        QCOMPARE(reply->status, 502);
        QVERIFY2(reply->problem.contains("Bad gateway (HTTP 502)"), qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), quickPolicy().attempts);
    }

    void waitsAtLeastAsLongAsRetryAfterSays()
    {
        ScriptedHttpServer server;
        ScriptedReply slowDown
            = ScriptedReply::json(429, quoted("{'code': 20429, 'message': 'Too Many Requests'}"));
        slowDown.headers << qMakePair(QByteArray("Retry-After"), QByteArray("1"));
        server.script << slowDown << ScriptedReply::json(200, "{}");
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        QElapsedTimer elapsed;
        elapsed.start();
        const auto reply = fetch(client, "Recordings.json");
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), 2);
        // The policy's own wait is 10 ms; only Retry-After makes it a second.
        QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));
    }

    void endsAtOnceWhenRetryAfterIsBeyondItsPatience()
    {
        ScriptedHttpServer server;
        ScriptedReply slowDown
            = ScriptedReply::json(429, quoted("{'code': 20429, 'message': 'Too Many Requests'}"));
        slowDown.headers << qMakePair(QByteArray("Retry-After"), QByteArray("3600"));
        server.script << slowDown;
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        const auto reply = fetch(client, "Recordings.json");
        QVERIFY(reply);
        QCOMPARE(reply->status, 429);
        QVERIFY2(reply->problem.endsWith("Twilio asks to wait 3600 s before trying again."),
                 qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), 1);
    }

    void retriesACreationOnlyWhenTurnedAway()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(429, "{}") << ScriptedReply::json(503, "{}");
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        QUrlQuery form;
        form.addQueryItem("FriendlyName", "Front desk + night");
        const auto reply = answerOf<ApiReply>(
            [&](auto done) { client.create("Keys.json", form, "create an API key", std::move(done)); });
        QVERIFY(reply);
        // The 429 was retried; the 503 might have created the key, so it is not.
        QCOMPARE(reply->status, 503);
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests[1].method, QByteArray("POST"));
        QCOMPARE(server.requests[1].headers.value("content-type"),
                 QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(server.requests[1].body, QByteArray("FriendlyName=Front%20desk%20%2B%20night"));
    }

    void countsA404AfterAnUnansweredDeleteAsDone()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(500, "{}")
                      << ScriptedReply::json(404, quoted("{'code': 20404, 'message': 'gone'}"));
        TwilioRestClient client(accessTo(server));
        client.setRetryPolicy(quickPolicy());
        const auto reply = answerOf<ApiReply>([&](auto done) {
            client.remove("Recordings/RE3.json", "delete recording RE3", std::move(done));
        });
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests[0].method, QByteArray("DELETE"));
    }

    void endsAnAttemptThatHearsNothing()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::hang() << ScriptedReply::hang();
        TwilioRestClient client(accessTo(server));
        Rest::RetryPolicy policy = quickPolicy();
        policy.attempts = 2;
        policy.transferTimeout = std::chrono::milliseconds(300);
        client.setRetryPolicy(policy);
        const auto reply = fetch(client, "Recordings.json");
        QVERIFY(reply);
        QCOMPARE(reply->status, 0);
        QVERIFY2(reply->problem.startsWith(
                     "Twilio's API at 127.0.0.1 could not be reached to fetch Recordings.json"),
                 qPrintable(reply->problem));
        QCOMPARE(server.requests.size(), 2);
    }

    void readsAListPageAfterPage()
    {
        ScriptedHttpServer server;
        const QByteArray next = accountPath() + "Recordings.json?PageSize=2&Page=1&PageToken=PAxyz";
        server.script << ScriptedReply::json(
            200,
            quoted("{'recordings': [{'sid': 'RE1'}, {'sid': 'RE2'}], 'next_page_uri': '") + next
                + quoted("'}"))
                      << ScriptedReply::json(
                             200, quoted("{'recordings': [{'sid': 'RE3'}], 'next_page_uri': null}"));
        TwilioRestClient client(accessTo(server));
        QUrlQuery query;
        query.addQueryItem("PageSize", "2");
        const auto list = answerOf<Result<QJsonArray>>([&](auto done) {
            client.fetchAll("Recordings.json", "recordings", "list recordings", std::move(done), query);
        });
        QVERIFY(list);
        QVERIFY2(*list, qPrintable(list->error()));
        QCOMPARE((*list)->size(), 3);
        QCOMPARE((*list)->at(2).toObject().value("sid").toString(), QString("RE3"));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests[0].target, accountPath() + "Recordings.json?PageSize=2");
        QCOMPARE(server.requests[1].target, next);
    }

    void stopsAtMaxItems()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(
            200,
            quoted("{'recordings': [{'sid': 'RE1'}, {'sid': 'RE2'}], 'next_page_uri': "
                   "'/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings.json?Page=1'}"));
        TwilioRestClient client(accessTo(server));
        const auto list = answerOf<Result<QJsonArray>>([&](auto done) {
            client.fetchAll("Recordings.json", "recordings", "list recordings", std::move(done), {}, 1);
        });
        QVERIFY(list);
        QVERIFY2(*list, qPrintable(list->error()));
        QCOMPARE((*list)->size(), 1);
        QCOMPARE(server.requests.size(), 1);
    }

    void neverFollowsANextPageOutsideTheAccount_data()
    {
        QTest::addColumn<QString>("next");
        QTest::newRow("another account")
            << "/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Recordings.json?Page=1";
        QTest::newRow("another host") << "https://attacker.example/2010-04-01/Accounts/"
                                         "AC0123456789abcdef0123456789abcdef/Recordings.json";
        QTest::newRow("climbing out")
            << "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/../../Keys.json";
    }
    void neverFollowsANextPageOutsideTheAccount()
    {
        QFETCH(QString, next);
        ScriptedHttpServer server;
        server.script << ScriptedReply::json(200,
                                             quoted("{'recordings': [{'sid': 'RE1'}], 'next_page_uri': '")
                                                 + next.toUtf8() + quoted("'}"));
        TwilioRestClient client(accessTo(server));
        const auto list = answerOf<Result<QJsonArray>>([&](auto done) {
            client.fetchAll("Recordings.json", "recordings", "list recordings", std::move(done));
        });
        QVERIFY(list);
        QVERIFY(!*list);
        QVERIFY2(list->error().contains("outside the account"), qPrintable(list->error()));
        QCOMPARE(server.requests.size(), 1);
    }

    void followsMediaElsewhereWithoutTheCredentials()
    {
        ScriptedHttpServer api;
        ScriptedHttpServer storage;
        ScriptedReply moved { 302,
                              {},
                              { { "Location",
                                  storage.baseUrl("localhost").toUtf8() + "/media/RE4.wav?sig=abc" } },
                              false };
        api.script << moved;
        storage.script << ScriptedReply { 200, "RIFF....WAVE", { { "Content-Type", "audio/x-wav" } }, false };
        TwilioRestClient client(accessTo(api));
        const auto reply = fetch(client, "Recordings/RE4.wav");
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->body, QByteArray("RIFF....WAVE"));
        QCOMPARE(reply->contentType, QByteArray("audio/x-wav"));
        QVERIFY(api.requests[0].headers.contains("authorization"));
        QCOMPARE(storage.requests.size(), 1);
        QCOMPARE(storage.requests[0].target, QByteArray("/media/RE4.wav?sig=abc"));
        QVERIFY(!storage.requests[0].headers.contains("authorization"));
    }

    void abortsWhatIsUnderWayWhenDeleted()
    {
        ScriptedHttpServer server;
        server.script << ScriptedReply::hang();
        bool called = false;
        {
            TwilioRestClient client(accessTo(server));
            client.fetch("Recordings.json", "list recordings",
                         [&called](const ApiReply &) { called = true; });
            QTRY_COMPARE(server.requests.size(), 1);
        }
        QTest::qWait(50);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestTwilioRestClient)
#include "TestTwilioRestClient.moc"
