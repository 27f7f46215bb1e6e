#pragma once

// One of WebhookServer's request threads: an HTTP server with its own connection guard and request
// dispatcher (and so its own database connection), serving the connections WebhookServer hands it.
// Answers may be ready later than the requests that follow them (a webhook waits for its call event's
// commit, a token for its secret check): each connection's answers still go out in its requests' order.

#include "core/common/Result.h"
#include "core/server/RequestDispatcher.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <functional>
#include <map>
#include <memory>

namespace Common {
class ThreadMailbox;
} // namespace Common

namespace Store {
class CallLogWriter;
class Database;
} // namespace Store

namespace Server {

class ConnectionGuard;
class LoginThrottle;
class PeerConnectionLimit;
class SecretCheckPool;

class WebhookWorker : public QAbstractHttpServer
{
    Q_OBJECT

public:
    // Called in the worker's thread with each request's record, once it is answered.
    using RecordSink = std::function<void(RequestRecord record)>;

    // publicBaseUrl in settings must be final: signatures are checked against it.
    WebhookWorker(std::shared_ptr<Store::Database> database, std::shared_ptr<Store::CallLogWriter> callLog,
                  std::shared_ptr<LoginThrottle> loginThrottle, std::shared_ptr<SecretCheckPool> secretChecks,
                  std::shared_ptr<PeerConnectionLimit> peerLimit, RecordSink recordHandled,
                  const ServerSettings &settings, QObject *parent = nullptr);
    ~WebhookWorker() override;

    // From another thread, once the worker's thread runs, before the first adopt(): takes a duplicate of
    // the listening socket in the worker's thread, with accepting paused, and waits for that. Only because
    // QAbstractHttpServer serves nothing but a listening QTcpServer's connections.
    Result<void> attach(qintptr listeningDescriptor);

    // Any thread. False when this worker has its share of connections open already (see
    // ConnectionGuard::reserve()).
    bool reserve();
    int openConnections() const;
    // Any thread: serves socketDescriptor (answers 503 unless reserved), in the worker's thread.
    void adopt(qintptr socketDescriptor, bool reserved);

protected:
    void customEvent(QEvent *event) override;
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Answer
    {
        QByteArray bytes; // status line, headers and body
        bool close = false;
    };
    // One connection's answers not written yet, by the order of their requests.
    struct Answers
    {
        QTcpSocket *socket = nullptr;
        quint64 nextRequest = 0; // the number the next request gets
        quint64 nextToWrite = 0;
        std::map<quint64, Answer> ready; // done, waiting for an earlier one
        bool closed = false; // answered a Connection: close
    };

    Result<void> attachHere(qintptr listeningDescriptor);
    Answers &answersOf(QTcpSocket *socket);
    void finish(quint64 connection, quint64 request, bool close, const QElapsedTimer &timer,
                const HttpResponse &response, RequestRecord record);

    std::shared_ptr<Common::ThreadMailbox> m_mailbox;
    RequestDispatcher m_dispatcher;
    HttpLimits m_limits;
    std::shared_ptr<PeerConnectionLimit> m_peerLimit;
    RecordSink m_recordHandled;
    ConnectionGuard *m_guard = nullptr;
    quint64 m_nextConnection = 1;
    QHash<QTcpSocket *, quint64> m_connectionIds;
    QHash<quint64, Answers> m_answers;
};

} // namespace Server
