// What PostgresCallBatch builds before it talks to a server: the rounds a batch is split into, and the array
// literals it binds. Storing through it is tested by TestCallLog_postgres.

#include "core/store/CallLog.h"
#include "core/store/PostgresCallBatch.h"

#include <QTest>

using Store::CallEvent;
using Store::PostgresCallBatch;

class TestPostgresCallBatch : public QObject
{
    Q_OBJECT

    static CallEvent event(const QString &callSid)
    {
        CallEvent result;
        result.callSid = callSid;
        result.status = QStringLiteral("ringing");
        return result;
    }

private Q_SLOTS:
    void roundsHoldEachCallOnceInOrder()
    {
        const QList<CallEvent> events { event("CA1"), event("CA2"), event(" CA1 "),
                                        event("CA3"), event("CA1"), event("CA2") };
        // " CA1 " is stored as CA1: it is the same call.
        const QList<QList<qsizetype>> expected { { 0, 1, 3 }, { 2, 5 }, { 4 } };
        QCOMPARE(PostgresCallBatch::rounds(events), expected);
        QCOMPARE(PostgresCallBatch::rounds({ event("CA1"), event("CA2") }),
                 QList<QList<qsizetype>>({ { 0, 1 } }));
        QVERIFY(PostgresCallBatch::rounds({}).isEmpty());
    }

    // Ordinary escaped strings: with these as raw strings, moc 6.4 finds no class in this file.
    void textArrays_data()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QString>("literal");
        QTest::newRow("none") << QStringList() << "{}";
        QTest::newRow("plain") << QStringList { "a", "b c" } << "{\"a\",\"b c\"}";
        QTest::newRow("empty and null") << QStringList { "", QString() } << "{\"\",NULL}";
        QTest::newRow("the word NULL") << QStringList { "NULL" } << "{\"NULL\"}";
        QTest::newRow("quotes and backslashes")
            << QStringList { "say \"hi\" \\ bye" } << "{\"say \\\"hi\\\" \\\\ bye\"}";
        QTest::newRow("array syntax") << QStringList { "{a,b}", "'x'" } << "{\"{a,b}\",\"'x'\"}";
    }

    void textArrays()
    {
        QFETCH(QStringList, values);
        QFETCH(QString, literal);
        QCOMPARE(PostgresCallBatch::textArray(values), literal);
    }

    void numberArrays()
    {
        QCOMPARE(PostgresCallBatch::numberArray({}), QString("{}"));
        QCOMPARE(PostgresCallBatch::numberArray({ -1, std::nullopt, 1796242584747 }),
                 QString("{-1,NULL,1796242584747}"));
    }
};

QTEST_GUILESS_MAIN(TestPostgresCallBatch)
#include "TestPostgresCallBatch.moc"
