#pragma once

// The embedded HTTP server: Twilio's webhooks and the token endpoint, behind a connection guard.
// The desktop app and `switchboard serve` run the same one.
//
// It accepts connections in the thread it lives in and hands each to the least busy of its request
// threads (WebhookWorker), which serve them from then on; call events are written by a thread of their
// own (Store::CallLogWriter), and client secrets are checked on a pool of their own (SecretCheckPool).
// requestHandled() and callLogWritten() arrive in this object's thread, through its ThreadMailbox.

#include "core/common/Result.h"
#include "core/server/RequestRecord.h"
#include "core/server/ServerSettings.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <atomic>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Common {
class ThreadMailbox;
} // namespace Common

namespace Store {
class CallLogWriter;
class Database;
} // namespace Store

namespace Server {

class ConnectionDistributor;
class LoginThrottle;
class PeerConnectionLimit;
class SecretCheckPool;
class WebhookWorker;

class WebhookServer : public QObject
{
    Q_OBJECT

public:
    WebhookServer(std::shared_ptr<Store::Database> database, ServerSettings settings,
                  QObject *parent = nullptr);
    ~WebhookServer() override;

    enum class IfPortTaken {
        Fail,
        // Listen on any free port instead: enough for the desktop app's simulated phone and for trying
        // things out, though Twilio's URLs must then change (portProblem() says why).
        UseAnyFreePort,
    };
    // Listens on settings' address and port; returns the port (useful when it was 0).
    Result<quint16> start(IfPortTaken ifPortTaken = IfPortTaken::Fail);
    // Why the server listens on another port than settings' (start() with UseAnyFreePort); empty when it
    // listens where it was told.
    const QString &portProblem() const { return m_portProblem; }
    // Stops listening, closes every connection and waits for the request threads; the call log is
    // written up to the last request answered.
    void stop();
    bool isListening() const;

    QUrl localUrl() const; // http://127.0.0.1:PORT
    QString publicBaseUrl() const; // what signatures are checked against
    int workerCount() const { return int(m_workers.size()); }

    // Waits until the call log shows what every webhook answered so far noted in it (the writer works
    // behind the answers); false on timeout.
    bool flushCallLog(int timeoutMilliseconds = 10000);

Q_SIGNALS:
    // Only sent while something is connected: each one crosses threads.
    void requestHandled(const Server::RequestRecord &record);
    // The call log has new events, committed: what a reader finds now includes them. Commits close
    // together are told once.
    void callLogWritten();
    // A recording or transcript callback was stored: the voicemail has changed.
    void voicemailWritten();

protected:
    void customEvent(QEvent *event) override;
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    void distribute(qintptr socketDescriptor);
    void stopWorkers();

    std::shared_ptr<Store::Database> m_database;
    ServerSettings m_settings;
    QString m_publicBaseUrl;
    QString m_portProblem;
    std::shared_ptr<Store::CallLogWriter> m_callLog;
    std::shared_ptr<LoginThrottle> m_loginThrottle;
    std::shared_ptr<SecretCheckPool> m_secretChecks;
    std::shared_ptr<PeerConnectionLimit> m_peerLimit;
    std::shared_ptr<Common::ThreadMailbox> m_mailbox; // what the workers and the writer hand to this thread
    std::shared_ptr<std::atomic<bool>> m_recordsWanted; // read by the workers
    std::atomic<bool> m_callLogWrittenPending { false }; // a callLogWritten() is on its way
    ConnectionDistributor *m_distributor = nullptr;
    QList<WebhookWorker *> m_workers; // each lives in the thread at the same index
    QList<QThread *> m_threads;
};

} // namespace Server
