// What PostgresCallBatch builds before it talks to a server: the rounds a batch is split into, and the JSON
// it binds. Storing through it is tested by TestCallLog_postgres.

#include "core/store/CallLog.h"
#include "core/store/PostgresCallBatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

    // What the statement reads back with json_to_recordset: every column, in the round's order, text as
    // it was (quotes, backslashes, braces, non-ASCII), and null only where the column is NULL.
    void rowsJsonHoldsEachEventsColumns()
    {
        CallEvent answered = event("CA1");
        answered.status = QStringLiteral(" completed ");
        answered.sequence = 3;
        answered.duration = 42;
        answered.from = QStringLiteral("say \"hi\" \\ {a,b} NULL 'x' \u00e9\u96fb");
        answered.timestamp = QDateTime::fromMSecsSinceEpoch(1796242584000, Qt::UTC);
        answered.outcome = Store::CallResult::Answered;
        const QList<CallEvent> events { event("CA0"), answered };
        const qint64 now = 1796242584747;

        const QJsonDocument document
            = QJsonDocument::fromJson(PostgresCallBatch::rowsJson(events, { 1, 0 }, now));
        QVERIFY(document.isArray());
        const QJsonArray rows = document.array();
        QCOMPARE(rows.size(), 2);
        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(first.value("ordinal").toInt(), 0);
        QCOMPARE(first.value("call_sid").toString(), QString("CA1"));
        QCOMPARE(first.value("status").toString(), QString("completed"));
        QCOMPARE(first.value("sequence").toInt(), 3);
        QCOMPARE(first.value("from_address").toString(), answered.from);
        QCOMPARE(first.value("duration").toInt(), 42);
        QCOMPARE(first.value("happened_at").toInteger(), 1796242584000);
        QCOMPARE(first.value("ended_at").toInteger(), 1796242584000); // a final status
        QCOMPARE(first.value("received_at").toInteger(), now);
        QCOMPARE(first.value("outcome").toString(), Store::CallResults::name(Store::CallResult::Answered));

        const QJsonObject second = rows.at(1).toObject();
        QCOMPARE(second.value("ordinal").toInt(), 1);
        QCOMPARE(second.value("call_sid").toString(), QString("CA0"));
        QCOMPARE(second.value("sequence").toInt(), -1);
        QVERIFY(second.value("duration").isNull()); // unknown
        QVERIFY(second.value("ended_at").isNull()); // ringing is not final
        QCOMPARE(second.value("happened_at").toInteger(), now); // no timestamp: when it was stored
        QCOMPARE(second.value("to_address").toString(), QString("")); // text columns are never NULL
        QVERIFY(second.value("to_address").isString());
    }
};

QTEST_GUILESS_MAIN(TestPostgresCallBatch)
#include "TestPostgresCallBatch.moc"
