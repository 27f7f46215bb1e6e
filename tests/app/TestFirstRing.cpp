// The first ring as a new user reaches it: the desktop app's window, wired as the app wires it, started
// in-process from an empty home folder, and driven through its widgets alone (clicks and keys), from the
// first window to a ringing phone. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures of each step.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "tests/support/DesktopTestMain.h"
#include "ui/MainWindow.h"
#include "ui/admin/ClientsPage.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/NumberField.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/SimulateCallDialog.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include <memory>

using Admin::ClientsPage;
using App::CommandContext;
using App::DesktopApp;
using Phone::IncomingCallPrompt;
using Phone::PhoneView;
using Phone::SimulateCallDialog;
using Ui::MainWindow;

namespace {

constexpr int wait = 60000;

// Set before the QApplication exists (tests/support/DesktopTestMain.h).
std::unique_ptr<QTemporaryDir> home;

// Marks every text looked up in DesktopApp's context, and translates nothing else.
class OwnContextTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "DesktopApp") != 0)
            return QString();
        return QString::fromUtf8(sourceText) + QStringLiteral(" (DesktopApp)");
    }
};

} // namespace

class TestFirstRing : public QObject
{
    Q_OBJECT

    QTextStream m_out { stdout };
    QTextStream m_err { stderr };

    // Clicks the tab named title in the console, as a person would.
    static void showTab(MainWindow *window, const QString &title)
    {
        auto *console = window->findChild<QTabWidget *>();
        QVERIFY(console);
        QTabBar *tabs = console->tabBar();
        for (int index = 0; index < tabs->count(); ++index) {
            if (tabs->tabText(index) == title) {
                QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(index).center());
                QTRY_COMPARE(console->currentIndex(), index);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no tab %1").arg(title)));
    }

    static QAction *simulateAction(MainWindow *window)
    {
        for (QAction *action : window->findChildren<QAction *>()) {
            if (action->text().startsWith(QLatin1String("Simulate")))
                return action;
        }
        return nullptr;
    }

    // Opens Phone > Simulate incoming call with the keyboard (Alt+P, then its mnemonic I); the dialog is
    // modal, so whatever the test does in it runs in handle, from inside its event loop.
    static void openSimulateDialog(MainWindow *window,
                                   const std::function<void(SimulateCallDialog *)> &handle)
    {
        bool handled = false;
        QTimer poll;
        poll.setInterval(50);
        QObject::connect(&poll, &QTimer::timeout, window, [&] {
            auto *dialog = qobject_cast<SimulateCallDialog *>(QApplication::activeModalWidget());
            if (!dialog || handled)
                return;
            handled = true;
            handle(dialog);
        });
        poll.start();
        window->activateWindow();
        QTest::keyClick(window, Qt::Key_P, Qt::AltModifier);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
        QTest::keyClick(menu, Qt::Key_I);
        QTRY_VERIFY_WITH_TIMEOUT(handled, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home && home->isValid());
        QVERIFY(QDir(home->path() + QStringLiteral("/data")).isEmpty());
    }

    // Fresh home: this phone is a client marked as such, with no secret to show; the Simulate dialog maps
    // the seed's number to it in one click; Call rings the phone.
    void firstStartReachesARingingPhone()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *phone = window->findChild<PhoneView *>();
        QVERIFY(phone);
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);

        // The Clients page lists this phone's own client, as this phone, and offers no secret for it.
        showTab(window, QStringLiteral("Clients"));
        auto *clients = window->findChild<ClientsPage *>();
        auto *table = clients->findChild<QTableView *>("clients");
        QVERIFY(table->isVisible());
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QString("desktop (this phone)"));
        QVERIFY(!clients->findChild<QPushButton *>("setSecret")->isEnabled());
        QVERIFY(!clients->findChild<QPushButton *>("remove")->isEnabled());
        saveScreenshot(window, QStringLiteral("1-clients-this-phone"));

        // Numbers: "rings" offers this phone first.
        showTab(window, QStringLiteral("Numbers"));
        auto *rings = window->findChild<QComboBox *>("newClient");
        QVERIFY(rings && rings->isVisible());
        QCOMPARE(rings->currentText(), QString("desktop (this phone)"));

        QAction *simulate = simulateAction(window);
        QVERIFY(simulate && simulate->isVisible());
        QSignalSpy ringing(phone, &PhoneView::ringing);
        QString dialogProblem;
        openSimulateDialog(window, [&](SimulateCallDialog *dialog) {
            auto *add = dialog->findChild<QPushButton *>("addNumber");
            auto *call = dialog->findChild<QPushButton *>("call");
            auto *hint = dialog->findChild<QLabel *>("hint");
            if (!add || !call || !hint || !add->isVisible() || call->isEnabled()) {
                dialogProblem = QStringLiteral("no number to add, or Call enabled without a number");
                dialog->reject();
                return;
            }
            if (hint->text().contains(QLatin1String("switchboard ")))
                dialogProblem = QStringLiteral("the hint suggests a command: ") + hint->text();
            saveScreenshot(dialog, QStringLiteral("2-simulate-offers-number"));
            QTest::mouseClick(add, Qt::LeftButton);
            if (!call->isEnabled() || dialog->to() != QLatin1String("+815031234568")) {
                dialogProblem = QStringLiteral("after adding: ") + hint->text();
                dialog->reject();
                return;
            }
            saveScreenshot(dialog, QStringLiteral("3-simulate-number-added"));
            QTest::mouseClick(call, Qt::LeftButton);
        });
        QVERIFY2(dialogProblem.isEmpty(), qPrintable(dialogProblem));

        QVERIFY(ringing.wait(wait) || !ringing.isEmpty());
        QCOMPARE(ringing.constFirst().constFirst().toString(), QString("+81 90-5987-6543"));
        auto *prompt = window->findChild<IncomingCallPrompt *>();
        QTRY_VERIFY(prompt->isVisible());
        saveScreenshot(window, QStringLiteral("4-ringing"));

        // The mapping is real: the Numbers page and the Clients page show it.
        showTab(window, QStringLiteral("Clients"));
        QCOMPARE(table->model()->index(0, 2).data().toInt(), 1);

        auto *decline = prompt->findChildren<QPushButton *>().constLast();
        QTest::mouseClick(decline, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
    }

    // The banner never says calls go through a server that is stopped; nor does the menu offer to simulate.
    // The app's port is one this test holds, as another program may: the server then listens on another
    // port, which the banner says while it runs, and the stopped server still wins once stopped.
    void aStoppedServerIsNeverClaimed()
    {
        QTcpServer portHolder;
        QVERIFY(portHolder.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(portHolder.serverPort());
        const QString settingsFile
            = qEnvironmentVariable("XDG_CONFIG_HOME") + "/Switchboard/switchboard.conf";
        QSettings(settingsFile, QSettings::IniFormat).setValue("server/listen", "127.0.0.1:" + port);
        const auto forget
            = qScopeGuard([&] { QSettings(settingsFile, QSettings::IniFormat).remove("server/listen"); });
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY2(window->bannerText().contains("through your own webhook server"),
                 qPrintable(window->bannerText()));
        QVERIFY2(window->bannerText().contains("Port " + port + " is taken"),
                 qPrintable(window->bannerText()));
        showTab(window, QStringLiteral("Server"));
        auto *startStop = window->findChild<QPushButton *>("startStop");
        QVERIFY(startStop);
        QTest::mouseClick(startStop, Qt::LeftButton); // Stop
        QVERIFY2(!window->bannerText().contains("through your own webhook server"),
                 qPrintable(window->bannerText()));
        QVERIFY2(window->bannerText().contains("The webhook server is stopped"),
                 qPrintable(window->bannerText()));
        // Still in the menu, greyed, saying why: a person looking for it is not left guessing.
        QVERIFY(simulateAction(window)->isVisible());
        QVERIFY(!simulateAction(window)->isEnabled());
        QVERIFY2(simulateAction(window)->text().contains("start the webhook server first"),
                 qPrintable(simulateAction(window)->text()));
        saveScreenshot(window, QStringLiteral("6-server-stopped"));
        // A call placed now says what to do, not which socket refused it.
        auto *phone = window->findChild<PhoneView *>();
        QTRY_COMPARE_WITH_TIMEOUT(phone->statusText().section(u' ', 0, 0), QString("Ready"), wait);
        phone->numberField()->setFocus();
        QTest::keyClicks(phone->numberField(), "+81 90-5987-6543");
        QTest::keyClick(phone->numberField(), Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(
            phone->statusText().contains("the webhook server is stopped. Start it on the "
                                         "Server page."),
            qPrintable(phone->statusText()), wait);
        QTest::mouseClick(startStop, Qt::LeftButton); // Start
        QVERIFY2(window->bannerText().contains("through your own webhook server"),
                 qPrintable(window->bannerText()));
        QVERIFY(simulateAction(window)->isVisible());
        QVERIFY(simulateAction(window)->isEnabled());
    }

    // Without an account too, a simulated call that rings nobody here says where it went instead of
    // leaving the phone at Ready with no trace: here, to a number the server refuses.
    void aSimulatedCallThatDoesNotRingHereSaysWhere()
    {
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        openSimulateDialog(window, [](SimulateCallDialog *dialog) {
            dialog->findChild<QComboBox *>("to")->setEditText("+815011112222"); // rings nobody
            QTest::mouseClick(dialog->findChild<QPushButton *>("call"), Qt::LeftButton);
        });
        QMessageBox *route = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((route = window->findChild<QMessageBox *>("simulatedRoute")) != nullptr,
                                 wait);
        QVERIFY2(route->text().startsWith("Simulated call from +81 90-5987-6543 to +81 50-1111-2222."),
                 qPrintable(route->text()));
        QVERIFY2(route->text().contains("rang no client; the caller heard"), qPrintable(route->text()));
        saveScreenshot(route, QStringLiteral("7-simulated-call-rang-nobody"));
    }

    // With a Twilio account the phone listens to Twilio, yet Simulate stays: the call goes through the
    // local server only, and the window says where it was routed.
    void simulateStaysWithATwilioAccount()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), QStringLiteral("AC") + QString(32, u'a'));
        environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("first-ring-auth-token"));
        environment.insert(QStringLiteral("TWILIO_API_KEY"), QStringLiteral("SK") + QString(32, u'b'));
        environment.insert(QStringLiteral("TWILIO_API_SECRET"), QStringLiteral("first-ring-api-secret"));
        environment.insert(QStringLiteral("TWILIO_TWIML_APP_SID"), QStringLiteral("AP") + QString(32, u'c'));
        CommandContext context { m_out, m_err, environment, QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(!window->bannerText().startsWith(QLatin1String("Simulated phone")));
        QAction *simulate = simulateAction(window);
        QVERIFY(simulate && simulate->isVisible());

        QString explanation;
        openSimulateDialog(window, [&explanation](SimulateCallDialog *dialog) {
            explanation = dialog->findChild<QLabel *>("explanation")->text();
            // The number mapped in the first test rings this phone now: no offer, Call at once.
            if (!dialog->findChild<QPushButton *>("addNumber"))
                QTest::mouseClick(dialog->findChild<QPushButton *>("call"), Qt::LeftButton);
            else
                dialog->reject();
        });
        QVERIFY2(explanation.contains("it does not ring for a simulated call"), qPrintable(explanation));
        QMessageBox *route = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((route = window->findChild<QMessageBox *>("simulatedRoute")) != nullptr,
                                 wait);
        QVERIFY2(route->text().contains("rang client desktop: this phone"), qPrintable(route->text()));
        QVERIFY(route->text().contains("Nothing went to Twilio"));
        QVERIFY2(route->text().startsWith("Simulated call from +81 90-5987-6543 to +81 50-3123-4568."),
                 qPrintable(route->text()));
        saveScreenshot(route, QStringLiteral("5-simulated-with-twilio-account"));
        route->accept();
    }

    // The app's own texts (here the console's page names) are translated in its own context, DesktopApp,
    // not as QObject's: a translation for the app must not have to be one for every class.
    void theAppsTextsAreTranslatedInItsOwnContext()
    {
        OwnContextTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const auto removed = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });
        CommandContext context { m_out, m_err, QProcessEnvironment::systemEnvironment(), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        QTabBar *tabs = app.window()->findChild<QTabWidget *>()->tabBar();
        QStringList titles;
        for (int index = 0; index < tabs->count(); ++index)
            titles << tabs->tabText(index);
        QVERIFY2(titles.contains(QStringLiteral("Numbers (DesktopApp)")), qPrintable(titles.join(u',')));
        QVERIFY2(titles.contains(QStringLiteral("Clients (DesktopApp)")), qPrintable(titles.join(u',')));
    }
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestFirstRing>(home, argc, argv);
}

#include "TestFirstRing.moc"
