// Hold and resume on the desktop phone alone, offline, through the real webhook path with call control on:
// a simulated caller rings the phone through a conference of its own (the server calls the phone in
// through the simulator's REST API); the person answers, presses Hold (the caller hears the server's hold
// TwiML), Resume, and hangs up. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures of each state.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "tests/support/DesktopDriver.h"
#include "tests/support/DesktopTestMain.h"
#include "ui/MainWindow.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/PhoneView.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
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
    void initTestCase() { QVERIFY(home && home->isValid()); }

    void theCallerIsHeldAndResumed()
    {
        QSettings(qEnvironmentVariable("XDG_CONFIG_HOME") + "/Switchboard/switchboard.conf",
                  QSettings::IniFormat)
            .setValue("calls/callControl", true);
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
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
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestCallHold>(home, argc, argv);
}

#include "TestCallHold.moc"
