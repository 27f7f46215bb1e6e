// Connecting a Twilio account and disconnecting it, against the simulator's account (numbers, TwiML Apps
// and API keys that change), through a Prism proxy that checks every request and every answer against
// Twilio's own description of the API (twilio_api_v2010.json, with the gaps twilio-description-gaps.js
// fills): a request or an answer that breaks it fails the step that made it, and so the test.

#include "core/setup/AccountConnector.h"
#include "core/simulator/AccountResources.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/TwilioChanges.h"
#include "tests/support/SimulatedAccountServer.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString publicUrl = "https://switchboard.example.com";
const QByteArray authToken = "setup-auth-token";
const QString japan1 = "+815031234567";
const QString japan2 = "+815031234568";
const QString us = "+14155550123";

QString sid(const QString &prefix, char digit)
{
    return prefix + QString(32, QLatin1Char(digit));
}

// What a person sees of a number at Twilio: every field but when it changed.
QJsonObject withoutTimes(QJsonObject number)
{
    number.remove("date_updated");
    return number;
}

// What the connector's local steps were asked to keep, as the settings would.
struct Kept
{
    QString keySid;
    QByteArray keySecret;
    QString appSid;
    QList<Setup::NumberChoice> mapped;
    QString refuseMapping; // an E.164 whose mapping fails, as a full disk would
};

} // namespace

class TestAccountSetup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    SimulatedAccountServer m_twilio;
    std::shared_ptr<Simulator::AccountResources> m_account;
    QProcess m_prism;
    QUrl m_apiUrl; // the proxy in front of the server's REST API
    Kept m_kept;

    Rest::ApiAccess access(const QByteArray &token = authToken) const
    {
        Rest::ApiAccess access;
        access.baseUrl = m_apiUrl;
        access.accountSid = sid("AC", '7');
        access.user = access.accountSid;
        access.secret = token;
        return access;
    }

    Setup::AccountConnector::Local local()
    {
        Setup::AccountConnector::Local local;
        local.keepKey = [this](const QString &sid, const QByteArray &secret) -> Result<void> {
            m_kept.keySid = sid;
            m_kept.keySecret = secret;
            return {};
        };
        local.dropKey = [this](const QString &sid) -> Result<void> {
            if (m_kept.keySid == sid)
                m_kept.keySid.clear();
            return {};
        };
        local.keepApp = [this](const QString &sid) -> Result<void> {
            m_kept.appSid = sid;
            return {};
        };
        local.dropApp = [this](const QString &sid) -> Result<void> {
            if (m_kept.appSid == sid)
                m_kept.appSid.clear();
            return {};
        };
        local.mapNumber = [this](const Setup::NumberChoice &choice) -> Result<bool> {
            if (choice.e164 == m_kept.refuseMapping)
                return Failure("the disk is full");
            const bool known
                = std::any_of(m_kept.mapped.cbegin(), m_kept.mapped.cend(),
                              [&](const Setup::NumberChoice &kept) { return kept.e164 == choice.e164; });
            if (!known)
                m_kept.mapped.append(choice);
            return !known;
        };
        return local;
    }

    Setup::AccountConnector::Known known() const { return { m_kept.appSid, m_kept.keySid }; }

    Result<Setup::AccountLook> look(Setup::AccountConnector &connector)
    {
        std::optional<Result<Setup::AccountLook>> answer;
        connector.look(known(), [&](Result<Setup::AccountLook> found) { answer = std::move(found); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return Failure("no answer within 30 s");
        return std::move(*answer);
    }

    Setup::SetupReport apply(Setup::AccountConnector &connector, const Setup::SetupPlan &plan)
    {
        std::optional<Setup::SetupReport> report;
        connector.apply(plan, local(), [&](Setup::SetupReport done) { report = std::move(done); });
        if (!QTest::qWaitFor([&] { return report.has_value(); }, 30000))
            return { {}, { "no answer within 30 s" } };
        return *report;
    }

    Setup::SetupReport disconnect(Setup::AccountConnector &connector)
    {
        std::optional<Setup::SetupReport> report;
        connector.disconnect(local(), [&](Setup::SetupReport done) { report = std::move(done); });
        if (!QTest::qWaitFor([&] { return report.has_value(); }, 30000))
            return { {}, { "no answer within 30 s" } };
        return *report;
    }

    Setup::SetupPlan plan(const Setup::AccountLook &found, const QList<Setup::NumberChoice> &chosen)
    {
        const auto made = Setup::SetupPlan::make(found, chosen, *Setup::WebhookUrls::forPublicUrl(publicUrl),
                                                 "Switchboard test");
        if (!made)
            qFatal("%s", qPrintable(made.error()));
        return *made;
    }

    static int countOf(const Setup::SetupPlan &plan, Setup::PlannedChange::Action action)
    {
        return int(
            std::count_if(plan.changes().cbegin(), plan.changes().cend(),
                          [&](const Setup::PlannedChange &change) { return change.action == action; }));
    }

    QList<Store::TwilioChange> noted() const
    {
        const auto list = Store::TwilioChanges(m_database, sid("AC", '7')).list();
        return list ? *list : QList<Store::TwilioChange>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("setup.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;

        // Enough numbers for two pages of a hundred.
        Simulator::AccountResources::Options options;
        options.accountSid = sid("AC", '7');
        options.numbers.clear();
        for (int i = 0; i < 120; ++i)
            options.numbers << QString("+81503120%1").arg(i, 4, 10, QLatin1Char('0'));
        const QString problem = m_twilio.start(m_database, options, authToken);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_account = m_twilio.account;

        const QString prismDir = qEnvironmentVariable("SWITCHBOARD_TEST_PRISM_DIR");
        const QString prism = qEnvironmentVariable("SWITCHBOARD_TEST_PRISM");
        QVERIFY2(QFile::exists(prismDir + "/twilio_api_v2010.json") && QFile::exists(prism),
                 "run this test through ctest: its prism fixture writes Twilio's description");
        m_prism.setProcessChannelMode(QProcess::MergedChannels);
        m_prism.start(prism,
                      { "proxy", "-h", "127.0.0.1", "-p", "0", "--errors",
                        prismDir + "/twilio_api_v2010.json", m_twilio.url() });
        static const QRegularExpression listening("Prism is listening on (http://127\\.0\\.0\\.1:[0-9]+)");
        QString log;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         log += QString::fromUtf8(m_prism.readAll());
                         const auto match = listening.match(log);
                         if (match.hasMatch())
                             m_apiUrl = QUrl(match.captured(1));
                         return match.hasMatch() || m_prism.state() == QProcess::NotRunning;
                     },
                     120000),
                 "Prism did not start within 120 s");
        QVERIFY2(m_apiUrl.isValid() && !m_apiUrl.isEmpty(), qPrintable(log.right(2000)));
    }

    void cleanupTestCase()
    {
        m_prism.kill();
        m_prism.waitForFinished(5000);
        m_twilio.server.reset();
    }

    void wrongCredentialsAreSaidClearly()
    {
        Setup::AccountConnector connector(access("not-the-token"), m_database);
        const auto found = look(connector);
        QVERIFY(!found);
        QVERIFY2(found.error().contains("does not accept these credentials"), qPrintable(found.error()));
    }

    void aSuspendedAccountIsRefusedAndATrialOneSaysWhatItLimits()
    {
        Setup::AccountConnector connector(access(), m_database);
        m_account->setAccountState("Full", "suspended");
        const auto suspended = look(connector);
        QVERIFY(!suspended);
        QVERIFY2(suspended.error().contains("suspended"), qPrintable(suspended.error()));

        m_account->setAccountState("Trial", "active");
        const auto trial = look(connector);
        m_account->setAccountState("Full", "active");
        QVERIFY2(trial, qPrintable(trial.error()));
        QVERIFY(trial->account.isTrial());
        QVERIFY2(trial->account.limits().contains("verified"), qPrintable(trial->account.limits()));
    }

    void everyNumberIsListedPageAfterPage()
    {
        Setup::AccountConnector connector(access(), m_database);
        const auto found = look(connector);
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(found->numbers.size(), 120);
        QCOMPARE(found->numbers.first().fields.value("VoiceUrl"), "https://demo.twilio.com/welcome/voice/");
        QVERIFY(!found->app);
        QVERIFY(!found->key);
    }

    // Two numbers chosen, one answered by another TwiML App; connecting again changes nothing;
    // disconnecting leaves every number exactly as it was, and deletes the app and key it created.
    void connectsAndDisconnectsLeavingTheAccountAsItWas()
    {
        const QString first = "+815031200000";
        const QString second = "+815031200001";
        QString what;
        const auto other
            = m_account->request("POST", "Applications.json", {},
                                 *Webhook::FormParameters::decode("FriendlyName=Other&VoiceUrl="
                                                                  "https%3A%2F%2Fother.example%2Fvoice"),
                                 &what);
        QCOMPARE(other.status, 201);
        const QString otherApp = QJsonDocument::fromJson(other.body).object().value("sid").toString();
        QVERIFY2(m_account->number(first) && m_account->number(second),
                 qPrintable(QJsonDocument(m_account->applications().value(0)).toJson()));
        const QString secondSid = m_account->number(second)->value("sid").toString();
        QCOMPARE(
            m_account
                ->request("POST", "IncomingPhoneNumbers/" + secondSid + ".json", {},
                          *Webhook::FormParameters::decode(("VoiceApplicationSid=" + otherApp).toLatin1()),
                          &what)
                .status,
            200);
        const QJsonObject firstBefore = withoutTimes(*m_account->number(first));
        const QJsonObject secondBefore = withoutTimes(*m_account->number(second));
        const QJsonObject untouchedBefore = withoutTimes(*m_account->number("+815031200002"));

        Setup::AccountConnector connector(access(), m_database);
        const auto found = look(connector);
        QVERIFY2(found, qPrintable(found.error()));
        const Setup::SetupPlan planned = plan(*found, { { first, "desktop" }, { second, "alice" } });
        QCOMPARE(countOf(planned, Setup::PlannedChange::Action::Create), 2); // key and app
        QCOMPARE(countOf(planned, Setup::PlannedChange::Action::Update), 2);
        QVERIFY2(planned.lines().join('\n').contains("VoiceUrl https://demo.twilio.com/welcome/voice/ → "
                                                     + publicUrl + "/voice/incoming"),
                 qPrintable(planned.lines().join('\n')));
        QVERIFY2(planned.lines().join('\n').contains("VoiceApplicationSid " + otherApp + " → (not set)"),
                 qPrintable(planned.lines().join('\n')));

        const Setup::SetupReport report = apply(connector, planned);
        QVERIFY2(report.succeeded(), qPrintable(report.lines({}).join('\n')));
        QCOMPARE(m_account->number(first)->value("voice_url").toString(), publicUrl + "/voice/incoming");
        QCOMPARE(m_account->number(first)->value("status_callback").toString(), publicUrl + "/voice/status");
        QVERIFY(m_account->number(second)->value("voice_application_sid").isNull());
        QCOMPARE(withoutTimes(*m_account->number("+815031200002")), untouchedBefore);
        QVERIFY(m_account->acceptsKey(m_kept.keySid, m_kept.keySecret));
        QVERIFY2(!report.lines({}).join('\n').contains(QString::fromLatin1(m_kept.keySecret)),
                 "the key's secret is never shown");
        QCOMPARE(m_kept.mapped.size(), 2);
        QCOMPARE(m_account->applications().size(), 2);
        QCOMPARE(m_account->applications().last().value("voice_url").toString(),
                 publicUrl + "/voice/outgoing");
        QCOMPARE(m_kept.appSid, m_account->applications().last().value("sid").toString());
        QCOMPARE(planned.summary(),
                 "Calls to +81 50-3120-0000 now ring client:desktop, calls to +81 50-3120-0001 now ring "
                 "client:alice through "
                     + publicUrl + ".");

        const auto again = look(connector);
        QVERIFY2(again, qPrintable(again.error()));
        QVERIFY(again->appCreatedHere);
        QVERIFY(again->key);
        QVERIFY2(plan(*again, { { first, "desktop" }, { second, "alice" } }).changesNothing(),
                 qPrintable(plan(*again, { { first, "desktop" } }).lines().join('\n')));

        const Setup::SetupReport undone = disconnect(connector);
        QVERIFY2(undone.succeeded(), qPrintable(undone.lines({}).join('\n')));
        QCOMPARE(withoutTimes(*m_account->number(first)), firstBefore);
        QCOMPARE(withoutTimes(*m_account->number(second)), secondBefore);
        QCOMPARE(m_account->applications().size(), 1); // Other, which was there before
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_kept.keySid.isEmpty());
        QVERIFY(m_kept.appSid.isEmpty());
        QVERIFY(noted().isEmpty());
        QCOMPARE(m_account->request("DELETE", "Applications/" + otherApp + ".json", {}, {}, &what).status,
                 204);
    }

    // A number the credentials may not change: the rest is done, the report says which was not, and
    // running again completes it without changing anything twice.
    void aPartialFailureIsCompletedByRunningAgain()
    {
        const QString first = "+815031200010";
        const QString refused = "+815031200011";
        const QJsonObject refusedBefore = withoutTimes(*m_account->number(refused));
        m_account->refuseChanges(refused, true);
        m_kept = Kept();
        Setup::AccountConnector connector(access(), m_database);
        const auto found = look(connector);
        QVERIFY2(found, qPrintable(found.error()));
        const Setup::SetupReport report
            = apply(connector, plan(*found, { { first, "desktop" }, { refused, "desktop" } }));
        QVERIFY(!report.succeeded());
        QCOMPARE(report.failed.size(), 1);
        QVERIFY2(report.failed.first().contains("+81 50-3120-0011")
                     && report.failed.first().contains("not changed"),
                 qPrintable(report.failed.first()));
        QCOMPARE(report.done.size(), 5); // key, app, first number, two mappings
        QCOMPARE(m_account->number(first)->value("voice_url").toString(), publicUrl + "/voice/incoming");

        m_account->refuseChanges(refused, false);
        const auto again = look(connector);
        QVERIFY2(again, qPrintable(again.error()));
        const Setup::SetupPlan rest = plan(*again, { { first, "desktop" }, { refused, "desktop" } });
        QCOMPARE(countOf(rest, Setup::PlannedChange::Action::Update), 1);
        QCOMPARE(countOf(rest, Setup::PlannedChange::Action::Create), 0);
        QVERIFY2(apply(connector, rest).succeeded(), "the second run completes it");
        QCOMPARE(m_account->number(refused)->value("voice_url").toString(), publicUrl + "/voice/incoming");
        QCOMPARE(m_account->keySids().size(), 1);
        QCOMPARE(m_account->applications().size(), 1);

        const Setup::SetupReport undone = disconnect(connector);
        QVERIFY2(undone.succeeded(), qPrintable(undone.lines({}).join('\n')));
        QCOMPARE(withoutTimes(*m_account->number(refused)), refusedBefore);
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_account->applications().isEmpty());
    }

    // Twilio cannot be reached: nothing is changed, and disconnecting later has nothing to undo.
    void anUnreachableTwilioChangesNothing()
    {
        Rest::ApiAccess unreachable = access();
        unreachable.baseUrl = QUrl("http://127.0.0.1:1");
        Setup::AccountConnector connector(unreachable, m_database);
        Rest::RetryPolicy quick;
        quick.attempts = 1;
        connector.rest().setRetryPolicy(quick);
        const auto found = look(connector);
        QVERIFY(!found);
        QVERIFY(noted().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccountSetup)
#include "TestAccountSetup.moc"
