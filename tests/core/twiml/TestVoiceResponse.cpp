#include "core/twiml/TwimlReader.h"
#include "core/twiml/VoiceResponse.h"

#include <QTest>

using namespace Twiml;

class TestVoiceResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The TWILIO.md lines, written by twilio-node 6.2.0.
    void outgoingDialMatchesHelper()
    {
        VoiceResponse response;
        response.dial(Dial()
                          .timeout(60)
                          .callerId(QStringLiteral("+815031234567"))
                          .number(Number(QStringLiteral("+819059876543"))));
        QCOMPARE(
            response.toXml(),
            QStringLiteral(
                R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" callerId="+815031234567">)"
                R"(<Number>+819059876543</Number></Dial></Response>)"));
    }

    void incomingDialWithVoicemailMatchesHelper()
    {
        VoiceResponse response;
        response.dial(Dial()
                          .timeout(60)
                          .action(QStringLiteral("/voice/dial-complete"))
                          .answerOnBridge(true)
                          .client(Client()
                                      .identity(QStringLiteral("DeviceId_0001"))
                                      .parameter(QStringLiteral("x"), QStringLiteral("a&b"))));
        response.say(Say(QStringLiteral("お掛けになった番号は <現在> 使われておりません"))
                         .language(QStringLiteral("ja-JP")));
        response.record(Record().maxLength(120).playBeep(true));
        response.hangup();
        QCOMPARE(
            response.toUtf8(),
            QByteArray(
                R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" action="/voice/dial-complete" )"
                R"(answerOnBridge="true"><Client><Identity>DeviceId_0001</Identity><Parameter name="x" value="a&amp;b"/>)"
                R"(</Client></Dial><Say language="ja-JP">お掛けになった番号は &lt;現在&gt; 使われておりません</Say>)"
                R"(<Record maxLength="120" playBeep="true"/><Hangup/></Response>)"));
    }

    // Escaping exactly as xmlbuilder under twilio-node: checked against its output for the same input.
    void escapesLikeHelper()
    {
        VoiceResponse response;
        response.say(
            Say(QStringLiteral("x\"y'z<w>v&u\tt\ns\rqend")).voice(QStringLiteral("a\"b'c<d>e&f\tg\nh\ri")));
        response.dial(Dial()
                          .timeout(60)
                          .action(QStringLiteral("/voice/dial-complete"))
                          .answerOnBridge(true)
                          .client(Client().identity(QStringLiteral("DeviceId_0001"))));
        response.pause();
        response.hangup();
        QCOMPARE(response.toXml(),
                 QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say "
                                "voice=\"a&quot;b'c&lt;d>e&amp;f&#x9;g&#xA;h&#xD;i\">"
                                "x\"y'z&lt;w&gt;v&amp;u\tt\ns&#xD;qend</Say><Dial timeout=\"60\" "
                                "action=\"/voice/dial-complete\" "
                                "answerOnBridge=\"true\"><Client><Identity>DeviceId_0001</Identity></"
                                "Client></Dial><Pause/><Hangup/></Response>"));
    }

    void everyVerbMatchesHelper()
    {
        VoiceResponse response;
        response.dial(Dial(QStringLiteral("+8190")));
        response.play(Play());
        response.record();
        response.reject(Reject().reason(QStringLiteral("busy")));
        response.redirect(Redirect(QStringLiteral("/voice/x")).method(QStringLiteral("POST")));
        response.pause(Pause().length(2));
        QCOMPARE(
            response.toXml(),
            QStringLiteral(
                R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+8190</Dial><Play/><Record/>)"
                R"(<Reject reason="busy"/><Redirect method="POST">/voice/x</Redirect><Pause length="2"/></Response>)"));
        QCOMPARE(VoiceResponse().toXml(),
                 QStringLiteral(R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)"));
    }

    void allDialAttributesInTheOrderGiven()
    {
        const Dial dial = Dial()
                              .action(QStringLiteral("/a"))
                              .method(QStringLiteral("GET"))
                              .timeout(30)
                              .callerId(QStringLiteral("+1"))
                              .record(QStringLiteral("record-from-answer"))
                              .answerOnBridge(false)
                              .ringTone(QStringLiteral("jp"))
                              .timeLimit(600)
                              .timeout(45) // setting again keeps the first position
                              .number(Number(QStringLiteral("+14155550100"))
                                          .sendDigits(QStringLiteral("1w2"))
                                          .statusCallback(QStringLiteral("/voice/status"))
                                          .statusCallbackEvent(
                                              { QStringLiteral("initiated"), QStringLiteral("completed") }));
        QCOMPARE(
            dial.toXml(),
            QStringLiteral(
                R"(<Dial action="/a" method="GET" timeout="45" callerId="+1" record="record-from-answer" )"
                R"(answerOnBridge="false" ringTone="jp" timeLimit="600"><Number sendDigits="1w2" )"
                R"(statusCallback="/voice/status" statusCallbackEvent="initiated completed">+14155550100</Number></Dial>)"));
    }

    // Whatever a caller puts into a name, number or message, the document keeps exactly one element per verb.
    void noInputAddsAnElement_data()
    {
        QTest::addColumn<QString>("hostile");
        QTest::newRow("closing tag") << QStringLiteral("</Client><Number>+1900</Number><Client>");
        QTest::newRow("attribute break") << QStringLiteral("\" action=\"http://evil/");
        QTest::newRow("cdata") << QStringLiteral("<![CDATA[</Say><Hangup/>]]>");
        QTest::newRow("comment") << QStringLiteral("<!-- --><Hangup/>");
        QTest::newRow("entity") << QStringLiteral("&lt;Hangup/&gt;&amp;");
        QTest::newRow("control characters")
            << QStringLiteral("a\x01\x02\x1b[0mb") + QChar(0xFFFE) + QChar(0xD800);
        QTest::newRow("processing instruction") << QStringLiteral("<?xml-stylesheet href=\"x\"?>");
    }

    void noInputAddsAnElement()
    {
        QFETCH(QString, hostile);
        VoiceResponse response;
        response.dial(Dial()
                          .callerId(hostile)
                          .client(Client(hostile))
                          .client(Client().identity(hostile).parameter(hostile, hostile)));
        response.say(Say(hostile).voice(hostile));

        const auto read = TwimlReader::read(response.toUtf8());
        QVERIFY2(read, qPrintable(read.error()));
        QCOMPARE(read->children().size(), 2);
        const Node &dial = read->children().at(0);
        QCOMPARE(dial.name(), QStringLiteral("Dial"));
        QCOMPARE(dial.attributes().size(), 1);
        QCOMPARE(dial.children().size(), 2);
        QCOMPARE(dial.children().at(0).children().size(), 0);
        QCOMPARE(dial.children().at(1).children().size(), 2);
        QCOMPARE(read->children().at(1).children().size(), 0);
        // What XML can carry comes back unchanged (the reader trims surrounding whitespace).
        if (!hostile.contains(QChar(0x01)))
            QCOMPARE(read->children().at(1).text(), hostile.trimmed());
    }
};

QTEST_GUILESS_MAIN(TestVoiceResponse)
#include "TestVoiceResponse.moc"
