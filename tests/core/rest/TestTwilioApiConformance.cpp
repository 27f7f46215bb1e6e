#include "core/config/TwilioAccount.h"
#include "core/rest/TwilioRestClient.h"
#include "tests/support/AnswerOf.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using Rest::ApiReply;
using Rest::TwilioRestClient;

namespace {

const char recordingSid[] = "RE0123456789abcdef0123456789abcdef";
const char callSid[] = "CA0123456789abcdef0123456789abcdef";

} // namespace

// The REST client's requests, checked by Prism against Twilio's own description of the API
// (twilio_api_v2010.json from @twilio-alpha/mcp; the prism fixture in CMakeLists.txt serves it). Prism
// answers 422 and names the field for a request the description does not allow, so a passing request here
// is one Twilio's API accepts in form: path, credentials, method and form fields.
class TestTwilioApiConformance : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwilioRestClient> m_client;

    std::optional<ApiReply> fetch(const QString &resource)
    {
        return answerOf<ApiReply>(
            [&](auto done) { m_client->fetch(resource, "fetch " + resource, std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile urlFile(qEnvironmentVariable("SWITCHBOARD_TEST_PRISM_URL_FILE"));
        QVERIFY2(urlFile.open(QIODevice::ReadOnly),
                 "SWITCHBOARD_TEST_PRISM_URL_FILE names no file: run this test through ctest, whose prism "
                 "fixture starts Prism");
        const QString url = QString::fromLatin1(urlFile.readAll()).trimmed();
        Config::TwilioAccount account;
        account.accountSid = "AC0123456789abcdef0123456789abcdef";
        account.apiKeySid = "SK0123456789abcdef0123456789abcdef";
        account.apiKeySecret = "key-secret";
        QProcessEnvironment environment;
        environment.insert("SWITCHBOARD_TWILIO_API_URL", url);
        auto access = Rest::ApiAccess::forAccount(account, environment);
        QVERIFY2(access, qPrintable(access.error()));
        m_client = std::make_unique<TwilioRestClient>(*access);
        Rest::RetryPolicy policy;
        policy.attempts = 1; // Prism does not fail; a retry would only hide a slow start
        m_client->setRetryPolicy(policy);
    }

    void fetchesARecording()
    {
        const auto reply = fetch(QString("Recordings/%1.json").arg(recordingSid));
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->json().value("sid").toString().startsWith("RE"));
        QVERIFY(reply->json().contains("duration"));
    }

    void listsRecordingsPageByPage()
    {
        QUrlQuery query;
        query.addQueryItem("PageSize", "20");
        const auto list = answerOf<Result<QJsonArray>>([&](auto done) {
            m_client->fetchAll("Recordings.json", "recordings", "list recordings", std::move(done), query);
        });
        QVERIFY(list);
        QVERIFY2(*list, qPrintable(list->error()));
        QVERIFY(!(*list)->isEmpty());
        QVERIFY((*list)->at(0).toObject().value("sid").toString().startsWith("RE"));
    }

    void listsTheRecordingsOfACall()
    {
        const auto list = answerOf<Result<QJsonArray>>([&](auto done) {
            m_client->fetchAll(QString("Calls/%1/Recordings.json").arg(callSid), "recordings",
                               "list a call's recordings", std::move(done));
        });
        QVERIFY(list);
        QVERIFY2(*list, qPrintable(list->error()));
    }

    void deletesARecording()
    {
        const auto reply = answerOf<ApiReply>([&](auto done) {
            m_client->remove(QString("Recordings/%1.json").arg(recordingSid), "delete recording",
                             std::move(done));
        });
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->status, 204);
    }

    void updatesACallWithFormFields()
    {
        QUrlQuery form;
        form.addQueryItem("Status", "completed");
        const auto reply = answerOf<ApiReply>([&](auto done) {
            m_client->update(QString("Calls/%1.json").arg(callSid), form, "end the call", std::move(done));
        });
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->status, 200);
    }

    void createsWithFormFields()
    {
        QUrlQuery form;
        form.addQueryItem("FriendlyName", "Switchboard + test");
        const auto reply = answerOf<ApiReply>(
            [&](auto done) { m_client->create("Keys.json", form, "create an API key", std::move(done)); });
        QVERIFY(reply);
        QVERIFY2(reply->isOk(), qPrintable(reply->problem));
        QCOMPARE(reply->status, 201);
    }

    // The checks are real: what the description forbids comes back as a sentence naming the field.
    void hearsWhatTheDescriptionForbids()
    {
        const auto badSid = fetch("Recordings/RE12.json");
        QVERIFY(badSid);
        QCOMPARE(badSid->status, 422);
        QVERIFY2(badSid->problem.contains("Request path parameter sid must match pattern"),
                 qPrintable(badSid->problem));

        QUrlQuery form;
        form.addQueryItem("Status", "paused");
        const auto badStatus = answerOf<ApiReply>([&](auto done) {
            m_client->update(QString("Calls/%1.json").arg(callSid), form, "end the call", std::move(done));
        });
        QVERIFY(badStatus);
        QCOMPARE(badStatus->status, 422);
        QVERIFY2(badStatus->problem.startsWith("Twilio refused to end the call: Request body property Status "
                                               "must be equal to one of the allowed values"),
                 qPrintable(badStatus->problem));
    }
};

QTEST_GUILESS_MAIN(TestTwilioApiConformance)
#include "TestTwilioApiConformance.moc"
