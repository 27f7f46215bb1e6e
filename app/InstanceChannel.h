#pragma once

// One Switchboard per user: the running instance listens on a local socket in a folder only its user can
// enter, and a second start (a `tel:` link clicked on the desktop) hands it what it was given and exits.
// Both ends check that the other runs as the same user, so no one else can send or swallow a link.

#include "core/common/Result.h"

#include <QObject>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QLocalServer;
QT_END_NAMESPACE

namespace App {

class InstanceChannel : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxMessageBytes = 4096;

    explicit InstanceChannel(QObject *parent = nullptr);
    ~InstanceChannel() override;

    // The socket for this user: in $XDG_RUNTIME_DIR when that is the user's own private folder, otherwise
    // in switchboard-UID under the temporary folder, created with mode 0700. Fails when that folder exists
    // but is not the user's own, or others may enter it: another user may have made it to take the links.
    static Result<QString> defaultPath();
    // Succeeds when path is a folder (not a link) owned by userId that no one else may read, write or
    // enter; otherwise says why it cannot be trusted.
    static Result<void> checkPrivateFolder(const QString &path, uint userId);

    // Hands message to the instance listening at path; false when none is running, it did not answer
    // within timeoutMilliseconds, or it runs as another user than trustedUserId (default: ours).
    static bool sendToRunning(const QString &path, const QString &message, int timeoutMilliseconds = 2000,
                              std::optional<uint> trustedUserId = std::nullopt);

    // Becomes the instance others hand their messages to. A socket left behind by a crashed instance is
    // taken over; one that a live instance answers on is not.
    Result<void> listen(const QString &path);

    // Whose messages are taken: this process's effective user unless a test says otherwise.
    void setTrustedUserId(uint userId) { m_trustedUserId = userId; }

Q_SIGNALS:
    void messageReceived(const QString &message);

private:
    QLocalServer *m_server = nullptr;
    uint m_trustedUserId;
};

} // namespace App
