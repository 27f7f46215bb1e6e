// Desktop notifications through the freedesktop notification server: a fake one on this test's private
// session bus (dbus-run-session) takes the Notify calls and answers with the server's signals, as a desktop
// does when the person clicks "Call back" or the notice itself.

#include "ui/DesktopNotifier.h"

#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

namespace {

QString service()
{
    return QStringLiteral("org.freedesktop.Notifications");
}

QString path()
{
    return QStringLiteral("/org/freedesktop/Notifications");
}

} // namespace

// The server's side, on a connection of its own: what Notify was asked, and ids as a server gives them.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Notice
    {
        uint replaces = 0;
        QString summary;
        QString body;
        QStringList actions;
    };
    QList<Notice> notices;

public Q_SLOTS:
    uint Notify(const QString &, uint replacesId, const QString &, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &, int)
    {
        notices.append({ replacesId, summary, body, actions });
        return replacesId != 0 ? replacesId : uint(notices.size() + 100);
    }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

    QDBusConnection m_serverBus { QDBusConnection::connectToBus(QDBusConnection::SessionBus,
                                                                QStringLiteral("fake notification server")) };
    FakeNotificationServer m_server;

    void emitSignal(const QString &name, const QVariantList &arguments)
    {
        QDBusMessage signal = QDBusMessage::createSignal(path(), service(), name);
        signal.setArguments(arguments);
        QVERIFY(m_serverBus.send(signal));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "run under dbus-run-session");
        QVERIFY(m_serverBus.isConnected());
        QVERIFY(m_serverBus.registerObject(path(), &m_server, QDBusConnection::ExportAllSlots));
        QVERIFY(m_serverBus.registerService(service()));
    }

    void callBackFromTheNotice()
    {
        Ui::DesktopNotifier notifier(nullptr);
        QSignalSpy callBack(&notifier, &Ui::DesktopNotifier::callBackRequested);
        QSignalSpy activated(&notifier, &Ui::DesktopNotifier::activated);
        notifier.notify("Missed call", "+81 90-1234-5678", "+819012345678");
        QTRY_COMPARE(m_server.notices.size(), 1);
        const auto first = m_server.notices.constFirst();
        QCOMPARE(first.summary, QString("Missed call"));
        QCOMPARE(first.body, QString("+81 90-1234-5678"));
        QCOMPARE(first.replaces, 0u);
        QVERIFY2(first.actions.contains("call-back") && first.actions.contains("Call back"),
                 qPrintable(first.actions.join(',')));
        QTest::qWait(100); // the id's answer reaches the notifier

        emitSignal("ActionInvoked", { 101u, QStringLiteral("call-back") });
        QTRY_COMPARE(callBack.size(), 1);
        QCOMPARE(callBack.constFirst().constFirst().toString(), QString("+819012345678"));
        // Another notice's button, or one unknown: nothing.
        emitSignal("ActionInvoked", { 7u, QStringLiteral("call-back") });
        emitSignal("ActionInvoked", { 101u, QStringLiteral("default") });
        QTRY_COMPARE(activated.size(), 1);
        QCOMPARE(callBack.size(), 1);

        // The next notice replaces this one; one without an address offers no Call back.
        notifier.notify("New voicemail", "A caller left a message.", QString());
        QTRY_COMPARE(m_server.notices.size(), 2);
        QCOMPARE(m_server.notices.constLast().replaces, 101u);
        QVERIFY(!m_server.notices.constLast().actions.contains("call-back"));
        QTest::qWait(100);
        emitSignal("ActionInvoked", { 101u, QStringLiteral("call-back") });
        QTest::qWait(200);
        QCOMPARE(callBack.size(), 1);
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "TestDesktopNotifier.moc"
