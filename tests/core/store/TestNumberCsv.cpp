#include "tests/support/StoreTestDatabase.h"

#include "core/store/Database.h"
#include "core/store/NumberCsv.h"
#include "core/store/NumberStore.h"

#include <QTest>

using Store::NumberCsv;
using Store::NumberCsvRow;
using Store::NumberMapping;

class TestNumberCsv : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestNumberCsv") };
    std::shared_ptr<Store::Database> m_database;

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }
    void cleanupTestCase() { m_store.tearDown(); }
    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        QVERIFY(StoreTestDatabase::addClient(m_database, "alice"));
    }
    void cleanup() { m_database.reset(); }

    void readsRowsWithOrWithoutHeader_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("no header") << QByteArray("+815031234567,alice,Tokyo,yes\n050-3123-0000,alice\n");
        QTest::newRow("header, other order")
            << QByteArray("label,client,number\r\nTokyo,alice,+815031234567\r\n,alice,050-3123-0000\r\n");
        QTest::newRow("semicolons, BOM, quotes")
            << QByteArray("\xEF\xBB\xBFnumber;client;label\n\"+81 50 3123 4567\";alice;\"Tokyo\"\n"
                          "\"050-3123-0000\";\"alice\";\n\n");
    }

    void readsRowsWithOrWithoutHeader()
    {
        QFETCH(QByteArray, csv);
        const auto rows = NumberCsv::read(csv);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).mapping.clientName, QString("alice"));
        QCOMPARE(rows->at(0).mapping.label, QString("Tokyo"));
        QVERIFY(rows->at(0).mapping.enabled);
        QVERIFY(rows->at(0).problem.isEmpty());
        QCOMPARE(rows->at(1).mapping.label, QString());
    }

    void quotedFieldsKeepSeparatorsQuotesAndLines()
    {
        const auto rows = NumberCsv::read("+815031234567,alice,\"Tokyo, \"\"main\"\"\nfloor 2\",no\n"
                                          "+815031230000,alice,x\n");
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).mapping.label, QString("Tokyo, \"main\"\nfloor 2"));
        QVERIFY(!rows->at(0).mapping.enabled);
        QCOMPARE(rows->at(0).line, 1);
        QCOMPARE(rows->at(1).line, 3); // the quoted field spans two lines
    }

    void notCsvFailsAsAWholeNamingTheLine_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("reason");
        QTest::newRow("open quote") << QByteArray("+815031234567,alice\n+815031230000,\"alice\n") << "line 2";
        QTest::newRow("text after quote") << QByteArray("+815031234567,\"alice\"x\n") << "line 1";
        QTest::newRow("not UTF-8") << QByteArray("+815031234567,\xff\xfe\n") << "UTF-8";
    }

    void notCsvFailsAsAWholeNamingTheLine()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, reason);
        const auto rows = NumberCsv::read(csv);
        QVERIFY(!rows);
        QVERIFY2(rows.error().contains(reason), qPrintable(rows.error()));
    }

    void checkNamesEachBadRow()
    {
        Store::NumberStore numbers(m_database, "JP");
        QVERIFY(numbers.add("+815031239999", "alice"));
        auto rows = NumberCsv::read("number,client,label,enabled\n"
                                    "+815031234567,alice,ok,yes\n" // line 2
                                    "12,alice,bad number,yes\n" // line 3
                                    "+815031234567,alice,twice,yes\n" // line 4
                                    "+815031239999,alice,mapped,yes\n" // line 5
                                    "+815031230001,carol,no client,yes\n" // line 6
                                    "+815031230002,alice,flag,maybe\n" // line 7
                                    "+815031230003,alice,x,yes,extra\n"); // line 8
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(NumberCsv::check(rows.value(), numbers, { "alice" }), 6);
        QCOMPARE(rows->size(), 7);
        QVERIFY(rows->at(0).problem.isEmpty());
        QCOMPARE(rows->at(0).mapping.e164, QString("+815031234567"));
        QCOMPARE(rows->at(1).line, 3);
        QVERIFY(!rows->at(1).problem.isEmpty());
        QVERIFY2(rows->at(2).problem.contains("line 2"), qPrintable(rows->at(2).problem));
        QVERIFY2(rows->at(3).problem.contains("mapped already"), qPrintable(rows->at(3).problem));
        QVERIFY2(rows->at(4).problem.contains("no client named carol"), qPrintable(rows->at(4).problem));
        QVERIFY2(rows->at(5).problem.contains("maybe"), qPrintable(rows->at(5).problem));
        QVERIFY2(rows->at(6).problem.contains("columns"), qPrintable(rows->at(6).problem));
    }

    void writeThenReadGivesTheSameMappings()
    {
        QList<NumberMapping> mappings;
        NumberMapping plain;
        plain.e164 = "+815031234567";
        plain.clientName = "alice";
        plain.label = "Tokyo";
        NumberMapping awkward;
        awkward.e164 = "+815031230000";
        awkward.clientName = "alice";
        awkward.label = "=HYPERLINK(\"x\"), \"quoted\"\nsecond line";
        awkward.enabled = false;
        mappings << plain << awkward;
        const QByteArray csv = NumberCsv::write(mappings);
        QVERIFY(csv.startsWith("number,client,label,enabled\r\n"));
        QVERIFY2(csv.contains(",\"'=HYPERLINK"), csv.constData()); // a spreadsheet shows it as text
        const auto rows = NumberCsv::read(csv);
        QVERIFY2(rows, qPrintable(rows.error()));
        QCOMPARE(rows->size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(rows->at(i).mapping.e164, mappings.at(i).e164);
            QCOMPARE(rows->at(i).mapping.clientName, mappings.at(i).clientName);
            QCOMPARE(rows->at(i).mapping.label, mappings.at(i).label);
            QCOMPARE(rows->at(i).mapping.enabled, mappings.at(i).enabled);
        }
    }

    void refusesAFileTooBig()
    {
        const QByteArray big(NumberCsv::maxBytes + 1, 'a');
        const auto rows = NumberCsv::read(big);
        QVERIFY(!rows);
        QVERIFY2(rows.error().contains("larger"), qPrintable(rows.error()));
    }
};

QTEST_GUILESS_MAIN(TestNumberCsv)
#include "TestNumberCsv.moc"
