// Twilio Voice SDK error codes (TWILIO.md) become sentences a person can act on.

#include "ui/engine/TwilioErrorSentence.h"

#include <QTest>

using Engine::TwilioErrorSentence;

class TestTwilioErrorSentence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentences_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("mustSay");
        const QStringList network { "Cannot reach Twilio", "check the network" };
        QTest::newRow("31005 connection error") << 31005 << (network + QStringList { "31005" });
        QTest::newRow("31009 transport error") << 31009 << (network + QStringList { "31009" });
        QTest::newRow("53000 signaling error") << 53000 << (network + QStringList { "53000" });
        const QStringList token { "refused the phone's access token", "Twilio account settings" };
        QTest::newRow("20101 invalid token") << 20101 << (token + QStringList { "API key secret", "20101" });
        QTest::newRow("31204 invalid JWT") << 31204 << (token + QStringList { "API key SID", "31204" });
        QTest::newRow("20104 expired") << 20104 << (token + QStringList { "expired", "clock" });
        QTest::newRow("31205 JWT expired") << 31205 << (token + QStringList { "expired", "31205" });
        QTest::newRow("31207 lifetime") << 31207 << (token + QStringList { "24 hours" });
        QTest::newRow("31201 authorization")
            << 31201 << QStringList { "authorise", "TwiML App SID", "settings" };
        QTest::newRow("31401 microphone refused") << 31401 << QStringList { "microphone was refused" };
        QTest::newRow("31402 microphone unusable") << 31402 << QStringList { "microphone cannot be used" };
        QTest::newRow("31486 busy") << 31486 << QStringList { "busy" };
        QTest::newRow("31603 declined") << 31603 << QStringList { "declined" };
        QTest::newRow("31002 declined") << 31002 << QStringList { "declined" };
        QTest::newRow("53405 media") << 53405 << QStringList { "audio", "firewall" };
        QTest::newRow("other") << 31100 << QStringList { "Twilio reported error 31100: the message" };
        QTest::newRow("the page's own") << 0 << QStringList { "web page failed: the message" };
    }

    void sentences()
    {
        QFETCH(int, code);
        QFETCH(QStringList, mustSay);
        const QString sentence = TwilioErrorSentence::forError(code, "the message");
        for (const QString &part : mustSay)
            QVERIFY2(sentence.contains(part), qPrintable(sentence + " lacks " + part));
        QVERIFY(sentence.endsWith('.') || sentence.endsWith("message"));
    }

    void missingMessageIsSaid()
    {
        QCOMPARE(TwilioErrorSentence::forError(31100, QString()),
                 QString("Twilio reported error 31100: no details given"));
    }
};

QTEST_GUILESS_MAIN(TestTwilioErrorSentence)
#include "TestTwilioErrorSentence.moc"
