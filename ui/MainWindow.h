#pragma once

// The application window: it assembles the pages (each its own widget), says which mode the phone runs
// in, and brings itself forward when a call rings.

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QLabel;
class QSystemTrayIcon;
QT_END_NAMESPACE

class PhoneView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(PhoneView *phone, QWidget *parent = nullptr);

    // A line across the top (simulated mode, a server that could not start); empty hides it. details
    // show when the pointer rests on it.
    void setBanner(const QString &text, const QString &details = QString());
    QString bannerText() const;
    // Offers "Simulate incoming call…" in the Phone menu.
    void setSimulationEnabled(bool enabled);

    // Raises the window and, where the desktop has a tray, says who calls.
    void announceCall(const QString &caller);

Q_SIGNALS:
    void simulateIncomingRequested();

private:
    PhoneView *m_phone;
    QLabel *m_banner = nullptr;
    QAction *m_simulate = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
};
