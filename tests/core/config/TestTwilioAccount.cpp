#include "core/config/TwilioAccount.h"
#include "core/token/Jwt.h"

#include <QTest>

using Config::TwilioAccount;

namespace {

QProcessEnvironment environment(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &assignment : assignments)
        env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
    return env;
}

const QString accountSid = "AC" + QString(32, u'a');
const QString keySid = "SK" + QString(32, u'0');
const QString appSid = "AP" + QString(16, u'F') + QString(16, u'9');

} // namespace

class TestTwilioAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheEnvironment()
    {
        const auto account = TwilioAccount::fromEnvironment(environment(
            { "TWILIO_ACCOUNT_SID=" + accountSid, "TWILIO_AUTH_TOKEN= tok ", "TWILIO_API_KEY=" + keySid,
              "TWILIO_API_SECRET=sec", "TWILIO_TWIML_APP_SID=" + appSid }));
        QCOMPARE(account.accountSid, accountSid);
        QCOMPARE(account.authToken, QByteArray("tok"));
        QCOMPARE(account.apiKeySid, keySid);
        QCOMPARE(account.apiKeySecret, QByteArray("sec"));
        QCOMPARE(account.twimlAppSid, appSid);
        QVERIFY(account.problemsForAccessToken().isEmpty());
        QVERIFY(account.problemsForCapabilityToken().isEmpty());
    }

    void namesEachMissingVariable()
    {
        const auto account
            = TwilioAccount::fromEnvironment(environment({ "TWILIO_ACCOUNT_SID=" + accountSid }));
        QCOMPARE(account.problemsForAccessToken(),
                 QStringList({ "TWILIO_API_KEY is not set", "TWILIO_API_SECRET is not set",
                               "TWILIO_TWIML_APP_SID is not set" }));
        QCOMPARE(account.problemsForCapabilityToken(),
                 QStringList({ "TWILIO_AUTH_TOKEN is not set", "TWILIO_TWIML_APP_SID is not set" }));
    }

    void checksSidForm_data()
    {
        QTest::addColumn<QString>("sid");
        QTest::addColumn<bool>("valid");
        QTest::newRow("good") << accountSid << true;
        QTest::newRow("upper-case hex") << "AC" + QString(32, u'F') << true;
        QTest::newRow("wrong prefix") << "SK" + QString(32, u'a') << false;
        QTest::newRow("short") << "AC" + QString(31, u'a') << false;
        QTest::newRow("long") << "AC" + QString(33, u'a') << false;
        QTest::newRow("not hex") << "AC" + QString(31, u'a') + "g" << false;
        QTest::newRow("lower-case prefix") << "ac" + QString(32, u'a') << false;
    }

    void checksSidForm()
    {
        QFETCH(QString, sid);
        QFETCH(bool, valid);
        const QString problem = TwilioAccount::sidProblem(sid, "AC", "TWILIO_ACCOUNT_SID");
        QCOMPARE(problem.isEmpty(), valid);
        if (!valid)
            QCOMPARE(problem, QString("TWILIO_ACCOUNT_SID must be AC followed by 32 hexadecimal digits"));
    }

    // Both kinds of token come from the account: the server's /token, the token command and the desktop
    // phone make them here and nowhere else.
    void makesBothKindsOfToken()
    {
        const auto account = TwilioAccount::fromEnvironment(environment(
            { "TWILIO_ACCOUNT_SID=" + accountSid, "TWILIO_AUTH_TOKEN=tok", "TWILIO_API_KEY=" + keySid,
              "TWILIO_API_SECRET=sec", "TWILIO_TWIML_APP_SID=" + appSid }));
        const qint64 now = 1700000000;

        const auto capability = account.voiceCapabilityToken("alice", 600, now);
        QVERIFY2(capability, qPrintable(capability.error()));
        const auto capabilityClaims = Token::Jwt::verifyHs256(*capability, "tok", now);
        QVERIFY2(capabilityClaims, qPrintable(capabilityClaims.error()));
        QCOMPARE(capabilityClaims->payload.value("scope").toString(),
                 "scope:client:incoming?clientName=alice scope:client:outgoing?appSid=" + appSid
                     + "&clientName=alice");
        QCOMPARE(capabilityClaims->payload.value("exp").toInteger(), now + 600);

        const auto access = account.voiceAccessToken("alice", 600, now);
        QVERIFY2(access, qPrintable(access.error()));
        const auto accessClaims = Token::Jwt::verifyHs256(*access, "sec", now);
        QVERIFY2(accessClaims, qPrintable(accessClaims.error()));
        QCOMPARE(accessClaims->payload.value("sub").toString(), accountSid);
        QCOMPARE(accessClaims->payload.value("exp").toInteger(), now + 600);
    }
};

QTEST_GUILESS_MAIN(TestTwilioAccount)
#include "TestTwilioAccount.moc"
