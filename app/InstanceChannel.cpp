#include "app/InstanceChannel.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

InstanceChannel::InstanceChannel(QObject *parent)
    : QObject(parent)
{ }

InstanceChannel::~InstanceChannel() = default;

QString InstanceChannel::defaultName()
{
#ifdef Q_OS_UNIX
    return QStringLiteral("switchboard-%1").arg(::getuid());
#else
    return QStringLiteral("switchboard-%1").arg(qEnvironmentVariable("USERNAME"));
#endif
}

bool InstanceChannel::sendToRunning(const QString &name, const QString &message, int timeoutMilliseconds)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(timeoutMilliseconds))
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

Result<void> InstanceChannel::listen(const QString &name)
{
    // With socket options set, Qt binds in a private directory and renames the socket into place, which
    // replaces a live instance's socket without a word: ask first whether anyone answers.
    if (sendToRunning(name, QString(), 500))
        return Result<void>::failure(QStringLiteral("another instance is running (%1)").arg(name));
    QLocalServer::removeServer(name); // a socket file left by an instance that died
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption); // other users cannot dial through us
    if (!server->listen(name)) {
        const QString error = server->errorString();
        delete server;
        return Result<void>::failure(
            QStringLiteral("cannot listen for other instances on %1: %2").arg(name, error));
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
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
    return Result<void>::success();
}
