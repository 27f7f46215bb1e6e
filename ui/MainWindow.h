#pragma once

// The application window: the phone on the left, the admin console (numbers, clients, call log, server,
// settings; each page its own widget) on the right, which can be hidden to leave just the phone. It
// assembles the pages, says which mode the phone runs in, and comes forward when a call rings.

#include <QMainWindow>

#include <functional>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;
QT_END_NAMESPACE

namespace Phone {
class PhoneView;
} // namespace Phone

namespace Ui {

class DesktopNotifier;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Phone::PhoneView *phone, QWidget *parent = nullptr);

    // Adds a page to the console (taking ownership), in the order of the calls.
    void addPage(QWidget *page, const QString &title);
    // Shows the console with page in front.
    void showPage(QWidget *page);
    void setConsoleVisible(bool visible);
    bool isConsoleVisible() const;

    // A line across the top (simulated mode, a server that could not start); empty hides it. details
    // show when the pointer rests on it. With an action, a button beside the text runs it.
    void setBanner(const QString &text, const QString &details = QString(),
                   const QString &actionText = QString(), std::function<void()> action = {});
    QString bannerText() const;
    // Offers "Simulate incoming call…" in the Phone menu; disabled, it stays there greyed and says why.
    void setSimulationEnabled(bool enabled);

    // The window's title when nothing is waiting or ringing ("Switchboard", or which team and client).
    void setTitle(const QString &title);
    // Missed calls not seen and messages not heard: in the title, and as a count on the tray icon.
    void setWaiting(int missedCalls, int newMessages);
    QString waitingText() const;

    // A call rings: the window comes forward without taking the keyboard from whatever has it (here or
    // in another program), its title and taskbar entry ask for attention, and a tray says who calls.
    void announceCall(const QString &caller);
    // The call stopped ringing (answered, declined, gone).
    void endAnnouncement();

Q_SIGNALS:
    void simulateIncomingRequested();

private:
    void fitToContents();
    void showTitle();
    void comeForward();

    Phone::PhoneView *m_phone;
    QWidget *m_bannerBox = nullptr;
    QLabel *m_banner = nullptr;
    QPushButton *m_bannerButton = nullptr;
    std::function<void()> m_bannerAction;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_console = nullptr;
    QAction *m_showConsole = nullptr;
    QAction *m_simulate = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QString m_title;
    QString m_ringingCaller; // while a call rings
    int m_missedCalls = 0;
    int m_newMessages = 0;
};

} // namespace Ui
