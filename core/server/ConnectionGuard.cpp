#include "core/server/ConnectionGuard.h"

#include "core/server/PeerConnectionLimit.h"
#include "core/server/RequestStreamChecker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <numeric>

namespace Server {
namespace {

Q_LOGGING_CATEGORY(lcGuard, "switchboard.server.guard")

// QHttpHeaderParser's limits (Qt 6.4): more fields, or one longer field, and it drops them all.
constexpr int qtMaxHeaderFields = 100;
constexpr qsizetype qtMaxHeaderFieldBytes = 100 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

QByteArray errorResponse(int status, const QString &reason)
{
    // QJsonDocument does the string escaping; the array brackets around the string are cut off.
    const QByteArray quoted
        = QJsonDocument(QJsonArray { reason }).toJson(QJsonDocument::Compact).chopped(1).sliced(1);
    const QByteArray body = "{\"success\":false,\"error\":" + quoted + '}';
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

// One per connection handed to QHttpServer. The lambdas connected to the socket and its timer share it,
// so it lives exactly as long as the socket does.
struct ConnectionGuard::Connection
{
    explicit Connection(const HttpLimits &limits)
        : checker(limits)
    { }

    RequestStreamChecker checker;
    QTimer *timer = nullptr; // the socket's child
    // When the running timeout ends, on the guard's clock. The timer wakes the guard then; the clock decides.
    std::chrono::milliseconds deadline { 0 };
    QHostAddress peer; // kept: a socket forgets its peer once disconnected
    // Bytes in the socket's buffer that were inspected already but QHttpServer has not read yet. It reads
    // one request per readyRead() and announces the rest again later, so not everything buffered is new.
    qint64 inspectedUnread = 0;
    bool closing = false;
    bool peerCounted = false; // holds one of its peer's connections in the PeerConnectionLimit
    int answersPending = 0;
    bool paused = false; // QHttpServer's reader is detached until the answers drain
    // Where QHttpServer's reader is in the stream: the bytes it has taken, as of our check after it, and
    // whether it stopped at the end of a request (only there may it be detached and replaced).
    qint64 consumed = 0;
    qint64 availableBeforeReader = 0;
    bool readerAtBoundary = true;
    bool announcing = false; // a readyRead() of ours is queued
};

ConnectionGuard::ConnectionGuard(const HttpLimits &limits, QObject *parent, MonotonicClock clock)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_clock(clock ? std::move(clock) : steadyClock())
    , m_peerLimit(std::make_shared<PeerConnectionLimit>(limits.maxConnectionsPerPeer))
{
    // Beyond these QHttpServer 6.4's header parser gives up and drops every header, Content-Length
    // included, and reads the body as a request of its own: the very smuggling the guard is here to stop.
    if (m_limits.maxHeaderFields > qtMaxHeaderFields || m_limits.maxHeaderBytes > qtMaxHeaderFieldBytes) {
        qCWarning(lcGuard).nospace() << "header limits above what QHttpServer parses safely; using at most "
                                     << qtMaxHeaderFields << " fields and " << qtMaxHeaderFieldBytes
                                     << " bytes";
        m_limits.maxHeaderFields = qMin(m_limits.maxHeaderFields, qtMaxHeaderFields);
        m_limits.maxHeaderBytes = qMin(m_limits.maxHeaderBytes, qtMaxHeaderFieldBytes);
    }
}

int ConnectionGuard::rejectionCount() const
{
    return std::accumulate(m_rejectionCounts.cbegin(), m_rejectionCounts.cend(), 0);
}

void ConnectionGuard::incomingConnection(qintptr socketDescriptor)
{
    accept(socketDescriptor, reserve());
}

void ConnectionGuard::acceptHandedConnectionsOnly()
{
    m_handedConnectionsOnly = true;
    pauseAccepting();
}

QTcpSocket *ConnectionGuard::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    if (m_handedConnectionsOnly)
        pauseAccepting(); // before the event loop could accept anything
    return socket;
}

bool ConnectionGuard::reserve()
{
    int open = m_openConnections.load();
    do {
        if (open >= m_limits.maxConnections)
            return false;
    } while (!m_openConnections.compare_exchange_weak(open, open + 1));
    return true;
}

void ConnectionGuard::adopt(qintptr socketDescriptor, bool reserved)
{
    accept(socketDescriptor, reserved);
}

void ConnectionGuard::sharePeerConnectionLimit(std::shared_ptr<PeerConnectionLimit> limit)
{
    if (limit)
        m_peerLimit = std::move(limit);
}

void ConnectionGuard::accept(qintptr socketDescriptor, bool reserved)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(socketDescriptor);
    if (!reserved) {
        refuse(socket, 503, QStringLiteral("too many open connections"));
        return;
    }
    if (!m_peerLimit->acquire(socket->peerAddress())) {
        --m_openConnections;
        refuse(socket, 503, QStringLiteral("too many open connections from your address"));
        return;
    }

    // QHttpServer holds a request's bytes until the request is complete, and the limits bound a request;
    // beyond one whole request and the next head, the kernel keeps the rest and TCP holds the client
    // back. Without a cap, pipelined requests sent faster than they are served would pile up here.
    socket->setReadBufferSize(2 * m_limits.maxHeaderBytes + m_limits.maxBodyBytes);
    // An answer goes out whole as soon as it is written: should Qt ever send one in two pieces, Nagle's
    // algorithm would hold the second back until the client's delayed ACK (up to 40 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    auto connection = std::make_shared<Connection>(m_limits);
    connection->peer = socket->peerAddress();
    connection->peerCounted = true;
    connection->timer = new QTimer(socket);
    connection->timer->setSingleShot(true);
    connection->timer->setInterval(m_limits.timeout);
    m_connections.insert(socket, connection);
    // The timer dies with the socket, and unlike the socket's own signals no one else disconnects it
    // (QHttpServer drops a socket's connections when it hands it over to WebSockets).
    connect(connection->timer, &QObject::destroyed, this, [this, socket, connection] {
        --m_openConnections;
        if (connection->peerCounted)
            m_peerLimit->release(connection->peer);
        m_connections.remove(socket);
    });
    connect(connection->timer, &QTimer::timeout, this,
            [this, socket, connection] { timerFired(socket, *connection); });

    if (!handOver(socket, connection))
        return;
    // The idle time between requests counts from our last answer, not from the request; a paused
    // connection may be read again once its answers are sent.
    connect(socket, &QIODevice::bytesWritten, this, [this, socket, connection] {
        if (connection->paused)
            resumeIfDrained(socket, *connection);
        else if (!connection->closing && connection->checker.isIdle())
            restartTimer(*connection);
    });
    restartTimer(*connection);
}

bool ConnectionGuard::handOver(QTcpSocket *socket, const std::shared_ptr<Connection> &connection)
{
    // QHttpServer connects its reader inside addPendingConnection() (on pendingConnectionAvailable()),
    // so our check is connected first and runs first on every readyRead()...
    connect(socket, &QTcpSocket::readyRead, this,
            [this, socket, connection] { inspect(socket, *connection); });
    addPendingConnection(socket);
    if (hasPendingConnections()) {
        // Nobody took the socket: whoever does later would read before our bookkeeping below runs.
        qCWarning(lcGuard) << "a connection arrived before ConnectionGuard was bound to an HTTP server;"
                              " closing it";
        while (QTcpSocket *pending = nextPendingConnection()) {
            pending->abort();
            pending->deleteLater();
        }
        return false;
    }
    // ...and this one last, after QHttpServer has read what it wanted.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, connection] {
        const qint64 available = socket->bytesAvailable();
        connection->consumed += connection->availableBeforeReader - available;
        connection->availableBeforeReader = available;
        connection->inspectedUnread = available;
        const bool tookARequest = connection->readerAtBoundary
            = connection->checker.endsRequestAt(connection->consumed) && connection->consumed > 0;
        pauseIfBehind(socket, *connection);
        // QHttpServer takes one request per readyRead(), and the socket announces only new bytes; once its
        // bounded buffer is full it takes no new ones either, until the buffer is empty. So the rest of
        // what is buffered is announced again here, or pipelined requests would wait for ever.
        if (tookARequest && !connection->paused && !connection->closing && available > 0)
            announce(socket, *connection);
    });
    return true;
}

void ConnectionGuard::inspect(QTcpSocket *socket, Connection &connection)
{
    const qint64 available = socket->bytesAvailable();
    connection.availableBeforeReader = available;
    const qint64 fresh = available - connection.inspectedUnread;
    connection.inspectedUnread = available;
    if (fresh <= 0)
        return; // QHttpServer announcing again what it left for later (pipelined requests)

    const bool wasIdle = connection.checker.isIdle();
    const int completedBefore = connection.checker.completedRequests();
    if (fresh <= connection.checker.pendingBodyBytes()) {
        connection.checker.skipBody(fresh);
    } else {
        // peek() leaves the bytes for QHttpServer; inside its read transaction it starts where its
        // reading stopped, so the fresh bytes are the tail.
        const QByteArray buffered = socket->peek(available);
        if (const auto violation
            = connection.checker.feed(QByteArrayView(buffered).sliced(available - fresh))) {
            reject(socket, connection, violation->status, violation->reason);
            return;
        }
    }
    // A request began or ended: its deadline, or the idle one, starts now. Bytes trickling into a
    // request that has started do not push its deadline back.
    if (connection.checker.completedRequests() != completedBefore || connection.checker.isIdle() != wasIdle)
        restartTimer(connection);
}

void ConnectionGuard::restartTimer(Connection &connection)
{
    connection.deadline = m_clock() + m_limits.timeout;
    connection.timer->start(m_limits.timeout);
}

void ConnectionGuard::timerFired(QTcpSocket *socket, Connection &connection)
{
    // A clock of the tests' own may not have moved as far as the timer's: the clock decides.
    const std::chrono::milliseconds left = connection.deadline - m_clock();
    if (left > std::chrono::milliseconds(0)) {
        connection.timer->start(left);
        return;
    }
    expire(socket, connection);
}

void ConnectionGuard::expireOverdue()
{
    const std::chrono::milliseconds now = m_clock();
    // expire() may close connections, which leave m_connections only when their sockets are destroyed,
    // later; a copy keeps the iteration safe regardless.
    const auto connections = m_connections;
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        Connection &connection = **it;
        if (connection.timer->isActive() && connection.deadline <= now) {
            connection.timer->stop();
            expire(it.key(), connection);
        }
    }
}

int ConnectionGuard::closingConnections() const
{
    return int(
        std::count_if(m_connections.cbegin(), m_connections.cend(),
                      [](const std::shared_ptr<Connection> &connection) { return connection->closing; }));
}

void ConnectionGuard::expire(QTcpSocket *socket, Connection &connection)
{
    if (connection.closing || socket->state() == QAbstractSocket::UnconnectedState) {
        // The client did not take our last answer in time, or the socket died without being deleted.
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (connection.paused) {
        // The client has not taken its answers for a whole timeout.
        count(QStringLiteral("the client did not read its answers in time"), 0, connection.peer);
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (connection.answersPending > 0 && connection.checker.isIdle()) {
        // Not idle: the server is still answering (a call event being committed, a secret checked).
        restartTimer(connection);
        return;
    }
    if (connection.checker.isIdle()) {
        qCDebug(lcGuard) << "closing idle connection from" << connection.peer;
        closeGracefully(socket, connection);
    } else {
        reject(socket, connection, 408, QStringLiteral("the request did not arrive in time"));
    }
}

void ConnectionGuard::reject(QTcpSocket *socket, Connection &connection, int status, const QString &reason)
{
    count(reason, status, connection.peer);
    socket->skip(socket->bytesAvailable());
    socket->write(errorResponse(status, reason));
    closeGracefully(socket, connection);
}

void ConnectionGuard::closeGracefully(QTcpSocket *socket, Connection &connection)
{
    connection.closing = true;
    // QHttpServer must see nothing more of this connection: not what is buffered (skipped by the
    // caller), not what it would announce again later. Disconnecting here, inside the emission, also
    // keeps its reader from running for the readyRead() being handled.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    // Closes once our answer is written; the timer hangs up on a client that does not read it.
    socket->disconnectFromHost();
    restartTimer(connection);
}

void ConnectionGuard::refuse(QTcpSocket *socket, int status, const QString &reason)
{
    count(reason, status, socket->peerAddress());
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(m_limits.timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->write(errorResponse(status, reason));
    socket->disconnectFromHost();
}

void ConnectionGuard::noteAnswersPending(QTcpSocket *socket, int answersPending)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend())
        return;
    Connection &connection = **found;
    connection.answersPending = answersPending;
    if (connection.paused)
        resumeIfDrained(socket, connection);
    else
        pauseIfBehind(socket, connection);
}

void ConnectionGuard::closeAfterAnswer(QTcpSocket *socket)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend() || (*found)->closing)
        return;
    // What the client sent after its last request is not answered.
    socket->skip(socket->bytesAvailable());
    closeGracefully(socket, **found);
}

int ConnectionGuard::pausedConnections() const
{
    return int(
        std::count_if(m_connections.cbegin(), m_connections.cend(),
                      [](const std::shared_ptr<Connection> &connection) { return connection->paused; }));
}

void ConnectionGuard::pauseIfBehind(QTcpSocket *socket, Connection &connection)
{
    // Only where QHttpServer's reader stopped at the end of a request: it is replaced when the connection
    // is read again, and a new one would know nothing of a request its predecessor had begun. (Called
    // from the HTTP server's answer to a request, the reader has just completed one.)
    if (connection.closing || connection.paused || !connection.readerAtBoundary
        || (socket->bytesToWrite() <= m_limits.maxUnsentBytes
            && connection.answersPending <= m_limits.maxAnswersPending))
        return;
    // QHttpServer reads a connection whenever its socket says readyRead() and offers no way to stop:
    // its reader is disconnected instead (even inside an emission, which then skips it). The socket fills
    // its bounded read buffer and leaves the rest in the kernel, so TCP holds the client back.
    qCDebug(lcGuard) << "not reading from" << connection.peer << "until its answers drain";
    disconnect(socket, &QTcpSocket::readyRead, parent(), nullptr);
    connection.paused = true;
    restartTimer(connection); // the client must take its answers within the timeout
}

void ConnectionGuard::resumeIfDrained(QTcpSocket *socket, Connection &connection)
{
    // Read again below half the limits, so that a connection at the edge does not flap.
    if (connection.closing || socket->bytesToWrite() > m_limits.maxUnsentBytes / 2
        || connection.answersPending > m_limits.maxAnswersPending / 2)
        return;
    connection.paused = false;
    // Handed over anew, QHttpServer attaches a fresh reader (the old one ended with a complete request),
    // and our two checks around it are connected again in their order.
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend() || !handOver(socket, *found))
        return;
    restartTimer(connection);
    // What arrived meanwhile waits in the socket's buffer, announced to nobody.
    if (socket->bytesAvailable() > 0)
        announce(socket, connection);
}

void ConnectionGuard::announce(QTcpSocket *socket, Connection &connection)
{
    if (connection.announcing)
        return;
    connection.announcing = true;
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend())
        return;
    std::weak_ptr<Connection> weak = *found;
    QMetaObject::invokeMethod(
        socket,
        [socket, weak] {
            const auto alive = weak.lock();
            if (!alive)
                return;
            alive->announcing = false;
            if (!alive->paused && !alive->closing && socket->bytesAvailable() > 0)
                Q_EMIT socket->readyRead();
        },
        Qt::QueuedConnection);
}

void ConnectionGuard::count(const QString &reason, int status, const QHostAddress &peer)
{
    ++m_rejectionCounts[reason];
    qCDebug(lcGuard).nospace() << "rejected " << peer.toString() << " with " << status << ": " << reason;
    Q_EMIT rejected(reason, status, peer);
}

} // namespace Server
