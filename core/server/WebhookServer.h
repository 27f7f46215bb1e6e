#pragma once

// The embedded HTTP server: Twilio's webhooks and the token endpoint, behind a connection guard.
// The desktop app and `switchboard serve` run the same one.

#include "core/common/Result.h"
#include "core/server/RequestDispatcher.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"

#include <QAbstractHttpServer>
#include <QUrl>

#include <memory>

namespace Store {
class Database;
} // namespace Store

namespace Server {

class ConnectionGuard;

class WebhookServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    WebhookServer(std::shared_ptr<Store::Database> database, ServerSettings settings,
                  QObject *parent = nullptr);
    ~WebhookServer() override;

    // Listens on settings' address and port; returns the port (useful when it was 0).
    Result<quint16> start();
    void stop();
    bool isListening() const;

    QUrl localUrl() const; // http://127.0.0.1:PORT
    QString publicBaseUrl() const; // what signatures are checked against

Q_SIGNALS:
    void requestHandled(const Server::RequestRecord &record);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ServerSettings m_settings;
    RequestDispatcher m_dispatcher;
    ConnectionGuard *m_guard = nullptr;
};

} // namespace Server
