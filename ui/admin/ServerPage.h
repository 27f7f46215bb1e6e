#pragma once

// The Server page of the admin console: whether the webhook server listens and where, the URLs to paste
// into the Twilio console, its health, and the live request inspector.

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Config {
struct TwilioAccount;
} // namespace Config
namespace Server {
class WebhookServer;
struct RequestRecord;
} // namespace Server
namespace Store {
class Database;
} // namespace Store

namespace Admin {

class RequestInspector;

class ServerPage : public QWidget
{
    Q_OBJECT

public:
    ServerPage(Server::WebhookServer *server, std::shared_ptr<Store::Database> database,
               QWidget *parent = nullptr);
    ~ServerPage() override;

    // Shows the "Simulate incoming call…" button (hidden by default); disabled, it stays greyed.
    void setSimulationEnabled(bool enabled);
    // Why Twilio's own webhooks will be refused, when they will be (no Auth Token to check their
    // signatures); empty when they can be checked. The window's banner says it too.
    static QString signatureProblem(const Config::TwilioAccount &account);
    // Shows problem under the server's state; empty hides it.
    void setSignatureProblem(const QString &problem);
    RequestInspector *inspector() const { return m_inspector; }
    // The "Twilio setup" check (SetupCheckPanel), below the console URLs; the page takes it.
    void setSetupCheck(QWidget *panel);

Q_SIGNALS:
    // The app opens its from/to dialog and rings the phone through the webhook path.
    void simulateIncomingRequested();
    // Start or Stop was pressed: the server listens now, or not.
    void listeningChanged(bool listening);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *createServerBox();
    QWidget *createConsoleBox();
    QWidget *createHealthBox();
    QLineEdit *addUrlRow(QFormLayout *form, const QString &label, const QString &toolTip,
                         const QString &name);
    void startOrStop();
    void recordRequest(const Server::RequestRecord &record);
    void refresh();
    void refreshHealth();
    void refreshCounters();

    QVBoxLayout *m_setupSlot = nullptr;
    QPointer<Server::WebhookServer> m_server; // may be destroyed first, at the app's end
    std::shared_ptr<Store::Database> m_database;
    QString m_startError;
    int m_handled = 0;
    int m_clientErrors = 0;
    int m_serverErrors = 0;
    QDateTime m_lastRequest;

    QLabel *m_state = nullptr;
    QPushButton *m_startStop = nullptr;
    QLabel *m_publicUrl = nullptr;
    QLabel *m_loopbackNote = nullptr;
    QLabel *m_signatureNote = nullptr;
    QPushButton *m_simulate = nullptr;
    QLineEdit *m_incomingUrl = nullptr;
    QLineEdit *m_outgoingUrl = nullptr;
    QLineEdit *m_statusUrl = nullptr;
    QLabel *m_databaseHealth = nullptr;
    QLabel *m_listeningHealth = nullptr;
    QLabel *m_threadsHealth = nullptr;
    QLabel *m_requestsHealth = nullptr;
    QLabel *m_errorsHealth = nullptr;
    QLabel *m_lastRequestHealth = nullptr;
    RequestInspector *m_inspector = nullptr;
    QTimer *m_healthTimer = nullptr;
};

} // namespace Admin
