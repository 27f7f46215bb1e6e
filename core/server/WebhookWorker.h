#pragma once

// One of WebhookServer's request threads: an HTTP server with its own connection guard and request
// dispatcher (and so its own database connection), serving the connections WebhookServer hands it.

#include "core/common/Result.h"
#include "core/server/RequestDispatcher.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

#include <atomic>
#include <memory>

namespace Store {
class CallLogWriter;
class Database;
} // namespace Store

namespace Server {

class ConnectionGuard;
class LoginThrottle;

class WebhookWorker : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // publicBaseUrl in settings must be final: signatures are checked against it.
    // requestHandled() is sent only while recordsWanted holds true.
    WebhookWorker(std::shared_ptr<Store::Database> database, std::shared_ptr<Store::CallLogWriter> callLog,
                  std::shared_ptr<LoginThrottle> loginThrottle,
                  std::shared_ptr<const std::atomic<bool>> recordsWanted, ServerSettings settings,
                  QObject *parent = nullptr);
    ~WebhookWorker() override;

    // In the worker's thread, before the first adopt(): takes a duplicate of the listening socket, with
    // accepting paused, only because QAbstractHttpServer serves nothing but a listening QTcpServer's
    // connections.
    Result<void> attach(qintptr listeningDescriptor);

    // Any thread. False when this worker has its share of connections open already (see
    // ConnectionGuard::reserve()).
    bool reserve();
    int openConnections() const;
    // Any thread: serves socketDescriptor (answers 503 unless reserved), in the worker's thread.
    void adopt(qintptr socketDescriptor, bool reserved);

Q_SIGNALS:
    void requestHandled(const Server::RequestRecord &record);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    RequestDispatcher m_dispatcher;
    HttpLimits m_limits;
    std::shared_ptr<const std::atomic<bool>> m_recordsWanted;
    ConnectionGuard *m_guard = nullptr;
};

} // namespace Server
