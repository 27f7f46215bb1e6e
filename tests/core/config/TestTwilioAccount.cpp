#include "core/config/TwilioAccount.h"

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
};

QTEST_GUILESS_MAIN(TestTwilioAccount)
#include "TestTwilioAccount.moc"
