#pragma once

// The listening socket of WebhookServer: it accepts connections and passes each one's descriptor on,
// without reading from it, to the request thread that will serve it.

#include <QTcpServer>

namespace Server {

class ConnectionDistributor : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;

Q_SIGNALS:
    // Connect directly: the descriptor belongs to the receiver, which must take it on or close it.
    void accepted(qintptr socketDescriptor);

protected:
    void incomingConnection(qintptr socketDescriptor) override { Q_EMIT accepted(socketDescriptor); }
};

} // namespace Server
