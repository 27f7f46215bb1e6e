#include "core/server/WebhookServer.h"

#include "core/server/ConnectionGuard.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>

Q_LOGGING_CATEGORY(lcServer, "switchboard.server")

namespace Server {
namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

HttpRequest toHttpRequest(const QHttpServerRequest &request)
{
    HttpRequest result;
    result.method = methodName(request.method());
    result.path = request.url().path(QUrl::FullyEncoded);
    result.query = request.url().query(QUrl::FullyEncoded);
    result.headers = request.headers();
    result.body = request.body();
    result.peer = request.remoteAddress();
    return result;
}

void write(QHttpServerResponder &responder, const HttpResponse &response)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace

WebhookServer::WebhookServer(std::shared_ptr<Store::Database> database, ServerSettings settings,
                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_settings(settings)
    , m_dispatcher(std::move(database), std::move(settings))
{
    qRegisterMetaType<Server::RequestRecord>();
}

WebhookServer::~WebhookServer() = default;

Result<quint16> WebhookServer::start()
{
    using R = Result<quint16>;
    if (m_guard)
        return R::success(m_guard->serverPort());
    auto *guard = new ConnectionGuard(m_settings.limits, this);
    if (!guard->listen(m_settings.address, m_settings.port)) {
        const QString error = guard->errorString();
        delete guard;
        return R::failure(QStringLiteral("cannot listen on %1:%2: %3")
                              .arg(m_settings.address.toString())
                              .arg(m_settings.port)
                              .arg(error));
    }
    m_guard = guard;
    bind(m_guard);
    connect(m_guard, &ConnectionGuard::rejected, this,
            [](const QString &reason, int status, const QHostAddress &peer) {
                qCInfo(lcServer).noquote() << "refused" << peer.toString() << status << reason;
            });

    QString base = m_settings.publicBaseUrl.isEmpty() ? localUrl().toString() : m_settings.publicBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    m_dispatcher.setPublicBaseUrl(base);
    if (!m_settings.verifySignatures)
        qCWarning(lcServer)
            << "TWILIO SIGNATURES ARE NOT CHECKED: anyone who reaches this port can drive calls."
            << "Use this for local experiments only.";
    qCInfo(lcServer).noquote() << "listening on" << localUrl().toString() << "- webhooks signed for" << base;
    return R::success(m_guard->serverPort());
}

void WebhookServer::stop()
{
    if (!m_guard)
        return;
    m_guard->close();
    m_guard->deleteLater();
    m_guard = nullptr;
}

bool WebhookServer::isListening() const
{
    return m_guard && m_guard->isListening();
}

QUrl WebhookServer::localUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress address
        = m_settings.address == QHostAddress::Any || m_settings.address == QHostAddress::AnyIPv4
        ? QHostAddress(QHostAddress::LocalHost)
        : m_settings.address;
    url.setHost(address.toString());
    url.setPort(m_guard ? m_guard->serverPort() : m_settings.port);
    return url;
}

QString WebhookServer::publicBaseUrl() const
{
    return m_dispatcher.settings().publicBaseUrl;
}

bool WebhookServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    RequestRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    const HttpRequest httpRequest = toHttpRequest(request);
    HttpResponse response;
    try {
        response = m_dispatcher.dispatch(httpRequest, record);
    } catch (const std::exception &error) {
        // Nothing in core throws on purpose; this keeps a bug (or bad_alloc) from taking the server down.
        qCCritical(lcServer) << "request failed:" << error.what();
        response = HttpResponse::error(500, QStringLiteral("internal error"));
    }
    auto responder = makeResponder(request, socket);
    write(responder, response);

    record.status = response.status;
    if (record.response.isEmpty())
        record.response = response.body.left(64 * 1024);
    record.latencyMicroseconds = timer.nsecsElapsed() / 1000;
    qCInfo(lcServer).noquote() << record.method << record.route << record.status << record.signature
                               << (record.outcome.isEmpty() ? QString() : u'(' + record.outcome + u')')
                               << QStringLiteral("%1 us").arg(record.latencyMicroseconds);
    Q_EMIT requestHandled(record);
    return true;
}

void WebhookServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only reached if that ever changes.
    auto responder = makeResponder(request, socket);
    write(responder, HttpResponse::error(404, QStringLiteral("no such resource")));
}

} // namespace Server
