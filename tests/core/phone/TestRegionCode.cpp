#include "core/phone/RegionCode.h"

#include <QTest>

using Phone::RegionCode;

class TestRegionCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizesWhatPeopleType_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored");
        QTest::newRow("as stored") << "JP"
                                   << "JP";
        QTest::newRow("small letters") << "us"
                                       << "US";
        QTest::newRow("spaces") << " gb "
                                << "GB";
    }
    void normalizesWhatPeopleType()
    {
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        QCOMPARE(RegionCode::normalized(typed), stored);
        QVERIFY2(RegionCode::problem(RegionCode::normalized(typed)).isEmpty(),
                 qPrintable(RegionCode::problem(RegionCode::normalized(typed))));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << ""
                               << "give a region code such as JP or US";
        QTest::newRow("small letters, as stored") << "jp"
                                                  << "'jp' is not a region code";
        QTest::newRow("unknown") << "ZZ"
                                 << "'ZZ' is not a region code";
        QTest::newRow("three letters") << "JPN"
                                       << "two capital letters";
        QTest::newRow("calling code") << "1"
                                      << "'1' is a calling code, not a region; +1 is US, ";
        QTest::newRow("calling code with +") << "+81"
                                             << "+81 is JP";
        QTest::newRow("no such calling code") << "999"
                                              << "'999' is a calling code, not a region: give ISO";
    }
    void refuses()
    {
        QFETCH(QString, code);
        QFETCH(QString, problem);
        QVERIFY2(RegionCode::problem(code).contains(problem), qPrintable(RegionCode::problem(code)));
    }
};

QTEST_GUILESS_MAIN(TestRegionCode)
#include "TestRegionCode.moc"
