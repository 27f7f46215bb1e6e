#include "core/server/WebhookWorker.h"

#include "core/server/ConnectionGuard.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>

#include <memory>
#include <utility>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcServer)

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

// A second descriptor for the same listening socket, closed on exec, or -1.
qintptr duplicate(qintptr descriptor)
{
#ifdef Q_OS_UNIX
    return ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
#else
    Q_UNUSED(descriptor);
    return -1; // POSIX only for now: Switchboard ships for Debian
#endif
}

void closeDescriptor(qintptr descriptor)
{
#ifdef Q_OS_UNIX
    ::close(int(descriptor));
#else
    Q_UNUSED(descriptor);
#endif
}

} // namespace

WebhookWorker::WebhookWorker(std::shared_ptr<Store::Database> database,
                             std::shared_ptr<Store::CallLogWriter> callLog,
                             std::shared_ptr<LoginThrottle> loginThrottle,
                             std::shared_ptr<const std::atomic<bool>> recordsWanted, ServerSettings settings,
                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_dispatcher(std::move(database), std::move(callLog), std::move(loginThrottle), settings)
    , m_limits(settings.limits)
    , m_recordsWanted(std::move(recordsWanted))
{ }

WebhookWorker::~WebhookWorker() = default;

Result<void> WebhookWorker::attach(qintptr listeningDescriptor)
{
    const qintptr descriptor = duplicate(listeningDescriptor);
    if (descriptor < 0)
        return Result<void>::failure(
            QStringLiteral("cannot share the listening socket with a request thread"));
    auto *guard = new ConnectionGuard(m_limits, this);
    if (!guard->setSocketDescriptor(descriptor)) {
        const QString error = guard->errorString();
        delete guard; // closes the duplicate
        return Result<void>::failure(QStringLiteral("cannot serve on the listening socket: %1").arg(error));
    }
    guard->acceptHandedConnectionsOnly();
    connect(guard, &ConnectionGuard::rejected, this,
            [](const QString &reason, int status, const QHostAddress &peer) {
                qCInfo(lcServer).noquote() << "refused" << peer.toString() << status << reason;
            });
    m_guard = guard;
    bind(m_guard);
    return Result<void>::success();
}

bool WebhookWorker::reserve()
{
    return m_guard && m_guard->reserve();
}

int WebhookWorker::openConnections() const
{
    return m_guard ? m_guard->openConnections() : 0;
}

void WebhookWorker::adopt(qintptr socketDescriptor, bool reserved)
{
    // Should the worker stop before it gets to the connection, the queued call is dropped unrun: the
    // descriptor is closed then rather than leaked.
    struct Handover
    {
        qintptr descriptor = -1;
        ~Handover()
        {
            if (descriptor >= 0)
                closeDescriptor(descriptor);
        }
    };
    const auto handover = std::make_shared<Handover>();
    handover->descriptor = socketDescriptor;
    QMetaObject::invokeMethod(
        this,
        [this, handover, reserved] { m_guard->adopt(std::exchange(handover->descriptor, -1), reserved); },
        Qt::QueuedConnection);
}

bool WebhookWorker::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
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
    if (m_recordsWanted->load(std::memory_order_relaxed))
        Q_EMIT requestHandled(record);
    return true;
}

void WebhookWorker::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only reached if that ever changes.
    auto responder = makeResponder(request, socket);
    write(responder, HttpResponse::error(404, QStringLiteral("no such resource")));
}

} // namespace Server
