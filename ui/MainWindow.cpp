#include "ui/MainWindow.h"

#include "ui/phone/PhoneView.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

MainWindow::MainWindow(PhoneView *phone, QWidget *parent)
    : QMainWindow(parent)
    , m_phone(phone)
{
    setWindowTitle(tr("Switchboard"));
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 8px; border-radius: 4px; }"));
    m_banner->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_banner);
    layout->addWidget(m_phone, 1);
    setCentralWidget(central);

    QMenu *phoneMenu = menuBar()->addMenu(tr("&Phone"));
    m_simulate
        = phoneMenu->addAction(tr("Simulate &incoming call…"), this, &MainWindow::simulateIncomingRequested);
    m_simulate->setVisible(false);
    phoneMenu->addSeparator();
    phoneMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(style()->standardIcon(QStyle::SP_ComputerIcon), this);
        m_tray->setToolTip(tr("Switchboard"));
        m_tray->show();
    }
    resize(380, 560);
}

void MainWindow::setBanner(const QString &text, const QString &details)
{
    m_banner->setText(text);
    m_banner->setToolTip(details);
    m_banner->setVisible(!text.isEmpty());
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

void MainWindow::setSimulationEnabled(bool enabled)
{
    m_simulate->setVisible(enabled);
}

void MainWindow::announceCall(const QString &caller)
{
    showNormal();
    raise();
    activateWindow();
    if (m_tray)
        m_tray->showMessage(tr("Incoming call"), caller, QSystemTrayIcon::Information, 15000);
}
