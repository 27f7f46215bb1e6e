#pragma once

// One Switchboard per user: the running instance listens on a local socket, and a second start (a
// `tel:` link clicked on the desktop) hands it what it was given and exits.

#include "core/common/Result.h"

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QLocalServer;
QT_END_NAMESPACE

class InstanceChannel : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxMessageBytes = 4096;

    explicit InstanceChannel(QObject *parent = nullptr);
    ~InstanceChannel() override;

    // The socket name for this user, so that two users on one machine each get their own instance.
    static QString defaultName();

    // Hands message to the instance listening on name; false when none is running (or it did not answer
    // within timeoutMilliseconds).
    static bool sendToRunning(const QString &name, const QString &message, int timeoutMilliseconds = 2000);

    // Becomes the instance others hand their messages to. A socket left behind by a crashed instance is
    // taken over; one that a live instance answers on is not.
    Result<void> listen(const QString &name);

Q_SIGNALS:
    void messageReceived(const QString &message);

private:
    QLocalServer *m_server = nullptr;
};
