#include "core/phone/TelUri.h"

#include <QTest>

using Phone::TelUri;

class TestTelUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbers_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("number");
        QTest::newRow("seed, E.164") << "tel:+819059876543"
                                     << "+819059876543";
        QTest::newRow("visual separators") << "tel:+81-90-5987-6543"
                                           << "+81-90-5987-6543";
        QTest::newRow("upper case scheme") << "TEL:+1 (415) 555-0100"
                                           << "+1 (415) 555-0100";
        QTest::newRow("percent-encoded") << "tel:%2B81%2090%205987%206543"
                                         << "+81 90 5987 6543";
        QTest::newRow("parameters dropped") << "tel:0503123;phone-context=+81"
                                            << "0503123";
        QTest::newRow("written like a URL") << "tel://+819059876543"
                                            << "+819059876543";
        QTest::newRow("service code") << "tel:*86#"
                                      << "*86#";
    }

    void numbers()
    {
        QFETCH(QString, uri);
        QFETCH(QString, number);
        const auto parsed = TelUri::parse(uri);
        QVERIFY2(parsed, qPrintable(parsed.error()));
        QCOMPARE(*parsed, number);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("reason");
        QTest::newRow("other scheme") << "sip:alice@example.com"
                                      << "not a tel: link";
        QTest::newRow("empty") << "tel:"
                               << "holds no number";
        QTest::newRow("letters") << "tel:+81-90-CALL-NOW"
                                 << "cannot hold 'C'";
        QTest::newRow("script") << "tel:<script>"
                                << "cannot hold '<'";
        QTest::newRow("plus inside") << "tel:81+90"
                                     << "cannot hold '+'";
        QTest::newRow("too long") << "tel:" + QString(300, u'1') << "too long";
        QTest::newRow("full-width digits") << "tel:\uFF10\uFF19\uFF10"
                                           << "cannot hold";
    }

    void refusals()
    {
        QFETCH(QString, uri);
        QFETCH(QString, reason);
        const auto parsed = TelUri::parse(uri);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestTelUri)
#include "TestTelUri.moc"
