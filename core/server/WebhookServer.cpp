#include "core/server/WebhookServer.h"

#include "core/common/ThreadMailbox.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/ConnectionDistributor.h"
#include "core/server/LoginThrottle.h"
#include "core/server/PeerConnectionLimit.h"
#include "core/server/SecretCheckPool.h"
#include "core/server/WebhookWorker.h"
#include "core/store/CallLogWriter.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#include <QThread>

Q_LOGGING_CATEGORY(lcServer, "switchboard.server")

namespace Server {
namespace {

// More request threads than cores only add switching; beyond a few, SQLite's single writer is the limit.
constexpr int maxAutomaticThreads = 4;

int requestThreadCount(int configured)
{
    if (configured > 0)
        return configured;
    return qBound(1, QThread::idealThreadCount(), maxAutomaticThreads);
}

} // namespace

WebhookServer::WebhookServer(std::shared_ptr<Store::Database> database, ServerSettings settings,
                             QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_settings(std::move(settings))
    , m_callLog(std::make_shared<Store::CallLogWriter>(m_database))
    , m_loginThrottle(std::make_shared<LoginThrottle>(m_settings.tokenLogins))
    , m_secretChecks(
          std::make_shared<SecretCheckPool>(m_settings.secretCheckThreads, m_settings.maxSecretChecksQueued))
    , m_peerLimit(std::make_shared<PeerConnectionLimit>(m_settings.limits.maxConnectionsPerPeer))
    , m_mailbox(std::make_shared<Common::ThreadMailbox>(this))
    , m_recordsWanted(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<Server::RequestRecord>();
    m_callLog->setCommitListener([this] {
        if (m_callLogWrittenPending.exchange(true))
            return;
        m_mailbox->post([this] {
            m_callLogWrittenPending = false;
            Q_EMIT callLogWritten();
        });
    });
}

WebhookServer::~WebhookServer()
{
    stop();
    // The workers may hold the writer a little longer: it must not post to a server that is gone.
    m_callLog->setCommitListener({});
    m_mailbox->close();
}

void WebhookServer::customEvent(QEvent *event)
{
    if (!m_mailbox->deliver(event))
        QObject::customEvent(event);
}

Result<quint16> WebhookServer::start(IfPortTaken ifPortTaken)
{
    if (m_distributor)
        return m_distributor->serverPort();
    auto *distributor = new ConnectionDistributor(this);
    const auto cannotListen = [this, distributor](quint16 port) {
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(m_settings.address.toString())
            .arg(port)
            .arg(distributor->errorString());
    };
    if (!distributor->listen(m_settings.address, m_settings.port)) {
        QString error = cannotListen(m_settings.port);
        const bool fallBack = ifPortTaken == IfPortTaken::UseAnyFreePort && m_settings.port != 0;
        if (fallBack && distributor->listen(m_settings.address, 0)) {
            // From now on this server lives on any free port: a restart (the Server page's Start) as well.
            m_portProblem = error;
            m_settings.port = 0;
        } else {
            if (fallBack)
                error = cannotListen(0);
            delete distributor;
            return Failure(error);
        }
    }
    m_distributor = distributor;

    QString base = m_settings.publicBaseUrl.isEmpty() ? localUrl().toString() : m_settings.publicBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    m_publicBaseUrl = base;

    const int threads = requestThreadCount(m_settings.requestThreads);
    ServerSettings workerSettings = m_settings;
    workerSettings.publicBaseUrl = base;
    workerSettings.ownUrl = localUrl();
    // A server that plays Twilio serves Twilio's REST API for its recordings itself.
    if (workerSettings.twilioApiUrl.isEmpty() && workerSettings.simulatedRecordings)
        workerSettings.twilioApiUrl = localUrl();
    // The connection cap is shared out; connections go to the least busy thread, so they fill up evenly.
    workerSettings.limits.maxConnections = (m_settings.limits.maxConnections + threads - 1) / threads;
    for (int index = 0; index < threads; ++index) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("webhook requests %1").arg(index + 1));
        const auto recordHandled
            = [this, mailbox = m_mailbox, wanted = m_recordsWanted](RequestRecord record) {
                  // A recording or transcript is stored before its callback is answered.
                  if (record.status == 204
                      && (record.route == Routing::WebhookPaths::recording()
                          || record.route == Routing::WebhookPaths::transcription()))
                      mailbox->post([this] { Q_EMIT voicemailWritten(); });
                  if (wanted->load(std::memory_order_relaxed))
                      mailbox->post([this, record = std::move(record)] { Q_EMIT requestHandled(record); });
              };
        auto *worker = new WebhookWorker(m_database, m_callLog, m_loginThrottle, m_secretChecks, m_peerLimit,
                                         recordHandled, workerSettings);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        m_threads.append(thread);
        m_workers.append(worker);
        thread->start();
        const Result<void> attached = worker->attach(m_distributor->socketDescriptor());
        if (!attached) {
            stop();
            return Failure(attached.error());
        }
    }
    connect(m_distributor, &ConnectionDistributor::accepted, this, &WebhookServer::distribute,
            Qt::DirectConnection);

    if (!m_settings.verifySignatures)
        qCWarning(lcServer)
            << "TWILIO SIGNATURES ARE NOT CHECKED: anyone who reaches this port can drive calls."
            << "Use this for local experiments only.";
    qCInfo(lcServer).noquote() << "listening on" << localUrl().toString() << "- webhooks signed for" << base
                               << QStringLiteral("- %1 request thread(s)").arg(threads);
    return m_distributor->serverPort();
}

void WebhookServer::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&WebhookServer::requestHandled))
        m_recordsWanted->store(true);
}

void WebhookServer::disconnectNotify(const QMetaMethod &signal)
{
    // Also called for disconnect() with wildcards (an invalid signal). Asked later, not here: a receiver's
    // destructor calls this with a signal-slot mutex held, and isSignalConnected() may need the same one
    // (the mutexes come from a shared pool), which hung a test about once in eight runs.
    if (!signal.isValid() || signal == QMetaMethod::fromSignal(&WebhookServer::requestHandled)) {
        m_mailbox->post([this] {
            m_recordsWanted->store(
                isSignalConnected(QMetaMethod::fromSignal(&WebhookServer::requestHandled)));
        });
    }
}

void WebhookServer::distribute(qintptr socketDescriptor)
{
    WebhookWorker *leastBusy = m_workers.first();
    for (WebhookWorker *worker : std::as_const(m_workers)) {
        if (worker->openConnections() < leastBusy->openConnections())
            leastBusy = worker;
    }
    leastBusy->adopt(socketDescriptor, leastBusy->reserve());
}

void WebhookServer::stop()
{
    if (m_distributor) {
        m_distributor->close();
        delete m_distributor;
        m_distributor = nullptr;
    }
    // What is being checked or written still reaches its request thread, and is answered if the client
    // waits; then the threads go.
    m_secretChecks->drain(); // not stop(): start() may follow
    m_callLog->flush();
    stopWorkers();
    m_callLog->flush();
}

void WebhookServer::stopWorkers()
{
    // Each worker is deleted in its own thread as that thread finishes, and its connections with it.
    for (QThread *thread : std::as_const(m_threads))
        thread->quit();
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
    m_threads.clear();
    m_workers.clear();
}

bool WebhookServer::isListening() const
{
    return m_distributor && m_distributor->isListening();
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
    url.setPort(m_distributor ? m_distributor->serverPort() : m_settings.port);
    return url;
}

QString WebhookServer::publicBaseUrl() const
{
    return m_publicBaseUrl;
}

bool WebhookServer::flushCallLog(int timeoutMilliseconds)
{
    return m_callLog->flush(timeoutMilliseconds);
}

} // namespace Server
