#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/MarkupLabels.h"
#include "tests/support/TestCallEvent.h"
#include "ui/phone/RecentCallsList.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Phone::RecentCallsList;

class TestRecentCallsList : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;

    static QImage iconOf(const QListWidgetItem *item) { return item->icon().pixmap(32, 32).toImage(); }

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
        RecentCallsList list(RecentCallsList::fromCallLog(m_database, "alice"), "JP");
        list.refresh();
        QCOMPARE(list.count(), 1);
        QCOMPARE(list.item(0)->text(), QString("No calls yet"));
        QCOMPARE(list.item(0)->flags(), Qt::NoItemFlags);
    }

    void listsThisPhonesCallsNewestFirstAndCallsBack()
    {
        recordTestCall(m_database, "CA1", "incoming", "+819059876543", "+815031234567", "alice", "completed",
                       65, 30);
        recordTestCall(m_database, "CA2", "outgoing", "client:alice", "+14155550100", "alice", "no-answer",
                       -1, 10);
        recordTestCall(m_database, "CA3", "incoming", "+819011112222", "+815099999999", "bob", "completed", 5,
                       5); // not ours
        recordTestCall(m_database, "CA4", "incoming", "+819033334444", "+815031234567", "alice", "no-answer",
                       -1, 1);

        RecentCallsList list(RecentCallsList::fromCallLog(m_database, "alice"), "JP");
        list.refresh();
        QCOMPARE(list.count(), 3);
        // Logged before outcomes were kept: Twilio's statuses still tell a missed call.
        QVERIFY2(list.item(0)->text().startsWith("+81 90-3333-4444"), qPrintable(list.item(0)->text()));
        QVERIFY(list.item(0)->text().endsWith("Missed"));
        QVERIFY2(list.item(1)->text().startsWith("+1 415-555-0100"), qPrintable(list.item(1)->text()));
        QVERIFY(list.item(1)->text().endsWith("No answer"));
        QVERIFY(list.item(2)->text().startsWith("+81 90-5987-6543"));
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

    // Twilio says "completed" for all of these; the list says what happened, and a missed call stands out:
    // red, with an icon of its own, unlike an answered incoming call or an outgoing one.
    void showsWhatEachCallCameTo()
    {
        using Store::CallResult;
        recordTestCall(m_database, "CB1", "incoming", "+819011110001", "+815031234567", "dave", "completed",
                       65, 50, CallResult::Answered);
        recordTestCall(m_database, "CB2", "outgoing", "client:dave", "+819011110002", "dave", "completed", 12,
                       40, CallResult::Answered);
        recordTestCall(m_database, "CB3", "incoming", "+819011110003", "+815031234567", "dave", "completed",
                       0, 30, CallResult::Missed);
        recordTestCall(m_database, "CB4", "incoming", "+819011110004", "+815031234567", "dave", "completed",
                       0, 20, CallResult::Declined);
        recordTestCall(m_database, "CB5", "incoming", "+819011110005", "+815031234567", "dave", "completed",
                       0, 10, CallResult::Voicemail);
        RecentCallsList list(RecentCallsList::fromCallLog(m_database, "dave"), "JP");
        list.refresh();
        QCOMPARE(list.count(), 5);
        const auto row = [&list](const QString &number) -> QListWidgetItem * {
            for (int index = 0; index < list.count(); ++index) {
                if (list.item(index)->text().startsWith(number))
                    return list.item(index);
            }
            return nullptr;
        };
        QListWidgetItem *answered = row("+81 90-1111-0001");
        QListWidgetItem *outgoing = row("+81 90-1111-0002");
        QListWidgetItem *missed = row("+81 90-1111-0003");
        QListWidgetItem *declined = row("+81 90-1111-0004");
        QListWidgetItem *voicemail = row("+81 90-1111-0005");
        QVERIFY(answered && outgoing && missed && declined && voicemail);
        QVERIFY2(answered->text().endsWith("Answered, 1 min 5 s"), qPrintable(answered->text()));
        QVERIFY(outgoing->text().endsWith("Answered, 12 s"));
        QVERIFY(missed->text().endsWith("Missed"));
        QVERIFY(declined->text().endsWith("Declined"));
        QVERIFY(voicemail->text().endsWith("Voicemail"));
        QCOMPARE(missed->data(RecentCallsList::outcomeRole).toString(), QString("missed"));
        QVERIFY(missed->toolTip().contains("completed"));

        QCOMPARE(missed->foreground().color(), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(voicemail->foreground().color(), missed->foreground().color());
        QVERIFY(answered->foreground().style() == Qt::NoBrush);
        QVERIFY(outgoing->foreground().style() == Qt::NoBrush);
        const QList<QImage> icons
            = { iconOf(answered), iconOf(outgoing), iconOf(missed), iconOf(declined), iconOf(voicemail) };
        for (qsizetype a = 0; a < icons.size(); ++a) {
            QVERIFY(!icons[a].isNull());
            for (qsizetype b = a + 1; b < icons.size(); ++b)
                QVERIFY2(icons[a] != icons[b],
                         qPrintable(QString("icons %1 and %2 look the same").arg(a).arg(b)));
        }
    }

    // A call's last word in the log shows at once while the list is shown, without waiting for a refresh.
    void followsTheLogWhenToldItChanged()
    {
        using Store::CallResult;
        recordTestCall(m_database, "CC1", "incoming", "+819011112233", "+815031234567", "erin", "ringing", -1,
                       0);
        RecentCallsList list(RecentCallsList::fromCallLog(m_database, "erin"), "JP");
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QVERIFY2(list.item(0)->text().endsWith("Ringing"), qPrintable(list.item(0)->text()));
        recordTestCall(m_database, "CC1", "incoming", "+819011112233", "+815031234567", "erin", "no-answer",
                       0, 0, CallResult::Missed);
        list.callLogChanged();
        QVERIFY2(list.item(0)->text().endsWith("Missed"), qPrintable(list.item(0)->text()));
    }

    // A SIP caller names itself: whatever it says shows as it is, in the row and in its tool tip.
    void markupInACallerShowsAsItIs()
    {
        using MarkupLabels::markup;
        recordTestCall(m_database, "CA9", "incoming", markup, "+815031234567", "carol", "completed", 3, 1);
        RecentCallsList list(RecentCallsList::fromCallLog(m_database, "carol"), "JP");
        list.refresh();
        QCOMPARE(list.count(), 1);
        QVERIFY2(list.item(0)->text().contains(markup), qPrintable(list.item(0)->text()));
        QCOMPARE(MarkupLabels::toolTipAsShown(list.item(0)->toolTip()).split(u'\n').first(),
                 "Call from " + markup);
    }

    // In team mode the calls come from the server, later, or not at all: a late answer to an older request
    // is dropped, and a failure is a sentence in the list.
    void aSourceThatAnswersLater()
    {
        QList<std::function<void(RecentCallsList::Calls)>> waiting;
        RecentCallsList list(
            [&waiting](const std::function<void(RecentCallsList::Calls)> &done) { waiting.append(done); },
            "JP");
        list.refresh();
        list.refresh();
        QCOMPARE(waiting.size(), 2);
        Store::CallRecord call;
        call.callSid = "CAteam";
        call.direction = "incoming";
        call.from = "+819012345678";
        call.startedAt = QDateTime::currentDateTimeUtc();
        call.outcome = Store::CallResult::Missed;
        waiting.takeLast()(QList<Store::CallRecord> { call });
        QCOMPARE(list.count(), 1);
        QVERIFY2(list.item(0)->text().contains("+81 90-1234-5678"), qPrintable(list.item(0)->text()));
        waiting.takeFirst()(QList<Store::CallRecord>()); // the older request: dropped
        QCOMPARE(list.count(), 1);

        list.refresh();
        waiting.takeFirst()(Failure("the team server cannot be reached."));
        QCOMPARE(list.count(), 1);
        QVERIFY2(list.item(0)->text().contains("cannot be reached"), qPrintable(list.item(0)->text()));
        QCOMPARE(list.item(0)->flags(), Qt::NoItemFlags);
    }

    // Missed calls (nobody answered, message or not) count from the last time the list was seen; a call
    // missed since the last reading is news, once; the list can show the missed calls alone.
    void countsMissedCallsUntilSeen()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto call
            = [&now](const char *sid, const char *direction, int minutesAgo, Store::CallResult outcome) {
                  Store::CallRecord record;
                  record.callSid = sid;
                  record.direction = direction;
                  record.from = "+819012345678";
                  record.to = "client:carol";
                  record.startedAt = now.addSecs(-60 * minutesAgo);
                  record.outcome = outcome;
                  return record;
              };
        QList<Store::CallRecord> calls { call("CAold", "incoming", 30, Store::CallResult::Missed),
                                         call("CAtalk", "incoming", 20, Store::CallResult::Answered),
                                         call("CAout", "outgoing", 15, Store::CallResult::NoAnswer) };
        RecentCallsList list(
            [&calls](const std::function<void(RecentCallsList::Calls)> &done) { done(calls); }, "JP");
        QSignalSpy counted(&list, &RecentCallsList::missedCountChanged);
        QSignalSpy arrived(&list, &RecentCallsList::missedCallArrived);
        QSignalSpy seen(&list, &RecentCallsList::seenUntilChanged);
        list.setSeenUntil(now.addSecs(-60 * 25)); // the old missed call was seen
        list.refresh();
        QCOMPARE(list.missedCount(), 0);
        QVERIFY(arrived.isEmpty()); // the first reading tells of nothing

        // A call rings, then is missed with a message left: counted, and told of once.
        calls.prepend(call("CAnew", "incoming", 1, Store::CallResult::Unknown));
        calls.first().status = "ringing";
        list.refresh();
        QCOMPARE(list.missedCount(), 0);
        calls.first().outcome = Store::CallResult::Voicemail;
        calls.first().status = "completed";
        list.refresh();
        list.refresh();
        QCOMPARE(list.missedCount(), 1);
        QCOMPARE(counted.constLast().constFirst().toInt(), 1);
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.constFirst().constFirst().toString(), QString("+819012345678"));

        // Missed calls only: the two missed, not the answered one nor the call out that nobody took.
        list.setMissedOnly(true);
        QCOMPARE(list.count(), 2);
        QCOMPARE(list.item(0)->data(RecentCallsList::outcomeRole).toString(), QString("voicemail"));
        QCOMPARE(list.item(1)->data(RecentCallsList::outcomeRole).toString(), QString("missed"));
        list.setMissedOnly(false);
        QCOMPARE(list.count(), 4);

        // Seen: the count clears, and the mark (to keep) is the newest call's time.
        list.markSeen();
        QCOMPARE(list.missedCount(), 0);
        QCOMPARE(counted.constLast().constFirst().toInt(), 0);
        QCOMPARE(seen.constLast().constFirst().toDateTime(), calls.first().startedAt);
        // Shown is seen too.
        calls.prepend(call("CAlater", "incoming", 0, Store::CallResult::Missed));
        list.refresh();
        QCOMPARE(list.missedCount(), 1);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QCOMPARE(list.missedCount(), 0);
    }
};

QTEST_MAIN(TestRecentCallsList)
#include "TestRecentCallsList.moc"
