#include "core/twiml/TwimlReader.h"
#include "core/twiml/VoiceResponse.h"

#include <QTest>

using namespace Twiml;

class TestTwimlReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheSeedsIndentedTwiml()
    {
        // As printed in the seed (with its stray backslash removed).
        const QByteArray seed
            = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n  <Dial timeout=\"60\">\n"
              "    <Client>DeviceId_0001</Client>\n  </Dial>\n</Response>\n";
        const auto read = TwimlReader::read(seed);
        QVERIFY2(read, qPrintable(read.error()));
        QCOMPARE(read->name(), QStringLiteral("Response"));
        QCOMPARE(read->children().size(), 1);
        const Node &dial = read->children().first();
        QCOMPARE(dial.name(), QStringLiteral("Dial"));
        QCOMPARE(dial.attribute(QStringLiteral("timeout")), QStringLiteral("60"));
        QCOMPARE(dial.text(), QString());
        QCOMPARE(dial.children().size(), 1);
        QCOMPARE(dial.children().first().name(), QStringLiteral("Client"));
        QCOMPARE(dial.children().first().text(), QStringLiteral("DeviceId_0001"));
    }

    void roundTripsWhatTheBuilderWrites()
    {
        VoiceResponse response;
        response.dial(Dial()
                          .timeout(60)
                          .action(QStringLiteral("/voice/dial-complete"))
                          .client(Client()
                                      .identity(QStringLiteral("alice"))
                                      .parameter(QStringLiteral("k"), QStringLiteral("v \"1\""))));
        response.say(Say(QStringLiteral("Bitte <sprechen> Sie & warten")).language(QStringLiteral("de-DE")));
        response.record(Record().maxLength(120).playBeep(true));
        response.redirect(Redirect(QStringLiteral("/voice/next?a=1&b=2")));
        response.hangup();
        const auto read = TwimlReader::read(response.toUtf8());
        QVERIFY2(read, qPrintable(read.error()));
        QCOMPARE(*read, response.root());
        // And writing what was read gives the same bytes again.
        QCOMPARE(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + read->toXml(),
                 response.toXml());
    }

    void keepsUnknownVerbsForTheCallerToReport()
    {
        const auto read = TwimlReader::read("<Response><Gather input=\"dtmf\"/><Frobnicate/></Response>");
        QVERIFY(read);
        QCOMPARE(read->children().size(), 2);
        QVERIFY(TwimlReader::isVoiceVerb(read->children().at(0).name()));
        QVERIFY(!TwimlReader::isVoiceVerb(read->children().at(1).name()));
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << "well-formed";
        QTest::newRow("not xml") << QByteArray("hello") << "well-formed";
        QTest::newRow("wrong root") << QByteArray("<Dial/>") << "not <Response>";
        QTest::newRow("unclosed") << QByteArray("<Response><Dial>") << "well-formed";
        QTest::newRow("mismatched") << QByteArray("<Response><Dial></Say></Response>") << "well-formed";
        QTest::newRow("two roots") << QByteArray("<Response/><Response/>") << "well-formed";
        QTest::newRow("dtd") << QByteArray("<!DOCTYPE r [<!ENTITY a \"aaaa\">]><Response>&a;</Response>")
                             << "DTD";
        QTest::newRow("external entity")
            << QByteArray("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response>&x;</Response>")
            << "DTD";
        QTest::newRow("undeclared entity") << QByteArray("<Response>&nbsp;</Response>") << "well-formed";
        QTest::newRow("processing instruction")
            << QByteArray("<Response><?php echo 1 ?></Response>") << "processing";
        QTest::newRow("namespaced") << QByteArray("<Response xmlns:x=\"urn:x\"><x:Dial/></Response>")
                                    << "namespace";
        QTest::newRow("too deep") << QByteArray("<Response>") + QByteArray("<a>").repeated(20)
                + QByteArray("</a>").repeated(20) + QByteArray("</Response>")
                                  << "deeper";
        QTest::newRow("too many elements")
            << QByteArray("<Response>") + QByteArray("<Pause/>").repeated(10001) + QByteArray("</Response>")
            << "elements";
        QTest::newRow("too large") << QByteArray("<Response><Say>") + QByteArray(1024 * 1024, 'a')
                + QByteArray("</Say></Response>")
                                   << "larger";
        QTest::newRow("truncated utf-8")
            << QByteArray("<Response><Say>\xe3\x81</Say></Response>") << "well-formed";
    }

    void refuses()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, reason);
        const auto read = TwimlReader::read(document);
        QVERIFY(!read);
        QVERIFY2(read.error().contains(reason), qPrintable(read.error()));
    }
};

QTEST_GUILESS_MAIN(TestTwimlReader)
#include "TestTwimlReader.moc"
