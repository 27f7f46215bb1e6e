// Call control on the desktop phone alone, offline, through the real webhook path: a simulated caller
// rings the phone through a conference of its own (the server calls the phone in through the simulator's
// REST API); the person answers, holds and resumes (the caller hears the server's hold TwiML), transfers
// after talking first, or adds a call and merges. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures
// of each state.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "core/store/CallLogModel.h"
#include "tests/support/DesktopDriver.h"
#include "tests/support/DesktopTestMain.h"
#include "ui/MainWindow.h"
#include "ui/admin/CallLogPage.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/CallWaitingBanner.h"
#include "ui/phone/ConferenceBar.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/VoicemailPanel.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTest>

#include <memory>

using App::CommandContext;
using App::DesktopApp;
using Phone::CallPanel;
using Phone::PhoneView;

namespace {

constexpr int wait = 60000;

std::unique_ptr<QTemporaryDir> home;

} // namespace

class TestCallHold : public QObject
{
    Q_OBJECT

    QTextStream m_out { stdout };
    QTextStream m_err { stderr };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home && home->isValid());
        QSettings(qEnvironmentVariable("XDG_CONFIG_HOME") + "/Switchboard/switchboard.conf",
                  QSettings::IniFormat)
            .setValue("calls/callControl", true);
    }

    // A desktop with call control on, a simulated caller ringing it, and the call answered.
    void answerACall(DesktopApp &app)
    {
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);

        DesktopDriver::simulateCallToThisPhone(window);
        if (QTest::currentTestFailed())
            return;
        auto *prompt = window->findChild<Phone::IncomingCallPrompt *>();
        QTRY_VERIFY_WITH_TIMEOUT(prompt->isVisible(), wait);
        QCOMPARE(prompt->callerText(), QString("+81 90-5987-6543"));
        auto *accept = prompt->findChild<QPushButton *>("accept");
        QVERIFY(accept);
        QTest::mouseClick(accept, Qt::LeftButton);
    }

    // Transfer… or Add call…, to number, with a picture of the dialog.
    static void bringIn(Ui::MainWindow *window, const char *button, const QString &number, bool talkFirst)
    {
        DesktopDriver::bringIntoCall(window, button, number, talkFirst, [button](QWidget *dialog) {
            saveScreenshot(dialog, QStringLiteral("call-target-%1").arg(QString::fromLatin1(button)));
        });
    }

    void theCallerIsHeldAndResumed()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *phone = window->findChild<PhoneView *>();

        // Connected, through the conference: Hold is offered.
        auto *panel = window->findChild<CallPanel *>();
        auto *hold = panel->findChild<QPushButton *>("hold");
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() && panel->isHoldAvailable(), wait);
        QCOMPARE(hold->text(), QString("Hold"));
        QVERIFY(panel->heldText().isEmpty());
        saveScreenshot(window, QStringLiteral("call-connected"));

        // Hold, by its shortcut: the button waits for the server, then says Resume, and a sentence says
        // what the caller hears.
        window->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), window);
        QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_H));
        QTRY_VERIFY2_WITH_TIMEOUT(!panel->heldText().isEmpty() || !panel->problemText().isEmpty(),
                                  qPrintable(QString("pending: %1").arg(!hold->isEnabled())), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        QCOMPARE(panel->heldText(),
                 QString("On hold: the other side hears a hold message and nothing of you"));
        QCOMPARE(hold->text(), QString("Resume"));
        QVERIFY(hold->isChecked());
        QVERIFY(hold->isEnabled());
        saveScreenshot(window, QStringLiteral("call-on-hold"));

        // Resume, by the button.
        QTest::mouseClick(hold, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->heldText().isEmpty(), wait);
        QCOMPARE(hold->text(), QString("Hold"));
        QVERIFY(!hold->isChecked());
        QVERIFY(panel->problemText().isEmpty());

        // Hang up: the conference ends, and the phone is ready again.
        QTest::mouseClick(panel->findChild<QPushButton *>("hangUp"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
    }

    // Transfer…, talking first: the caller holds while the phone calls a number; once it answers the bar
    // says who is talking and who holds; Hand over leaves the two connected and the phone free.
    void aCallIsTransferredAfterTalkingFirst()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *panel = window->findChild<CallPanel *>();
        Phone::ConferenceBar *bar = panel->conferenceBar();
        bringIn(window, "transfer", "090-1111-2222", true);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QString("Transferring to +81 90-1111-2222…"), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        QCOMPARE(panel->findChild<QPushButton *>("dropParty")->text(),
                 QString("Stop calling +81 90-1111-2222"));
        saveScreenshot(window, QStringLiteral("call-transferring"));
        // The far end answers (the simulator's numbers do after 2 s).
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(),
                                  QString("Talking to +81 90-1111-2222; +81 90-5987-6543 on hold"), wait);
        auto *handOver = panel->findChild<QPushButton *>("handOver");
        QVERIFY(handOver->isVisible());
        saveScreenshot(window, QStringLiteral("call-talking-first"));
        window->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), window);
        QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        // The phone leaves; the caller and the number stay on the call.
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
    }

    // Transfer… without talking first: the phone leaves the call at once, and the caller holds until the
    // number answers; the phone is ready for the next call.
    void aCallIsTransferredBlind()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *panel = window->findChild<CallPanel *>();
        bringIn(window, "transfer", "090-8888-9999", false);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        auto *phone = window->findChild<PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
        // The Call log page tells the story of the call: the transfer, and the number coming in.
        auto *log = window->findChild<Admin::CallLogPage *>();
        auto *calls = log->findChild<QTableView *>("calls");
        auto *story = log->findChild<QLabel *>("callStory");
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                log->refresh();
                calls->selectRow(0);
                return story->text().contains("client:desktop transferred the call to +81 90-8888-9999")
                    && story->text().contains("+81 90-8888-9999 joined");
            }(),
            wait);
    }

    // Add call…: the caller holds while a number is called and answers; Merge makes one call of three.
    // Hanging up then leaves the other two talking.
    void aCallIsAddedAndMerged()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *panel = window->findChild<CallPanel *>();
        Phone::ConferenceBar *bar = panel->conferenceBar();
        bringIn(window, "addCall", "+819033334444", false);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(),
                                  QString("Talking to +81 90-3333-4444; +81 90-5987-6543 on hold"), wait);
        auto *merge = panel->findChild<QPushButton *>("merge");
        QVERIFY(merge->isVisible());
        QTest::mouseClick(merge, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QString("3 people on the call"), wait);
        QVERIFY(!panel->findChild<QPushButton *>("hold")->isChecked());
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        saveScreenshot(window, QStringLiteral("call-three-way"));

        // A second added call is called off from the bar: the others come back.
        bringIn(window, "addCall", "+819055556666", false);
        if (QTest::currentTestFailed())
            return;
        auto *drop = panel->findChild<QPushButton *>("dropParty");
        QTRY_VERIFY_WITH_TIMEOUT(drop->isVisible(), wait);
        QTest::mouseClick(drop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QString("3 people on the call"), wait);
        QVERIFY(!drop->isVisible());

        QTest::mouseClick(panel->findChild<QPushButton *>("hangUp"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
    }

    // Call waiting: a second caller while the phone is on a call. The banner names it; Hold and answer holds
    // the first at the server and answers the second; when that one ends, the first is back, held, until
    // Resume.
    void aSecondCallWaitsAndIsAnsweredWhileTheFirstHolds()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *panel = window->findChild<CallPanel *>();
        auto *banner = window->findChild<Phone::CallWaitingBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isHoldAvailable(), wait);
        DesktopDriver::simulateCallToThisPhone(window, "+819012345678");
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(banner->waitingText(), QString("Call waiting: +81 90-1234-5678"), wait);
        QCOMPARE(panel->remoteText(), QString("+81 90-5987-6543"));
        saveScreenshot(window, QStringLiteral("call-waiting"));

        window->activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), window);
        QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_Return));
        QTRY_COMPARE_WITH_TIMEOUT(panel->remoteText(), QString("+81 90-1234-5678"), wait);
        QVERIFY(banner->waitingText().isEmpty());
        QCOMPARE(banner->heldText(),
                 QString("+81 90-5987-6543 is on hold; the call comes back when this one ends"));
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        saveScreenshot(window, QStringLiteral("call-waiting-answered"));

        // The second call ends: the first is back, still held, and Resume brings its caller back.
        QTest::mouseClick(panel->findChild<QPushButton *>("hangUp"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->remoteText(), QString("+81 90-5987-6543"), wait);
        QVERIFY(banner->heldText().isEmpty());
        auto *hold = panel->findChild<QPushButton *>("hold");
        QTRY_VERIFY_WITH_TIMEOUT(hold->isChecked() && hold->text() == "Resume", wait);
        QTest::mouseClick(hold, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->heldText().isEmpty() && !hold->isChecked(), wait);
        QVERIFY2(panel->problemText().isEmpty(), qPrintable(panel->problemText()));
        QTest::mouseClick(panel->findChild<QPushButton *>("hangUp"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
    }

    // A waiting call declined: the banner goes, the call on goes on, the call log has the call declined, and
    // the second caller reaches voicemail.
    void aWaitingCallDeclinedReachesVoicemail()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        answerACall(app);
        if (QTest::currentTestFailed())
            return;
        Ui::MainWindow *window = app.window();
        auto *panel = window->findChild<CallPanel *>();
        auto *banner = window->findChild<Phone::CallWaitingBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isHoldAvailable(), wait);
        DesktopDriver::simulateCallToThisPhone(window, "+819077776666");
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!banner->waitingText().isEmpty(), wait);
        QTest::mouseClick(banner->findChild<QPushButton *>("declineWaiting"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(banner->waitingText().isEmpty(), wait);
        QCOMPARE(panel->remoteText(), QString("+81 90-5987-6543"));
        auto *log = window->findChild<Admin::CallLogPage *>();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                log->refresh();
                const auto *model = log->model();
                for (int row = 0; row < model->rowCount(); ++row)
                    if (model->index(row, Store::CallLogModel::FromColumn).data().toString()
                            == "+81 90-7777-6666"
                        && model->index(row, Store::CallLogModel::OutcomeColumn).data().toString()
                            == "Declined")
                        return true;
                return false;
            }(),
            wait);
        QListWidget *messages = window->findChild<PhoneView *>()->voicemail()->messageList();
        QTRY_VERIFY_WITH_TIMEOUT(
            messages->count() == 1 && messages->item(0)->text().contains("+81 90-7777-6666"), wait);
        QVERIFY(panel->isVisible());
        QTest::mouseClick(panel->findChild<QPushButton *>("hangUp"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isVisible(), wait);
    }
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestCallHold>(home, argc, argv);
}

#include "TestCallHold.moc"
