#include "ui/DesktopNotifier.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace Ui {
namespace {

QString service()
{
    return QStringLiteral("org.freedesktop.Notifications");
}

QString path()
{
    return QStringLiteral("/org/freedesktop/Notifications");
}

QString callBackAction()
{
    return QStringLiteral("call-back");
}

// The action a click on the notice itself runs (Desktop Notifications Specification 1.2).
QString defaultAction()
{
    return QStringLiteral("default");
}

} // namespace

DesktopNotifier::DesktopNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
{
    if (m_tray)
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &DesktopNotifier::activated);
}

void DesktopNotifier::notify(const QString &title, const QString &body, const QString &callBackAddress)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    const bool server = bus.isConnected() && bus.interface()
        && (bus.interface()->isServiceRegistered(service())
            || bus.interface()->activatableServiceNames().value().contains(service()));
    if (!server) {
        showInTray(title, body);
        return;
    }
    if (!m_listening) {
        bus.connect(service(), path(), service(), QStringLiteral("ActionInvoked"), this,
                    SLOT(actionInvoked(uint, QString)));
        bus.connect(service(), path(), service(), QStringLiteral("NotificationClosed"), this,
                    SLOT(notificationClosed(uint, uint)));
        m_listening = true;
    }
    QStringList actions { defaultAction(), tr("Show") };
    if (!callBackAddress.isEmpty())
        actions << callBackAction() << tr("Call back");
    QDBusMessage call
        = QDBusMessage::createMethodCall(service(), path(), service(), QStringLiteral("Notify"));
    const QVariantMap hints { { QStringLiteral("category"), QStringLiteral("im.received") },
                              { QStringLiteral("desktop-entry"), QStringLiteral("switchboard") } };
    call << QCoreApplication::applicationName() << m_shown << QStringLiteral("switchboard") << title << body
         << actions << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, title, body, callBackAddress] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            showInTray(title, body); // the server went away, or refused
            return;
        }
        m_callBack.remove(m_shown);
        m_shown = reply.value();
        if (!callBackAddress.isEmpty())
            m_callBack.insert(m_shown, callBackAddress);
    });
}

void DesktopNotifier::showInTray(const QString &title, const QString &body)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 30000);
}

void DesktopNotifier::actionInvoked(uint id, const QString &action)
{
    if (action == callBackAction() && m_callBack.contains(id))
        Q_EMIT callBackRequested(m_callBack.value(id));
    else if (action == defaultAction() && (m_callBack.contains(id) || id == m_shown))
        Q_EMIT activated();
}

void DesktopNotifier::notificationClosed(uint id, uint)
{
    m_callBack.remove(id);
    if (id == m_shown)
        m_shown = 0;
}

} // namespace Ui
