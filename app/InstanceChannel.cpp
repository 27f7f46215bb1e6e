#include "app/InstanceChannel.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace App {

namespace {

Q_LOGGING_CATEGORY(lcInstance, "switchboard.app.instance")

constexpr QLatin1StringView socketName("instance.sock");

// The user the other end of a connected local socket ran as when it connected or listened (the kernel's
// word, which the peer cannot forge), or nothing when the system does not say.
std::optional<uint> peerUserId(qintptr descriptor)
{
    ucred credentials {};
    socklen_t length = sizeof(credentials);
    if (descriptor < 0 || ::getsockopt(int(descriptor), SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0)
        return std::nullopt;
    return uint(credentials.uid);
}

bool peerIsTrusted(const QLocalSocket &socket, uint trustedUserId)
{
    const std::optional<uint> peer = peerUserId(socket.socketDescriptor());
    if (peer == trustedUserId)
        return true;
    qCWarning(lcInstance).noquote() << "refused a local connection from"
                                    << (peer ? QStringLiteral("user %1").arg(*peer)
                                             : QStringLiteral("an unknown user"))
                                    << "on" << socket.fullServerName() << "(only user" << trustedUserId
                                    << "may use it)";
    return false;
}

} // namespace

InstanceChannel::InstanceChannel(QObject *parent)
    : QObject(parent)
    , m_trustedUserId(::geteuid())
{ }

InstanceChannel::~InstanceChannel() = default;

Result<void> InstanceChannel::checkPrivateFolder(const QString &path, uint userId)
{
    struct stat status
    {
    };
    // lstat: a link would let whoever owns its target choose where the socket goes.
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return Failure(QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (!S_ISDIR(status.st_mode))
        return Failure(QStringLiteral("%1 is not a folder").arg(path));
    if (status.st_uid != userId)
        return Failure(
            QStringLiteral(
                "%1 belongs to user %2, not to you (user %3): someone else may have made it to receive "
                "your tel: links; remove it")
                .arg(path, QString::number(status.st_uid), QString::number(userId)));
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return Failure(
            QStringLiteral("%1 may be used by other users (mode %2); it must be 0700: run chmod 700 %1")
                .arg(path, QStringLiteral("%1").arg(status.st_mode & 07777, 4, 8, QLatin1Char('0'))));
    return {};
}

Result<QString> InstanceChannel::defaultPath()
{
    const uint userId = ::geteuid();
    // The runtime folder is made for exactly this (private to the user, cleaned at logout), when it is
    // what it should be.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QDir::isAbsolutePath(runtime)) {
        if (const auto usable = checkPrivateFolder(runtime, userId))
            return QDir(runtime).filePath(QStringLiteral("switchboard.sock"));
        else
            qCInfo(lcInstance).noquote() << "XDG_RUNTIME_DIR is not used:" << usable.error();
    }
    // mkdir, not mkpath: a folder that is already there must be checked, never adopted.
    const QString folder = QDir(QDir::tempPath()).filePath(QStringLiteral("switchboard-%1").arg(userId));
    if (::mkdir(QFile::encodeName(folder).constData(), S_IRWXU) != 0 && errno != EEXIST)
        return Failure(
            QStringLiteral("cannot create %1: %2").arg(folder, QString::fromLocal8Bit(std::strerror(errno))));
    if (const auto usable = checkPrivateFolder(folder, userId); !usable)
        return Failure(usable.error());
    return QDir(folder).filePath(socketName);
}

bool InstanceChannel::sendToRunning(const QString &path, const QString &message, int timeoutMilliseconds,
                                    std::optional<uint> trustedUserId)
{
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(timeoutMilliseconds))
        return false;
    // The number to dial goes only to an instance of our own.
    if (!peerIsTrusted(socket, trustedUserId.value_or(::geteuid())))
        return false;
    // One line, UTF-8; the running instance answers "ok" once it has it.
    socket.write(message.toUtf8().left(maxMessageBytes - 1).replace('\n', ' ') + '\n');
    if (!socket.waitForBytesWritten(timeoutMilliseconds))
        return false;
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMilliseconds))
            return false;
    }
    return socket.readLine().trimmed() == "ok";
}

Result<void> InstanceChannel::listen(const QString &path)
{
    // With socket options set, Qt binds in a private directory and renames the socket into place, which
    // replaces a live instance's socket without a word: ask first whether anyone answers.
    if (sendToRunning(path, QString(), 500, m_trustedUserId))
        return Failure(QStringLiteral("another instance is running (%1)").arg(path));
    QLocalServer::removeServer(path); // a socket file left by an instance that died
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption); // other users cannot dial through us
    if (!server->listen(path)) {
        const QString error = server->errorString();
        delete server;
        return Failure(QStringLiteral("cannot listen for other instances on %1: %2").arg(path, error));
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            // The folder keeps others out; this holds even if its permissions are loosened later.
            if (!peerIsTrusted(*socket, m_trustedUserId)) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            // A client that says nothing is not waited for forever.
            QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine()) {
                    if (socket->bytesAvailable() >= maxMessageBytes)
                        socket->abort();
                    return;
                }
                const QString message = QString::fromUtf8(socket->readLine(maxMessageBytes)).trimmed();
                socket->write("ok\n");
                socket->flush();
                socket->disconnectFromServer();
                if (!message.isEmpty())
                    Q_EMIT messageReceived(message);
            });
        }
    });
    return {};
}

} // namespace App
