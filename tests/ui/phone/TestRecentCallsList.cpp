#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/MarkupLabels.h"
#include "tests/support/TestCallEvent.h"
#include "ui/phone/RecentCallsList.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestRecentCallsList : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;

    void record(const QString &callSid, const QString &direction, const QString &from, const QString &to,
                const QString &client, const QString &status, int duration, int minutesAgo)
    {
        const Store::CallEvent event
            = testCallEvent(callSid, direction, from, to, client, status, duration,
                            QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo));
        QVERIFY(Store::CallLog(m_database).record(event));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("calls.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
    }

    void emptyLogSaysSo()
    {
        RecentCallsList list(m_database, "alice", "JP");
        list.refresh();
        QCOMPARE(list.count(), 1);
        QCOMPARE(list.item(0)->text(), QString("No calls yet"));
        QCOMPARE(list.item(0)->flags(), Qt::NoItemFlags);
    }

    void listsThisPhonesCallsNewestFirstAndCallsBack()
    {
        record("CA1", "incoming", "+819059876543", "+815031234567", "alice", "completed", 65, 30);
        record("CA2", "outgoing", "client:alice", "+14155550100", "alice", "no-answer", -1, 10);
        record("CA3", "incoming", "+819011112222", "+815099999999", "bob", "completed", 5, 5); // not ours
        record("CA4", "incoming", "+819033334444", "+815031234567", "alice", "no-answer", -1, 1);

        RecentCallsList list(m_database, "alice", "JP");
        list.refresh();
        QCOMPARE(list.count(), 3);
        QVERIFY2(list.item(0)->text().startsWith("↙ +81 90-3333-4444"), qPrintable(list.item(0)->text()));
        QVERIFY(list.item(0)->text().endsWith("missed"));
        QVERIFY2(list.item(1)->text().startsWith("↗ +1 415-555-0100"), qPrintable(list.item(1)->text()));
        QVERIFY(list.item(1)->text().endsWith("not answered"));
        QVERIFY(list.item(2)->text().startsWith("↙ +81 90-5987-6543"));
        QVERIFY(list.item(2)->text().endsWith("1 min 5 s"));

        QSignalSpy callBack(&list, &RecentCallsList::callBackRequested);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        list.refresh(); // showing refreshed it
        list.setCurrentRow(1);
        const QRect row = list.visualItemRect(list.item(1));
        // A double-click is a click and then the second press: the view acts on the row it saw pressed.
        QTest::mouseClick(list.viewport(), Qt::LeftButton, {}, row.center());
        QTest::mouseDClick(list.viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(callBack.size(), 1);
        QCOMPARE(callBack.first().first().toString(), QString("+14155550100"));
        // Enter on the current row does the same.
        list.setCurrentRow(0);
        QTest::keyClick(&list, Qt::Key_Return);
        QCOMPARE(callBack.size(), 2);
        QCOMPARE(callBack.last().first().toString(), QString("+819033334444"));
    }

    // A SIP caller names itself: whatever it says shows as it is, in the row and in its tool tip.
    void markupInACallerShowsAsItIs()
    {
        using MarkupLabels::markup;
        record("CA9", "incoming", markup, "+815031234567", "carol", "completed", 3, 1);
        RecentCallsList list(m_database, "carol", "JP");
        list.refresh();
        QCOMPARE(list.count(), 1);
        QVERIFY2(list.item(0)->text().contains(markup), qPrintable(list.item(0)->text()));
        QCOMPARE(MarkupLabels::toolTipAsShown(list.item(0)->toolTip()), "Call from " + markup);
    }
};

QTEST_MAIN(TestRecentCallsList)
#include "TestRecentCallsList.moc"
