#include "core/server/WebhookWorker.h"

#include "core/common/ThreadMailbox.h"
#include "core/server/ConnectionGuard.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>

#include <future>
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

// Whether the client asked to close the connection after this request.
bool wantsClose(const HttpRequest &request)
{
    const QList<QByteArray> options = request.header("Connection").split(',');
    return std::any_of(options.cbegin(), options.cend(), [](const QByteArray &option) {
        return option.trimmed().compare("close", Qt::CaseInsensitive) == 0;
    });
}

QByteArray reasonPhrase(int status)
{
    const QByteArray phrase = QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(status);
    // "NotFound" -> "Not Found"
    QByteArray spaced;
    for (const char c : phrase) {
        if (!spaced.isEmpty() && c >= 'A' && c <= 'Z')
            spaced += ' ';
        spaced += c;
    }
    return spaced.isEmpty() ? QByteArray("Status") : spaced;
}

// Written by hand rather than through QHttpServerResponder: an answer may be written long after its
// request was parsed, when QHttpServer has moved on to later requests of the connection.
QByteArray serialize(const HttpResponse &response, bool close)
{
    QByteArray bytes
        = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    const auto header = [&bytes](const QByteArray &name, const QByteArray &value) {
        bytes += name + ": " + value + "\r\n";
    };
    if (!response.contentType.isEmpty())
        header("Content-Type", response.contentType);
    // Nothing we send is to be guessed at as another type (a browser reading a JSON error as HTML).
    header("X-Content-Type-Options", "nosniff");
    for (const auto &[name, value] : response.headers)
        header(name, value);
    header("Content-Length", QByteArray::number(response.body.size()));
    if (close)
        header("Connection", "close");
    bytes += "\r\n";
    bytes += response.body;
    return bytes;
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
                             std::shared_ptr<SecretCheckPool> secretChecks,
                             std::shared_ptr<PeerConnectionLimit> peerLimit, RecordSink recordHandled,
                             const ServerSettings &settings, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_mailbox(std::make_shared<Common::ThreadMailbox>(this))
    , m_dispatcher(
          std::move(database), std::move(callLog), std::move(loginThrottle), std::move(secretChecks),
          [mailbox = m_mailbox](std::function<void()> task) { return mailbox->post(std::move(task)); },
          settings)
    , m_limits(settings.limits)
    , m_peerLimit(std::move(peerLimit))
    , m_recordHandled(std::move(recordHandled))
{ }

WebhookWorker::~WebhookWorker()
{
    m_mailbox->close();
}

void WebhookWorker::customEvent(QEvent *event)
{
    if (!m_mailbox->deliver(event))
        QAbstractHttpServer::customEvent(event);
}

Result<void> WebhookWorker::attach(qintptr listeningDescriptor)
{
    std::promise<Result<void>> attaching;
    std::future<Result<void>> attached = attaching.get_future();
    if (!m_mailbox->post([this, &attaching, listeningDescriptor] {
            attaching.set_value(attachHere(listeningDescriptor));
        }))
        return Failure(QStringLiteral("the request thread has stopped"));
    return attached.get();
}

Result<void> WebhookWorker::attachHere(qintptr listeningDescriptor)
{
    const qintptr descriptor = duplicate(listeningDescriptor);
    if (descriptor < 0)
        return Failure(QStringLiteral("cannot share the listening socket with a request thread"));
    auto *guard = new ConnectionGuard(m_limits, this);
    if (!guard->setSocketDescriptor(descriptor)) {
        const QString error = guard->errorString();
        delete guard; // closes the duplicate
        return Failure(QStringLiteral("cannot serve on the listening socket: %1").arg(error));
    }
    guard->acceptHandedConnectionsOnly();
    guard->sharePeerConnectionLimit(m_peerLimit);
    connect(guard, &ConnectionGuard::rejected, this,
            [](const QString &reason, int status, const QHostAddress &peer) {
                qCInfo(lcServer).noquote() << "refused" << peer.toString() << status << reason;
            });
    m_guard = guard;
    bind(m_guard);
    return {};
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
    m_mailbox->post(
        [this, handover, reserved] { m_guard->adopt(std::exchange(handover->descriptor, -1), reserved); });
}

WebhookWorker::Answers &WebhookWorker::answersOf(QTcpSocket *socket)
{
    if (const auto found = m_connectionIds.constFind(socket); found != m_connectionIds.cend())
        return m_answers[*found];
    // Numbered, not keyed by the socket: a late answer must never reach a new socket at the same address.
    const quint64 id = m_nextConnection++;
    m_connectionIds.insert(socket, id);
    Answers &answers = m_answers[id];
    answers.socket = socket;
    connect(socket, &QObject::destroyed, this, [this, socket, id] {
        m_connectionIds.remove(socket);
        m_answers.remove(id);
    });
    return answers;
}

bool WebhookWorker::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    RequestRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    const HttpRequest httpRequest = toHttpRequest(request);
    Answers &answers = answersOf(socket);
    if (answers.closed)
        return true; // asked to close earlier: what follows is not answered
    const quint64 connection = m_connectionIds.value(socket);
    const quint64 number = answers.nextRequest++;
    const bool close = wantsClose(httpRequest);
    const Reply reply
        = [this, connection, number, close, timer](const HttpResponse &response, RequestRecord done) {
              finish(connection, number, close, timer, response, std::move(done));
          };
    try {
        m_dispatcher.dispatch(httpRequest, std::move(record), reply);
    } catch (const std::exception &error) {
        // Nothing in core throws on purpose; this keeps a bug (or bad_alloc) from taking the server down.
        // Should the request have been answered already, finish() ignores the second answer.
        qCCritical(lcServer) << "request failed:" << error.what();
        RequestRecord failed;
        failed.time = QDateTime::currentDateTimeUtc();
        reply(HttpResponse::error(500, QStringLiteral("internal error")), std::move(failed));
    }
    if (const auto found = m_answers.constFind(connection); found != m_answers.cend() && m_guard)
        m_guard->noteAnswersPending(socket, int(found->nextRequest - found->nextToWrite));
    return true;
}

void WebhookWorker::finish(quint64 connection, quint64 request, bool close, const QElapsedTimer &timer,
                           const HttpResponse &response, RequestRecord record)
{
    record.status = response.status;
    if (record.response.isEmpty())
        record.response = response.body.left(64 * 1024);
    record.latencyMicroseconds = timer.nsecsElapsed() / 1000;
    qCInfo(lcServer).noquote() << record.method << record.route << record.status << record.signature
                               << (record.outcome.isEmpty() ? QString() : u'(' + record.outcome + u')')
                               << QStringLiteral("%1 us").arg(record.latencyMicroseconds);
    if (m_recordHandled)
        m_recordHandled(std::move(record));

    const auto found = m_answers.find(connection);
    if (found == m_answers.end())
        return; // the client has gone
    Answers &answers = *found;
    if (request < answers.nextToWrite || answers.ready.count(request) > 0 || answers.closed)
        return;
    answers.ready.emplace(request, Answer { serialize(response, close), close });
    QTcpSocket *socket = answers.socket;
    while (!answers.ready.empty() && answers.ready.begin()->first == answers.nextToWrite) {
        const Answer answer = std::move(answers.ready.begin()->second);
        answers.ready.erase(answers.ready.begin());
        ++answers.nextToWrite;
        socket->write(answer.bytes);
        if (answer.close) {
            answers.closed = true;
            answers.ready.clear();
            if (m_guard)
                m_guard->closeAfterAnswer(socket);
            return;
        }
    }
    if (m_guard)
        m_guard->noteAnswersPending(socket, int(answers.nextRequest - answers.nextToWrite));
}

void WebhookWorker::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only reached if that ever changes.
    Q_UNUSED(request);
    socket->write(serialize(HttpResponse::error(404, QStringLiteral("no such resource")), false));
}

} // namespace Server
