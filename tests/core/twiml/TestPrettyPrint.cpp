#include "core/twiml/PrettyPrint.h"

#include <QTest>

using Twiml::PrettyPrint;

class TestPrettyPrint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void indentsTwiml()
    {
        // What the server answers the seed's incoming call with, on one line.
        const QByteArray compact = R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="60" )"
                                   R"(action="/voice/dial-complete"><Client>DeviceId_0001</Client></Dial>)"
                                   R"(<Say language="de-DE">Bitte &lt;warten&gt; &amp; gut</Say></Response>)";
        QCOMPARE(PrettyPrint::body(compact),
                 QString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<Response>\n"
                         "  <Dial timeout=\"60\" action=\"/voice/dial-complete\">\n"
                         "    <Client>DeviceId_0001</Client>\n"
                         "  </Dial>\n"
                         "  <Say language=\"de-DE\">Bitte &lt;warten&gt; &amp; gut</Say>\n"
                         "</Response>"));
    }

    void reindentsIndentedXmlAndKeepsEmptyElements()
    {
        const QByteArray indented
            = "<Response>\n        <Record maxLength=\"120\"/>\n\n<Hangup/>\n</Response>\n";
        QCOMPARE(PrettyPrint::body(indented),
                 QString("<Response>\n"
                         "  <Record maxLength=\"120\"/>\n"
                         "  <Hangup/>\n"
                         "</Response>"));
    }

    void keepsNamespacesCommentsAndCdata()
    {
        const QString pretty = PrettyPrint::body(
            "<r xmlns:x=\"urn:x\"><!-- why --><x:a x:b=\"1\"><![CDATA[<raw>]]></x:a></r>");
        QVERIFY2(pretty.contains("<r xmlns:x=\"urn:x\">"), qPrintable(pretty));
        QVERIFY(pretty.contains("<!-- why -->"));
        QVERIFY(pretty.contains("<x:a x:b=\"1\"><![CDATA[<raw>]]></x:a>"));
    }

    void indentsJson()
    {
        QCOMPARE(PrettyPrint::body(R"({"success":true,"token":"***"})"),
                 QString("{\n    \"success\": true,\n    \"token\": \"***\"\n}"));
        QCOMPARE(PrettyPrint::body("[1,2]"), QString("[\n    1,\n    2\n]"));
    }

    void returnsAnythingElseAsItCame_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain text") << QByteArray("Not Found");
        QTest::newRow("unclosed xml") << QByteArray("<Response><Dial>");
        QTest::newRow("mismatched xml") << QByteArray("<Response><Dial></Say></Response>");
        QTest::newRow("two roots") << QByteArray("<a/><b/>");
        QTest::newRow("undeclared entity") << QByteArray("<Response>&nbsp;</Response>");
        QTest::newRow("broken json") << QByteArray(R"({"success": tru)");
        QTest::newRow("json then junk") << QByteArray("{} trailing");
        QTest::newRow("binary") << QByteArray("<\x00\xff\xfe", 4);
        QTest::newRow("utf-8 text") << QByteArray("Grüße");
    }

    void returnsAnythingElseAsItCame()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(PrettyPrint::body(body), QString::fromUtf8(body));
    }

    void reportsMalformedDocuments()
    {
        QVERIFY(!PrettyPrint::xml("<Response>"));
        QVERIFY(!PrettyPrint::xml(""));
        QVERIFY(!PrettyPrint::json("{"));
        QVERIFY(PrettyPrint::xml("<Response/>"));
        QVERIFY(PrettyPrint::json("{}"));
    }
};

QTEST_GUILESS_MAIN(TestPrettyPrint)
#include "TestPrettyPrint.moc"
