// Not a test: takes the README's pictures of the main pages from the desktop app itself (DesktopApp, as
// main() runs it), in the home and settings the caller prepared. packaging/take-screenshots.sh seeds a
// throwaway home and runs it; by hand:
//     MainPagesScreenshots DIRECTORY [-- COMMAND ARGS...]
// Once the window is up and the phone ready it runs COMMAND, if given (the script simulates a call
// against the app's own webhook server, for the Server page's request log), then picks each page as a
// person would (Alt+1..Alt+5, View > Console, a click on the phone's Recent tab) and saves the window.
// As a solo desktop: phone.png, recent-calls.png, numbers.png, clients.png, call-log.png, server.png,
// settings.png. In team mode (SWITCHBOARD_SERVER_URL and the rest set): team.png.

#include "app/CommandContext.h"
#include "app/CommandLine.h"
#include "app/DesktopApp.h"
#include "ui/EnglishPlurals.h"
#include "ui/MainWindow.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <cstdio>
#include <functional>

namespace {

constexpr int windowWidth = 1280; // the first start's width, where every page fits
constexpr int windowHeight = 720;
constexpr int teamWindowWidth = 1000;
constexpr int waitMs = 30000;
bool failed = false;

void complain(const QString &what)
{
    std::fprintf(stderr, "MainPagesScreenshots: %s\n", qPrintable(what));
    failed = true;
}

// Runs the event loop until done() holds or the time is up; the page's models and the web page load
// meanwhile.
bool waitFor(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(waitMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(50);
    }
    return true;
}

// The console: the tab widget whose pages include Settings (the phone has one of its own).
QTabWidget *console(Ui::MainWindow *window)
{
    for (QTabWidget *tabs : window->findChildren<QTabWidget *>()) {
        for (int index = 0; index < tabs->count(); ++index) {
            if (tabs->tabText(index) == QLatin1String("Settings"))
                return tabs;
        }
    }
    return nullptr;
}

// Alt+N, as the tab's tooltip says.
void pickPage(Ui::MainWindow *window, const QString &title)
{
    QTabWidget *tabs = console(window);
    for (int index = 0; tabs && index < tabs->count(); ++index) {
        if (tabs->tabText(index) == title) {
            QTest::keyClick(window, static_cast<Qt::Key>(Qt::Key_1 + index), Qt::AltModifier);
            if (!waitFor([&] { return tabs->currentIndex() == index; }))
                complain(QStringLiteral("Alt+%1 did not show %2").arg(index + 1).arg(title));
            return;
        }
    }
    complain(QStringLiteral("the console has no page %1").arg(title));
}

// The phone's own tab (Keypad, Recent, Voicemail, Audio), clicked; its title may carry a count.
void pickPhoneTab(Ui::MainWindow *window, const QString &title)
{
    auto *phone = window->findChild<Phone::PhoneView *>();
    auto *tabs = phone ? phone->findChild<QTabWidget *>() : nullptr;
    for (int index = 0; tabs && index < tabs->count(); ++index) {
        if (tabs->tabText(index) == title || tabs->tabText(index).startsWith(title + QStringLiteral(" ("))) {
            QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(index).center());
            if (!waitFor([&] { return tabs->currentIndex() == index; }))
                complain(QStringLiteral("a click did not show the phone's %1 tab").arg(title));
            return;
        }
    }
    complain(QStringLiteral("the phone has no tab %1").arg(title));
}

// On the Server page: the incoming call's webhook, clicked, so that the inspector shows its parameters and
// the TwiML answered.
void pickIncomingRequest(Ui::MainWindow *window)
{
    auto *table = console(window)->currentWidget()->findChild<QTableView *>();
    QAbstractItemModel *model = table ? table->model() : nullptr;
    for (int row = 0; model && row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            if (index.data().toString().endsWith(QLatin1String("/voice/incoming"))) {
                QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
                return;
            }
        }
    }
    complain(QStringLiteral("the Server page lists no POST /voice/incoming"));
}

void setConsoleShown(Ui::MainWindow *window, bool shown)
{
    if (window->isConsoleVisible() != shown) // View > Console
        QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    if (!waitFor([&] { return window->isConsoleVisible() == shown; }))
        complain(QStringLiteral("Ctrl+Shift+C did not %1 the console")
                     .arg(shown ? QLatin1String("show") : QLatin1String("hide")));
}

void save(Ui::MainWindow *window, const QDir &directory, const QString &name)
{
    QTest::qWait(300); // the last layout pass and repaint
    const QString path = directory.filePath(name + QStringLiteral(".png"));
    if (!window->grab().save(path))
        complain(QStringLiteral("cannot write %1").arg(path));
    else
        std::printf("%s\n", qPrintable(path));
}

bool runCommand(const QStringList &command)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(command.constFirst(), command.mid(1));
    // Waiting in the event loop, not in waitForFinished(): the app answers the command meanwhile.
    if (!waitFor([&] { return process.state() == QProcess::NotRunning; })) {
        process.kill();
        process.waitForFinished();
        complain(command.join(u' ') + QStringLiteral(": did not finish"));
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        complain(command.join(u' ') + QStringLiteral(": failed"));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    App::CommandLine::prepare(QStringLiteral("switchboard"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    App::DesktopApp::allowWebEngineAsRoot(err);
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication application(argc, argv);
    Ui::EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);

    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.constFirst().startsWith(u'-')) {
        std::fprintf(stderr, "usage: MainPagesScreenshots DIRECTORY [-- COMMAND ARGS...]\n");
        return 2;
    }
    const QDir directory(arguments.takeFirst());
    QStringList command;
    if (!arguments.isEmpty()) {
        if (arguments.constFirst() != QLatin1String("--") || arguments.size() < 2) {
            std::fprintf(stderr, "usage: MainPagesScreenshots DIRECTORY [-- COMMAND ARGS...]\n");
            return 2;
        }
        command = arguments.mid(1);
    }
    if (!QDir().mkpath(directory.path())) {
        std::fprintf(stderr, "MainPagesScreenshots: cannot make %s\n", qPrintable(directory.path()));
        return 1;
    }

    const App::CommandContext context { out, err, QProcessEnvironment::systemEnvironment(), QString() };
    App::DesktopApp desktop(context);
    if (!desktop.start())
        return 1;
    Ui::MainWindow *window = desktop.window();
    window->resize(windowWidth, windowHeight);
    // The keyboard goes to the active window: shortcuts such as Alt+1 need it.
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window)) {
        complain(QStringLiteral("the window was never shown and active"));
        return 1;
    }
    auto *phone = window->findChild<Phone::PhoneView *>();
    if (!phone)
        return 1;
    // Ready (the simulated device registered), or Not connected: in team mode, offline, the Voice SDK
    // cannot reach Twilio with the token the team server issued.
    if (!waitFor([&] {
            return phone->statusText().startsWith(QLatin1String("Ready"))
                || phone->statusText().startsWith(QLatin1String("Not connected"));
        }))
        complain(QStringLiteral("the phone never said it was ready: ") + phone->statusText());
    if (!command.isEmpty())
        runCommand(command);

    const bool team = console(window) && console(window)->tabText(0) == QLatin1String("Team");
    if (team) {
        window->resize(teamWindowWidth, windowHeight); // the Team page is a few sentences
        pickPhoneTab(window, QStringLiteral("Recent"));
        auto *recent = window->findChild<Phone::RecentCallsList *>();
        if (!waitFor([&] { return recent->count() > 0; }))
            complain(QStringLiteral("the team server's calls never showed in Recent"));
        pickPage(window, QStringLiteral("Team"));
        save(window, directory, QStringLiteral("team"));
        return failed ? 1 : 0;
    }

    // The phone alone (View > Console off): the dial pad, then the recent calls.
    setConsoleShown(window, false);
    pickPhoneTab(window, QStringLiteral("Keypad"));
    save(window, directory, QStringLiteral("phone"));
    pickPhoneTab(window, QStringLiteral("Recent"));
    save(window, directory, QStringLiteral("recent-calls"));

    // Each console page beside the phone's keypad.
    setConsoleShown(window, true);
    window->resize(windowWidth, windowHeight);
    pickPhoneTab(window, QStringLiteral("Keypad"));
    const struct
    {
        const char *title, *file;
    } pages[] = { { "Numbers", "numbers" },
                  { "Clients", "clients" },
                  { "Call log", "call-log" },
                  { "Server", "server" },
                  { "Settings", "settings" } };
    for (const auto &page : pages) {
        pickPage(window, QString::fromLatin1(page.title));
        if (QLatin1String(page.title) == QLatin1String("Server"))
            pickIncomingRequest(window);
        save(window, directory, QString::fromLatin1(page.file));
    }
    return failed ? 1 : 0;
}
