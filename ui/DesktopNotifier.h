#pragma once

// Desktop notifications of what the person missed (a call, a message), with a "Call back" button where the
// desktop offers one: through the freedesktop notification server (org.freedesktop.Notifications, over
// the session bus) when one runs, else as the tray icon's message, else not at all. A new notice replaces
// the one before it, so that a day away does not leave a pile.

#include <QHash>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QDBusMessage;
class QSystemTrayIcon;
QT_END_NAMESPACE

namespace Ui {

class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    // tray: the fallback, may be null.
    explicit DesktopNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    // callBackAddress: the address "Call back" dials; empty: no such button.
    void notify(const QString &title, const QString &body, const QString &callBackAddress);

Q_SIGNALS:
    void callBackRequested(const QString &address);
    // The notice itself was clicked: the window should come forward.
    void activated();

private Q_SLOTS:
    void actionInvoked(uint id, const QString &action);
    void notificationClosed(uint id, uint reason);

private:
    void showInTray(const QString &title, const QString &body);

    QSystemTrayIcon *m_tray;
    bool m_listening = false; // connected to the server's signals
    uint m_shown = 0; // the notification server's id of the notice shown, replaced by the next
    QHash<uint, QString> m_callBack; // notice id -> the address its Call back dials
};

} // namespace Ui
