#include "core/store/CallLog.h"
#include "core/store/CallLogModel.h"
#include "core/store/CallStory.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/TestCallEvent.h"
#include "ui/admin/CallLogPage.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Admin::CallLogPage;

class TestCallLogPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;

    static QStringList shownSids(QTableView *table)
    {
        QStringList sids;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            sids << table->model()->index(row, 0).data(Store::CallLogModel::CallSidRole).toString();
        return sids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("calls.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        recordTestCall(m_database, "CA1", "incoming", "+819059876543", "+815031234567", "alice", "completed",
                       65, 30);
        recordTestCall(m_database, "CA2", "outgoing", "client:alice", "+14155550100", "alice", "no-answer",
                       -1, 10);
        recordTestCall(m_database, "CA3", "incoming", "+819011112222", "+815031230000", "bob", "busy", -1, 5);
    }

    void showsNewestFirstAndFilters()
    {
        CallLogPage page(m_database, "JP");
        page.setClientNames({ "alice", "bob" });
        auto *table = page.findChild<QTableView *>("calls");
        QCOMPARE(shownSids(table), QStringList({ "CA3", "CA2", "CA1" }));
        QCOMPARE(table->model()->index(2, Store::CallLogModel::DurationColumn).data().toString(),
                 QString("1:05"));

        page.findChild<QComboBox *>("clientFilter")->setCurrentText("alice");
        QCOMPARE(shownSids(table), QStringList({ "CA2", "CA1" }));
        page.findChild<QComboBox *>("directionFilter")->setCurrentText("Incoming");
        QCOMPARE(shownSids(table), QStringList({ "CA1" }));
        page.findChild<QComboBox *>("clientFilter")->setCurrentIndex(0);
        page.findChild<QComboBox *>("directionFilter")->setCurrentIndex(0);
        page.findChild<QComboBox *>("outcomeFilter")->setCurrentText("Busy");
        QCOMPARE(shownSids(table), QStringList({ "CA3" }));
        page.findChild<QComboBox *>("outcomeFilter")->setCurrentIndex(0);
        page.findChild<QLineEdit *>("numberFilter")->setText("090-5987-6543");
        QCOMPARE(shownSids(table), QStringList({ "CA1" }));
    }

    // The filter offers what the calls came to, as far as it occurs in the log, and follows the log.
    void theOutcomeFilterOffersWhatOccurs()
    {
        QTemporaryDir dir;
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(dir.filePath("outcomes.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        // The other tests' calls are not in this one's log.
        const auto restore = qScopeGuard([this, saved = m_database] { m_database = saved; });
        m_database = *database;
        recordTestCall(m_database, "CO1", "incoming", "+819011110001", "+815031234567", "alice", "completed",
                       65, 30, Store::CallResult::Answered);
        recordTestCall(m_database, "CO2", "incoming", "+819011110002", "+815031234567", "alice", "completed",
                       0, 20, Store::CallResult::Voicemail);
        CallLogPage page(m_database, "JP");
        auto *outcomes = page.findChild<QComboBox *>("outcomeFilter");
        QVERIFY(outcomes);
        const auto offered = [outcomes] {
            QStringList texts;
            for (int index = 0; index < outcomes->count(); ++index)
                texts << outcomes->itemText(index);
            return texts;
        };
        QCOMPARE(offered(), QStringList({ "Any outcome", "Answered", "Voicemail" }));
        outcomes->setCurrentText("Voicemail");
        auto *table = page.findChild<QTableView *>("calls");
        QCOMPARE(shownSids(table), QStringList({ "CO2" }));
        QCOMPARE(table->model()->index(0, Store::CallLogModel::OutcomeColumn).data().toString(),
                 QString("Voicemail"));

        recordTestCall(m_database, "CO3", "incoming", "+819011110003", "+815031234567", "alice", "completed",
                       0, 10, Store::CallResult::Declined);
        page.refresh();
        QCOMPARE(offered(), QStringList({ "Any outcome", "Answered", "Voicemail", "Declined" }));
        QCOMPARE(outcomes->currentText(), QString("Voicemail")); // the choice stays
        QCOMPARE(shownSids(table), QStringList({ "CO2" }));

        if (const QString shots = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS"); !shots.isEmpty()) {
            recordTestCall(m_database, "CO4", "incoming", "+819011110004", "+815031234567", "alice",
                           "completed", 0, 5, Store::CallResult::Missed);
            recordTestCall(m_database, "CO5", "outgoing", "client:alice", "+819011110005", "alice",
                           "completed", 0, 2, Store::CallResult::Busy);
            outcomes->setCurrentIndex(0);
            page.refresh();
            page.resize(900, 320);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QDir().mkpath(shots);
            QVERIFY(page.grab().save(shots + "/call-log-outcomes.png"));
        }
    }

    void doubleClickCallsTheOtherPartyBack()
    {
        CallLogPage page(m_database, "JP");
        page.resize(900, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = page.findChild<QTableView *>("calls");
        QSignalSpy callBack(&page, &CallLogPage::callBackRequested);
        const QRect outgoing = table->visualRect(table->model()->index(1, Store::CallLogModel::ToColumn));
        // A double-click is a press, a release and the double-click event, as a mouse sends them.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, outgoing.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, outgoing.center());
        QCOMPARE(callBack.count(), 1);
        QCOMPARE(callBack.first().first().toString(), QString("+14155550100")); // the callee, not us
        table->setCurrentIndex(table->model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(callBack.count(), 2);
        QCOMPARE(callBack.last().first().toString(), QString("+819011112222"));
    }

    void aScrolledViewKeepsItsPlaceWhenCallsArrive()
    {
        QTemporaryDir dir;
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(dir.filePath("many.sqlite")));
        QVERIFY(database);
        QList<Store::CallEvent> events;
        for (int i = 0; i < 300; ++i)
            events << testCallEvent(QString("CAmany%1").arg(i, 3, 10, QLatin1Char('0')), "incoming",
                                    "+819059876543", "+815031234567", "alice", "completed", i,
                                    QDateTime::currentDateTimeUtc().addSecs(-3600 + i));
        QCOMPARE(Store::CallLog(*database).recordMany(events).recorded, 300);

        CallLogPage page(*database, "JP");
        page.resize(900, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = page.findChild<QTableView *>("calls");
        table->scrollTo(table->model()->index(100, 0), QAbstractItemView::PositionAtTop);
        const QString top
            = table->model()->index(table->rowAt(0), 0).data(Store::CallLogModel::CallSidRole).toString();
        QVERIFY(!top.isEmpty());

        const auto recorded = Store::CallLog(*database).record(
            testCallEvent("CAnew", "incoming", "+819000000000", "+815031234567", "alice", "ringing", -1,
                          QDateTime::currentDateTimeUtc()));
        QVERIFY2(recorded, qPrintable(recorded.error()));
        page.callsChanged();
        QTRY_COMPARE(table->model()->index(0, 0).data(Store::CallLogModel::CallSidRole).toString(),
                     QString("CAnew"));
        QCOMPARE(table->model()->index(table->rowAt(0), 0).data(Store::CallLogModel::CallSidRole).toString(),
                 top);
    }

    // A call under call control reads as one story below the list: only for the call that has one.
    void theSelectedCallsStoryShows()
    {
        Store::StoryEvent held;
        held.event = Store::StoryEvent::held();
        held.party = "caller";
        held.address = "+819059876543";
        held.actor = "client:alice";
        QVERIFY(Store::CallStory(m_database).note("CA1", held));
        Store::StoryEvent transfer;
        transfer.event = Store::StoryEvent::transfer();
        transfer.party = "transfer-1";
        transfer.address = "client:bob";
        transfer.actor = "client:alice";
        transfer.detail = "talk-first";
        QVERIFY(Store::CallStory(m_database).note("CA1", transfer));

        CallLogPage page(m_database, "JP");
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = page.findChild<QTableView *>("calls");
        auto *story = page.findChild<QLabel *>("callStory");
        QVERIFY(story && !story->isVisible());
        table->selectRow(shownSids(table).indexOf("CA1"));
        QVERIFY(story->isVisible());
        QVERIFY2(story->text().contains("client:alice put +81 90-5987-6543 on hold"),
                 qPrintable(story->text()));
        QVERIFY2(story->text().contains("client:alice transferred the call to client:bob, talking first"),
                 qPrintable(story->text()));
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (!directory.isEmpty())
            QVERIFY(page.grab().save(directory + "/call-story.png"));
        table->selectRow(shownSids(table).indexOf("CA2"));
        QVERIFY(!story->isVisible());
    }

    void newCallsAppearWhileShownAndTheSelectionStays()
    {
        CallLogPage page(m_database, "JP");
        page.resize(900, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = page.findChild<QTableView *>("calls");
        table->selectRow(1);
        const QString selected = table->currentIndex().data(Store::CallLogModel::CallSidRole).toString();
        recordTestCall(m_database, "CA4", "incoming", "+819033334444", "+815031234567", "alice", "ringing",
                       -1, 0);
        page.callsChanged();
        QTRY_COMPARE(shownSids(table).first(), QString("CA4"));
        QCOMPARE(table->currentIndex().data(Store::CallLogModel::CallSidRole).toString(), selected);
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (!directory.isEmpty())
            QVERIFY(page.grab().save(directory + "/calllog.png"));
    }
};

QTEST_MAIN(TestCallLogPage)
#include "TestCallLogPage.moc"
