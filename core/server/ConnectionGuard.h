#pragma once

// The TCP server in front of QHttpServer (hand it to QAbstractHttpServer::bind()): it checks every
// connection's bytes before QHttpServer reads them and answers what breaks HttpLimits itself.

#include "core/server/HttpLimits.h"
#include "core/server/MonotonicClock.h"

#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Server {

class PeerConnectionLimit;

// QHttpServer 6.4 has no limits and parses leniently: it buffers any header or body whole, never times a
// connection out, frames requests by the first of several Content-Lengths or none at all (request
// smuggling), and turns a request with more than 100 header fields into one with no headers. The guard
// closes those holes in front of it: header and body caps, one plain Content-Length, no
// Transfer-Encoding, a strict request line, request and idle timeouts, a bounded read buffer, and a cap
// on open connections, in all and per client address. It also stops reading a connection whose answers
// pile up unsent or unfinished (see HttpLimits::maxUnsentBytes), and closes one whose request asked for
// it once the answer is written.
// A violation is answered with a JSON error ({"success":false,"error":"..."}) and Connection: close, and
// QHttpServer never sees the offending bytes. Not for WebSocket upgrades: their idle time would count.
//
// Listen first, then bind() before the event loop delivers the first connection:
//     auto *guard = new ConnectionGuard(limits);
//     guard->listen(address, port);
//     httpServer.bind(guard); // takes ownership
class ConnectionGuard : public QTcpServer
{
    Q_OBJECT

public:
    // clock: what the timeouts are counted on; tests pass their own and call expireOverdue().
    explicit ConnectionGuard(const HttpLimits &limits = {}, QObject *parent = nullptr,
                             MonotonicClock clock = steadyClock());

    const HttpLimits &limits() const { return m_limits; }
    // Connections handed on to QHttpServer whose sockets still exist, and those reserved for adopt().
    // Any thread.
    int openConnections() const { return m_openConnections.load(); }

    // For a guard that does not accept connections itself but is handed them by whoever does: its
    // listening socket then only satisfies QAbstractHttpServer::bind(), and accepting stays paused.
    // reserve(), from any thread, counts a connection as open now, unless maxConnections are open
    // already; adopt(), in the guard's thread, takes the socket on: a reserved one is served, any other
    // answered 503 and closed.
    void acceptHandedConnectionsOnly();
    bool reserve();
    void adopt(qintptr socketDescriptor, bool reserved);

    // Guards that serve one listening socket together share one count of each peer's connections. By
    // default a guard counts its own.
    void sharePeerConnectionLimit(std::shared_ptr<PeerConnectionLimit> limit);

    // For the HTTP server behind the guard, after it wrote (or queued) answers on socket: how many of the
    // connection's requests it is still answering. With the bytes not yet sent (which the guard also looks
    // at by itself as requests arrive), this decides whether it stops reading the connection until it
    // drains.
    void noteAnswersPending(QTcpSocket *socket, int answersPending);
    // The HTTP server wrote the answer to a request that asked to close the connection (Connection:
    // close): the connection is closed as soon as the answer is sent, and nothing more of it is read.
    void closeAfterAnswer(QTcpSocket *socket);
    // Connections the guard does not read for now, waiting for their answers to drain.
    int pausedConnections() const;
    // Connections the guard is closing (timed out, rejected, or asked to close), until their sockets go.
    int closingConnections() const;
    // Ends every timeout that is due on the clock now. Each connection's timer calls it for its own when
    // its time comes; a test whose clock it moves by hand calls it after moving it.
    void expireOverdue();

    // QTcpServer's resumes accepting; a guard that only takes handed connections pauses it again.
    QTcpSocket *nextPendingConnection() override;
    // Rejections so far, keyed by the reason the client was given.
    const QHash<QString, int> &rejectionCounts() const { return m_rejectionCounts; }
    int rejectionCount() const;

Q_SIGNALS:
    // A client broke a limit and was answered with status and disconnected. The reason is one of a fixed
    // set of sentences and never quotes the request, so it is safe to log.
    void rejected(const QString &reason, int status, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Connection;

    void accept(qintptr socketDescriptor, bool reserved);
    void inspect(QTcpSocket *socket, Connection &connection);
    // Starts the connection's timeout (request, idle, or the client taking its answers) from now.
    void restartTimer(Connection &connection);
    void timerFired(QTcpSocket *socket, Connection &connection);
    void expire(QTcpSocket *socket, Connection &connection);
    void reject(QTcpSocket *socket, Connection &connection, int status, const QString &reason);
    void closeGracefully(QTcpSocket *socket, Connection &connection);
    void refuse(QTcpSocket *socket, int status, const QString &reason);
    // Hands socket to QHttpServer with the guard's checks around its reader; false when nobody took it.
    bool handOver(QTcpSocket *socket, const std::shared_ptr<Connection> &connection);
    void pauseIfBehind(QTcpSocket *socket, Connection &connection);
    void resumeIfDrained(QTcpSocket *socket, Connection &connection);
    // Emits socket's readyRead() again, later, for what it holds buffered.
    void announce(QTcpSocket *socket, Connection &connection);
    void count(const QString &reason, int status, const QHostAddress &peer);

    HttpLimits m_limits;
    MonotonicClock m_clock;
    std::atomic<int> m_openConnections { 0 };
    bool m_handedConnectionsOnly = false;
    QHash<QString, int> m_rejectionCounts;
    std::shared_ptr<PeerConnectionLimit> m_peerLimit;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections; // those handed on, until destroyed
};

} // namespace Server
