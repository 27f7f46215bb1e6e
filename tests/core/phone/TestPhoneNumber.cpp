#include "core/phone/PhoneNumber.h"

#include <QTest>

using Phone::PhoneNumber;

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toE164_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("e164");
        QTest::newRow("seed, international with dashes") << "+81-50-3123-4567"
                                                         << "JP"
                                                         << "+815031234567";
        QTest::newRow("seed, national") << "050-3123-4567"
                                        << "JP"
                                        << "+815031234567";
        QTest::newRow("seed, external phone") << "+81-90-5987-6543"
                                              << "JP"
                                              << "+819059876543";
        QTest::newRow("seed, external national") << "090-5987-6543"
                                                 << "JP"
                                                 << "+819059876543";
        QTest::newRow("already E.164") << "+815031234567"
                                       << "JP"
                                       << "+815031234567";
        QTest::newRow("US with brackets") << "+1 (415) 555-0100"
                                          << "JP"
                                          << "+14155550100";
        QTest::newRow("US national in US") << "(415) 555-0100"
                                           << "US"
                                           << "+14155550100";
        QTest::newRow("region in lower case") << "(415) 555-0100"
                                              << "us"
                                              << "+14155550100";
        QTest::newRow("international prefix from JP") << "010 1 415 555 0100"
                                                      << "JP"
                                                      << "+14155550100";
        QTest::newRow("dots and spaces") << " +49 30.1234.5678 "
                                         << "JP"
                                         << "+493012345678";
        QTest::newRow("fullwidth digits")
            << QStringLiteral("０９０−５９８７−６５４３").replace(QChar(0x2212), u'-') << "JP"
            << "+819059876543";
    }

    void toE164()
    {
        QFETCH(QString, input);
        QFETCH(QString, region);
        QFETCH(QString, e164);
        const auto number = PhoneNumber::parse(input, region);
        QVERIFY2(number, qPrintable(number.error()));
        QCOMPARE(number->e164(), e164);
    }

    void defaultRegionIsJapan()
    {
        const auto number = PhoneNumber::parse(QStringLiteral("050-3123-4567"));
        QVERIFY(number);
        QCOMPARE(number->e164(), QStringLiteral("+815031234567"));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << ""
                               << "JP"
                               << "required";
        QTest::newRow("blank") << "   "
                               << "JP"
                               << "required";
        QTest::newRow("letters") << "call me"
                                 << "JP"
                                 << "'c' does not belong";
        QTest::newRow("trailing junk") << "+14155550100abc"
                                       << "JP"
                                       << "'a' does not belong";
        QTest::newRow("client address") << "client:alice"
                                        << "JP"
                                        << "does not belong";
        QTest::newRow("too short") << "+81 3"
                                   << "JP"
                                   << "too short";
        QTest::newRow("too long") << "+81 90 1234 5678 9012 3456"
                                  << "JP"
                                  << "too long";
        QTest::newRow("unknown country code") << "+999 1234 5678"
                                              << "JP"
                                              << "country code";
        QTest::newRow("national without region") << "050-3123-4567"
                                                 << "XX"
                                                 << "not a known region";
        QTest::newRow("unused range") << "+81 10 1234 5678"
                                      << "JP"
                                      << "no such number range";
        QTest::newRow("wrong length for country") << "+1 415 555 010"
                                                  << "JP"
                                                  << "";
        QTest::newRow("only punctuation") << "+-()"
                                          << "JP"
                                          << "";
        QTest::newRow("huge") << QString(200, u'1') << "JP"
                              << "longer than 64";
    }

    void refuses()
    {
        QFETCH(QString, input);
        QFETCH(QString, region);
        QFETCH(QString, reason);
        const auto number = PhoneNumber::parse(input, region);
        QVERIFY2(!number, qPrintable(input));
        QVERIFY2(number.error().contains(reason), qPrintable(number.error()));
        QVERIFY(number.error().size() < 200);
    }

    void formats_data()
    {
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("national");
        QTest::addColumn<QString>("international");
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("countryCode");
        QTest::newRow("JP IP phone") << "+815031234567"
                                     << "050-3123-4567"
                                     << "+81 50-3123-4567"
                                     << "JP" << 81;
        QTest::newRow("JP mobile") << "+819059876543"
                                   << "090-5987-6543"
                                   << "+81 90-5987-6543"
                                   << "JP" << 81;
        QTest::newRow("US") << "+14155550100"
                            << "(415) 555-0100"
                            << "+1 415-555-0100"
                            << "US" << 1;
    }

    void formats()
    {
        QFETCH(QString, e164);
        QFETCH(QString, national);
        QFETCH(QString, international);
        QFETCH(QString, region);
        QFETCH(int, countryCode);
        const auto number = PhoneNumber::parse(e164);
        QVERIFY(number);
        QCOMPARE(number->national(), national);
        QCOMPARE(number->international(), international);
        QCOMPARE(number->regionCode(), region);
        QCOMPARE(number->countryCode(), countryCode);
    }

    void equality()
    {
        QCOMPARE(*PhoneNumber::parse(QStringLiteral("050-3123-4567")),
                 *PhoneNumber::parse(QStringLiteral("+81 50 3123 4567")));
        QVERIFY(*PhoneNumber::parse(QStringLiteral("050-3123-4567"))
                != *PhoneNumber::parse(QStringLiteral("090-5987-6543")));
    }

    // The toll-fraud guard's view: libphonenumber's types, and satellite and non-geographic numbers, which
    // it files as "mobile" or "VoIP" of region 001.
    void numberType_data()
    {
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("region");
        QTest::newRow("JP mobile") << "+819059876543"
                                   << "mobile"
                                   << "JP";
        QTest::newRow("JP 050 IP phone") << "+815031234567"
                                         << "voip"
                                         << "JP";
        QTest::newRow("JP 0570 Navi Dial") << "+81570012345"
                                           << "uan"
                                           << "JP";
        QTest::newRow("JP 0120 free dial") << "+81120123456"
                                           << "toll-free"
                                           << "JP";
        QTest::newRow("US") << "+12025550123"
                            << "fixed-line-or-mobile"
                            << "US";
        QTest::newRow("US 900") << "+19005550123"
                                << "premium-rate"
                                << "US";
        QTest::newRow("Jamaica +1 876") << "+18765550123"
                                        << "mobile"
                                        << "JM";
        QTest::newRow("France 0810") << "+33810123456"
                                     << "shared-cost"
                                     << "FR";
        QTest::newRow("GMSS +881 (mobile of 001)") << "+881612345678"
                                                   << "satellite"
                                                   << "001";
        QTest::newRow("Inmarsat +870") << "+870773111632"
                                       << "satellite"
                                       << "001";
        QTest::newRow("Thuraya +882 16 (VoIP of 001)") << "+88216123456"
                                                       << "satellite"
                                                       << "001";
        QTest::newRow("universal freephone +800") << "+80012345678"
                                                  << "non-geographic"
                                                  << "001";
        QTest::newRow("international premium +979") << "+979123456789"
                                                    << "non-geographic"
                                                    << "001";
        QTest::newRow("international networks +883") << "+883510012345"
                                                     << "non-geographic"
                                                     << "001";
    }

    void numberType()
    {
        QFETCH(QString, e164);
        QFETCH(QString, type);
        QFETCH(QString, region);
        const auto number = PhoneNumber::parse(e164);
        QVERIFY2(number, qPrintable(number.error()));
        QCOMPARE(Phone::numberTypeName(number->type()), type);
        QCOMPARE(number->regionCode(), region);
        QCOMPARE(number->isNonGeographic(), region == "001");
        QCOMPARE(Phone::numberTypeFromName(type), std::optional<Phone::NumberType>(number->type()));
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "TestPhoneNumber.moc"
