#include "ui/MainWindow.h"

#include "ui/AppIcon.h"
#include "ui/DesktopNotifier.h"

#include "ui/phone/PhoneView.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace Ui {

namespace {

constexpr int phoneWidth = 380;
constexpr int consoleWidth = 900;
constexpr int windowHeight = 640;

} // namespace

MainWindow::MainWindow(Phone::PhoneView *phone, QWidget *parent)
    : QMainWindow(parent)
    , m_phone(phone)
{
    m_title = tr("Switchboard");
    setWindowTitle(m_title);
    setWindowIcon(AppIcon::icon());
    m_bannerBox = new QWidget(this);
    m_bannerBox->setObjectName(QStringLiteral("banner"));
    m_bannerBox->setStyleSheet(QStringLiteral("#banner { background: #fff3cd; border-radius: 4px; }"
                                              "#banner QLabel { color: #664d03; }"));
    m_banner = new QLabel(m_bannerBox);
    m_banner->setTextFormat(Qt::PlainText); // sentences quote what was typed or received
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerButton = new QPushButton(m_bannerBox);
    m_bannerButton->hide();
    connect(m_bannerButton, &QPushButton::clicked, this, [this] {
        if (m_bannerAction)
            m_bannerAction();
    });
    auto *bannerLayout = new QHBoxLayout(m_bannerBox);
    bannerLayout->setContentsMargins(8, 6, 8, 6);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_bannerButton, 0, Qt::AlignVCenter);
    m_bannerBox->hide();

    m_console = new QTabWidget(this);
    m_console->setDocumentMode(true);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_phone);
    m_splitter->addWidget(m_console);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_bannerBox);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    QMenu *phoneMenu = menuBar()->addMenu(tr("&Phone"));
    m_simulate
        = phoneMenu->addAction(tr("Simulate &incoming call…"), this, &MainWindow::simulateIncomingRequested);
    m_simulate->setVisible(false);
    phoneMenu->addSeparator();
    phoneMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    m_showConsole = viewMenu->addAction(tr("&Console"));
    m_showConsole->setCheckable(true);
    m_showConsole->setChecked(true);
    m_showConsole->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_showConsole->setToolTip(tr("Numbers, clients, call log, server and settings beside the phone"));
    connect(m_showConsole, &QAction::toggled, this, &MainWindow::setConsoleVisible);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(AppIcon::icon(), this);
        m_tray->setToolTip(tr("Switchboard"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, &MainWindow::comeForward);
    }
    // What was missed is told on the desktop too; "Call back" there dials from here.
    m_notifier = new DesktopNotifier(m_tray, this);
    connect(m_notifier, &DesktopNotifier::activated, this, &MainWindow::comeForward);
    connect(m_notifier, &DesktopNotifier::callBackRequested, this, [this](const QString &address) {
        comeForward();
        m_phone->callBack(address);
    });
    connect(m_phone, &Phone::PhoneView::waitingChanged, this, &MainWindow::setWaiting);
    m_phone->showWaiting(); // what it counted before this window was there
    connect(m_phone, &Phone::PhoneView::missedCallArrived, this,
            [this](const QString &caller, const QString &address) {
                m_notifier->notify(tr("Missed call"), caller, address);
            });
    connect(m_phone, &Phone::PhoneView::messageArrived, this,
            [this](const QString &caller, const QString &address) {
                m_notifier->notify(tr("New voicemail"), tr("%1 left a message.").arg(caller), address);
            });
    m_splitter->setSizes({ phoneWidth, consoleWidth });
    resize(phoneWidth + consoleWidth, windowHeight);
}

void MainWindow::addPage(QWidget *page, const QString &title)
{
    m_console->addTab(page, title);
    const QString key = QString::number(m_console->count());
    m_console->setTabToolTip(m_console->count() - 1, tr("Alt+%1").arg(key));
    auto *jump = new QAction(this);
    jump->setShortcut(QKeySequence(QStringLiteral("Alt+") + key));
    connect(jump, &QAction::triggered, this, [this, page] { showPage(page); });
    addAction(jump);
}

void MainWindow::showPage(QWidget *page)
{
    setConsoleVisible(true);
    m_console->setCurrentWidget(page);
}

void MainWindow::setConsoleVisible(bool visible)
{
    if (visible == m_console->isVisible() && m_console->isVisibleTo(this) == visible)
        return;
    const QSignalBlocker quiet(m_showConsole);
    m_showConsole->setChecked(visible);
    m_console->setVisible(visible);
    fitToContents();
}

bool MainWindow::isConsoleVisible() const
{
    return m_console->isVisibleTo(this);
}

void MainWindow::fitToContents()
{
    if (isMaximized() || isFullScreen())
        return;
    // Hiding the console leaves a phone-sized window; showing it makes room for it again. The layouts
    // learn of the hidden console only on their next pass: until then the window's minimum width still
    // holds the console's pages, and resize() would stop there.
    m_splitter->updateGeometry();
    centralWidget()->layout()->activate();
    layout()->activate();
    const int phone = m_splitter->sizes().value(0, phoneWidth);
    if (m_console->isVisibleTo(this)) // never narrower than at the first start, where the pages fit
        resize(std::max(width(), std::max(phone, phoneWidth) + consoleWidth), height());
    else
        resize(phone + 2 * centralWidget()->layout()->contentsMargins().left(), height());
}

void MainWindow::setBanner(const QString &text, const QString &details, const QString &actionText,
                           std::function<void()> action)
{
    m_banner->setText(text);
    m_banner->setToolTip(details.isEmpty() ? QString() : Qt::convertFromPlainText(details));
    m_bannerAction = std::move(action);
    m_bannerButton->setText(actionText);
    m_bannerButton->setVisible(!actionText.isEmpty() && m_bannerAction);
    m_bannerBox->setVisible(!text.isEmpty());
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

void MainWindow::setSimulationEnabled(bool enabled)
{
    // Shown, greyed, with the reason in its name rather than gone: a person looking for it finds why.
    m_simulate->setVisible(true);
    m_simulate->setEnabled(enabled);
    m_simulate->setText(enabled ? tr("Simulate &incoming call…")
                                : tr("Simulate incoming call (start the webhook server first)"));
}

void MainWindow::setTitle(const QString &title)
{
    m_title = title;
    showTitle();
}

void MainWindow::setWaiting(int missedCalls, int newMessages)
{
    m_missedCalls = missedCalls;
    m_newMessages = newMessages;
    showTitle();
    if (m_tray) {
        m_tray->setIcon(AppIcon::withCount(missedCalls + newMessages));
        const QString waiting = waitingText();
        m_tray->setToolTip(waiting.isEmpty() ? tr("Switchboard") : tr("Switchboard: %1").arg(waiting));
    }
}

QString MainWindow::waitingText() const
{
    QStringList parts;
    if (m_missedCalls > 0)
        parts << tr("%n missed call(s)", nullptr, m_missedCalls);
    if (m_newMessages > 0)
        parts << tr("%n new message(s)", nullptr, m_newMessages);
    return parts.join(QStringLiteral(", "));
}

void MainWindow::showTitle()
{
    if (!m_ringingCaller.isEmpty()) {
        setWindowTitle(tr("Incoming call from %1 – %2").arg(m_ringingCaller, m_title));
        return;
    }
    const QString waiting = waitingText();
    setWindowTitle(waiting.isEmpty() ? m_title : QStringLiteral("%1 (%2)").arg(m_title, waiting));
}

void MainWindow::comeForward()
{
    if (isMinimized() || !isVisible())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::announceCall(const QString &caller)
{
    if (isMinimized())
        showNormal();
    raise();
    // Not activateWindow(): a person typing elsewhere would type into the phone, or press its buttons.
    QApplication::alert(this);
    m_ringingCaller = caller;
    showTitle();
    if (m_tray)
        m_tray->showMessage(tr("Incoming call"), caller, QSystemTrayIcon::Information, 15000);
}

void MainWindow::endAnnouncement()
{
    m_ringingCaller.clear();
    showTitle();
}

} // namespace Ui
