#pragma once

// The TCP server in front of QHttpServer (hand it to QAbstractHttpServer::bind()): it checks every
// connection's bytes before QHttpServer reads them and answers what breaks HttpLimits itself.

#include "core/server/HttpLimits.h"

#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>

#include <atomic>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace Server {

// QHttpServer 6.4 has no limits and parses leniently: it buffers any header or body whole, never times a
// connection out, frames requests by the first of several Content-Lengths or none at all (request
// smuggling), and turns a request with more than 100 header fields into one with no headers. The guard
// closes those holes in front of it: header and body caps, one plain Content-Length, no
// Transfer-Encoding, a strict request line, request and idle timeouts, a bounded read buffer, and a cap
// on open connections.
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
    explicit ConnectionGuard(const HttpLimits &limits = {}, QObject *parent = nullptr);

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
    void expire(QTcpSocket *socket, Connection &connection);
    void reject(QTcpSocket *socket, Connection &connection, int status, const QString &reason);
    void closeGracefully(QTcpSocket *socket, Connection &connection);
    void refuse(QTcpSocket *socket, int status, const QString &reason);
    void count(const QString &reason, int status, const QHostAddress &peer);

    HttpLimits m_limits;
    std::atomic<int> m_openConnections { 0 };
    bool m_handedConnectionsOnly = false;
    QHash<QString, int> m_rejectionCounts;
};

} // namespace Server
