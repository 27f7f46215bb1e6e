#include "tests/support/StoreTestDatabase.h"
#include "tests/support/TestCallEvent.h"

#include "core/store/CallLog.h"
#include "core/store/CallLogModel.h"
#include "core/store/Database.h"

#include <QTest>

using Store::CallLogFilter;
using Store::CallLogModel;

class TestCallLogModel : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestCallLogModel") };
    std::shared_ptr<Store::Database> m_database;

    bool record(const QString &sid, const QString &direction, const QString &from, const QString &to,
                const QString &client, const QString &status, int duration, qint64 startedMs)
    {
        const Store::CallEvent event = testCallEvent(sid, direction, from, to, client, status, duration,
                                                     QDateTime::fromMSecsSinceEpoch(startedMs, Qt::UTC));
        const auto recorded = Store::CallLog(m_database).record(event);
        return recorded && *recorded;
    }

    static QStringList sids(const CallLogModel &model)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result << model.index(row, 0).data(CallLogModel::CallSidRole).toString();
        return result;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }
    void cleanupTestCase() { m_store.tearDown(); }
    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        QVERIFY(record("CA1", "incoming", "+819059876543", "+815031234567", "alice", "completed", 65, 1000));
        QVERIFY(record("CA2", "outgoing", "client:alice", "+14155550100", "alice", "no-answer", -1, 2000));
        QVERIFY(record("CA3", "incoming", "+819011112222", "+815031230000", "bob", "completed", 3723, 3000));
    }
    void cleanup() { m_database.reset(); }

    void newestFirstWithDuration()
    {
        CallLogModel model(m_database, "JP");
        QCOMPARE(sids(model), QStringList({ "CA3", "CA2", "CA1" }));
        QCOMPARE(model.index(0, CallLogModel::DurationColumn).data().toString(), QString("1:02:03"));
        QCOMPARE(model.index(1, CallLogModel::DurationColumn).data().toString(), QString());
        QCOMPARE(model.index(2, CallLogModel::DurationColumn).data().toString(), QString("1:05"));
        QCOMPARE(model.index(2, CallLogModel::FromColumn).data().toString(), QString("+81 90-5987-6543"));
        QCOMPARE(model.index(1, CallLogModel::FromColumn).data().toString(), QString("client:alice"));
        QCOMPARE(model.index(1, CallLogModel::DirectionColumn).data().toString(), QString("Outgoing"));
    }

    void callingBackDialsTheOtherParty()
    {
        CallLogModel model(m_database, "JP");
        QCOMPARE(model.index(0, 0).data(CallLogModel::RemoteAddressRole).toString(),
                 QString("+819011112222"));
        QCOMPARE(model.index(1, 0).data(CallLogModel::RemoteAddressRole).toString(), QString("+14155550100"));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("national number") << "090-5987-6543"
                                         << ""
                                         << ""
                                         << "" << QStringList { "CA1" };
        QTest::newRow("part of a number") << "3123"
                                          << ""
                                          << ""
                                          << "" << QStringList { "CA3", "CA1" };
        QTest::newRow("client address") << "client:ALICE"
                                        << ""
                                        << ""
                                        << "" << QStringList { "CA2" };
        QTest::newRow("client") << ""
                                << "bob"
                                << ""
                                << "" << QStringList { "CA3" };
        QTest::newRow("direction") << ""
                                   << ""
                                   << "outgoing"
                                   << "" << QStringList { "CA2" };
        QTest::newRow("status") << ""
                                << ""
                                << ""
                                << "completed" << QStringList { "CA3", "CA1" };
        QTest::newRow("all of them") << "3123"
                                     << "alice"
                                     << "incoming"
                                     << "completed" << QStringList { "CA1" };
        QTest::newRow("nothing matches") << ""
                                         << "carol"
                                         << ""
                                         << "" << QStringList {};
    }

    void filters()
    {
        QFETCH(QString, number);
        QFETCH(QString, client);
        QFETCH(QString, direction);
        QFETCH(QString, status);
        QFETCH(QStringList, expected);
        CallLogModel model(m_database, "JP");
        model.setFilter(CallLogFilter { number, client, direction, status });
        QCOMPARE(sids(model), expected);
    }

    // The Outcome column says what the call came to, Twilio's status stays as a detail, and the filter is
    // offered what occurs in the log: outcomes first, then the statuses of calls without one.
    void showsAndFiltersByOutcome()
    {
        Store::CallEvent missed
            = testCallEvent("CA5", "incoming", "+819055555555", "+815031234567", "alice", "no-answer", 0,
                            QDateTime::fromMSecsSinceEpoch(5000, Qt::UTC), Store::CallResult::Missed);
        QVERIFY(Store::CallLog(m_database).record(missed));
        missed.sequence = 3;
        missed.status = "completed";
        missed.duration = 40;
        missed.outcome = Store::CallResult::Unknown; // Twilio's last word on the caller's leg
        missed.timestamp = missed.timestamp.addSecs(40);
        QVERIFY(Store::CallLog(m_database).record(missed));
        const Store::CallEvent answered
            = testCallEvent("CA6", "incoming", "+819066666666", "+815031234567", "alice", "completed", 75,
                            QDateTime::fromMSecsSinceEpoch(6000, Qt::UTC), Store::CallResult::Answered);
        QVERIFY(Store::CallLog(m_database).record(answered));

        CallLogModel model(m_database, "JP");
        QCOMPARE(sids(model).mid(0, 2), QStringList({ "CA6", "CA5" }));
        QCOMPARE(model.index(0, CallLogModel::OutcomeColumn).data().toString(), QString("Answered"));
        QCOMPARE(model.index(0, CallLogModel::DurationColumn).data().toString(), QString("1:15"));
        QCOMPARE(model.index(1, CallLogModel::OutcomeColumn).data().toString(), QString("Missed"));
        QCOMPARE(model.index(1, CallLogModel::StatusColumn).data().toString(), QString("completed"));
        QCOMPARE(model.index(1, CallLogModel::DurationColumn).data().toString(), QString()); // nobody talked
        QVERIFY(model.index(1, CallLogModel::OutcomeColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains("completed"));
        // Logged before outcomes were kept: Twilio's status, in the outcome's words where it has them.
        QCOMPARE(model.index(3, CallLogModel::OutcomeColumn).data().toString(), QString("No answer"));
        QCOMPARE(model.index(2, CallLogModel::OutcomeColumn).data().toString(), QString("Completed"));
        QCOMPARE(model.headerData(CallLogModel::OutcomeColumn, Qt::Horizontal).toString(),
                 QString("Outcome"));

        QCOMPARE(model.outcomesInLog(), QStringList({ "answered", "missed", "no-answer", "completed" }));
        model.setFilter(CallLogFilter { "", "", "", "missed" });
        QCOMPARE(sids(model), QStringList({ "CA5" }));
        model.setFilter(CallLogFilter { "", "", "", "completed" });
        QCOMPARE(sids(model), QStringList({ "CA3", "CA1" }));
    }

    void readsAgainOnlyWhenSomethingWasStored()
    {
        CallLogModel model(m_database, "JP");
        QVERIFY(!model.refreshIfChanged());
        QVERIFY(record("CA1", "incoming", "+819059876543", "+815031234567", "alice", "completed", 65, 1000)
                == false); // stored before: nothing new
        QVERIFY(!model.refreshIfChanged());
        QVERIFY(record("CA9", "incoming", "+819000000000", "+815031234567", "alice", "ringing", -1, 5000));
        QVERIFY(model.refreshIfChanged());
        QCOMPARE(model.index(0, 0).data(CallLogModel::CallSidRole).toString(), QString("CA9"));
        QVERIFY(!model.refreshIfChanged());
    }

    void refreshShowsNewCallsAndStatuses()
    {
        CallLogModel model(m_database, "JP");
        QVERIFY(record("CA4", "incoming", "+819000000000", "+815031234567", "alice", "ringing", -1, 4000));
        QCOMPARE(model.rowCount(), 3);
        model.refresh();
        QCOMPARE(sids(model).first(), QString("CA4"));
        QCOMPARE(model.rowOf("CA1"), 3);
        QCOMPARE(model.rowOf("CA9"), -1);
    }
};

QTEST_GUILESS_MAIN(TestCallLogModel)
#include "TestCallLogModel.moc"
