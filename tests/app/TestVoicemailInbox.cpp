// Voicemail end to end on the desktop phone alone, offline, through the real webhook path: a simulated
// caller reaches nobody (the phone rings out), leaves a message; the recording callback is stored; the
// Voicemail tab shows it new; Play fetches the simulator's WAV through the REST client, keeps it in the
// cache (the user's alone) and plays it through a null sound sink; Delete asks, then deletes it at the
// simulator and here. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures of the inbox.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "core/simulator/RecordingVault.h"
#include "tests/support/DesktopDriver.h"
#include "tests/support/DesktopTestMain.h"
#include "tests/support/VoicemailInboxDriver.h"
#include "ui/MainWindow.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"
#include "ui/phone/SimulateCallDialog.h"
#include "ui/phone/VoicemailPanel.h"
#include "ui/phone/VoicemailPlayer.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <memory>

using App::CommandContext;
using App::DesktopApp;
using Phone::PhoneView;
using Phone::SimulateCallDialog;
using Phone::VoicemailPanel;
using Phone::VoicemailPlayer;

namespace {

constexpr int wait = 60000;

std::unique_ptr<QTemporaryDir> home;

} // namespace

class TestVoicemailInbox : public QObject
{
    Q_OBJECT

    QTextStream m_out { stdout };
    QTextStream m_err { stderr };

    static QTabWidget *phoneTabs(PhoneView *phone) { return phone->findChild<QTabWidget *>(); }

    static void showPhoneTab(PhoneView *phone, QWidget *page)
    {
        QTabWidget *tabs = phoneTabs(phone);
        const int index = tabs->indexOf(page);
        QVERIFY(index >= 0);
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
        QTRY_COMPARE(tabs->currentIndex(), index);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home && home->isValid());
        QVERIFY2(VoicemailPlayer::canPlay(),
                 "no audio output: the null_sound fixture sets PULSE_SERVER for this test");
    }

    void anUnansweredCallLeavesAMessageThatPlaysAndIsDeleted()
    {
        // Rings for Twilio's shortest time, 5 s, before voicemail.
        QSettings(qEnvironmentVariable("XDG_CONFIG_HOME") + "/Switchboard/switchboard.conf",
                  QSettings::IniFormat)
            .setValue("calls/dialTimeout", 5);
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
        VoicemailPanel *voicemail = phone->voicemail();
        QVERIFY(voicemail);
        QTabWidget *tabs = phoneTabs(phone);
        QCOMPARE(tabs->tabText(tabs->indexOf(voicemail)), QString("Voicemail"));

        // Empty: the tab says what will show there.
        showPhoneTab(phone, voicemail);
        auto *pages = voicemail->findChild<QStackedWidget *>();
        QTRY_VERIFY(pages->currentWidget() != voicemail->messageList());
        QVERIFY(qobject_cast<QLabel *>(pages->currentWidget())->text().startsWith("No messages."));
        saveScreenshot(window, QStringLiteral("voicemail-empty"));

        // Nobody answers: after ringing (5 s here) the caller is asked for a message and leaves one.
        DesktopDriver::simulateCallToThisPhone(window);
        if (QTest::currentTestFailed())
            return;
        auto *prompt = window->findChild<Phone::IncomingCallPrompt *>();
        QTRY_VERIFY_WITH_TIMEOUT(prompt->isVisible(), wait);
        QTRY_VERIFY_WITH_TIMEOUT(!prompt->isVisible(), wait);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->tabText(tabs->indexOf(voicemail)), QString("Voicemail (1)"), wait);
        QCOMPARE(voicemail->unheardCount(), 1);
        // Waiting for the person: in the title (and on the tray icon, where there is one), until seen.
        // The call's last word in the log comes with the writer's next commit, which a busy machine delays.
        QTRY_COMPARE_WITH_TIMEOUT(window->windowTitle(),
                                  QString("Switchboard (1 missed call, 1 new message)"), wait);
        QTRY_COMPARE(tabs->tabText(1), QString("Recent (1)"));
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
        QTRY_COMPARE(tabs->tabText(1), QString("Recent"));
        QCOMPARE(window->windowTitle(), QString("Switchboard (1 new message)"));
        // Recent can show the missed calls alone; the call is one.
        auto *missedOnly = phone->findChild<QCheckBox *>("missedOnly");
        QVERIFY(missedOnly && missedOnly->isVisible());
        QTest::mouseClick(missedOnly, Qt::LeftButton, {}, QPoint(8, missedOnly->height() / 2));
        QVERIFY(missedOnly->isChecked());
        auto *recent = phone->findChild<Phone::RecentCallsList *>();
        QCOMPARE(recent->count(), 1);
        QVERIFY2(recent->item(0)->text().startsWith("+81 90-5987-6543\n"),
                 qPrintable(recent->item(0)->text()));
        saveScreenshot(window, QStringLiteral("recent-missed-only"));

        showPhoneTab(phone, voicemail);
        QListWidget *list = voicemail->messageList();
        QTRY_COMPARE(list->count(), 1);
        QVERIFY(list->isVisible());
        QListWidgetItem *item = list->item(0);
        QVERIFY2(item->text().startsWith("+81 90-5987-6543\n"), qPrintable(item->text()));
        QVERIFY2(item->text().endsWith(" · 0:05"), qPrintable(item->text()));
        const QString sid = item->data(VoicemailPanel::recordingSidRole).toString();
        QVERIFY(app.simulatedRecordings()->find(sid).has_value());
        list->setCurrentRow(0);
        saveScreenshot(window, QStringLiteral("voicemail-new-message"));

        // Play: the simulator's WAV comes through the REST client and plays.
        VoicemailInboxDriver::playFirstMessage(voicemail);
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE(tabs->tabText(tabs->indexOf(voicemail)), QString("Voicemail"));
        QCOMPARE(window->windowTitle(), QString("Switchboard"));
        saveScreenshot(window, QStringLiteral("voicemail-playing"));

        // Deleted at the simulator, and here.
        VoicemailInboxDriver::deleteFirstMessage(window, voicemail);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!app.simulatedRecordings()->find(sid).has_value());
    }
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestVoicemailInbox>(home, argc, argv);
}

#include "TestVoicemailInbox.moc"
