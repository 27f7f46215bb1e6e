#include "ui/admin/ServerPage.h"

#include "core/config/TwilioAccount.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/Database.h"
#include "ui/TextTone.h"
#include "ui/admin/RequestInspector.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Admin {

namespace {

// Often enough to notice a stopped server or a lost database, rarely enough to cost nothing.
constexpr int healthIntervalMilliseconds = 5000;
constexpr int copiedFeedbackMilliseconds = 1500;

bool isLoopback(const QString &url)
{
    const QString host = QUrl(url).host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

QLabel *valueLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ServerPage::ServerPage(Server::WebhookServer *server, std::shared_ptr<Store::Database> database,
                       QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_database(std::move(database))
{
    m_inspector = new RequestInspector(this);
    auto *requests = new QGroupBox(tr("Requests"), this);
    auto *requestsLayout = new QVBoxLayout(requests);
    requestsLayout->addWidget(m_inspector);

    auto *top = new QHBoxLayout;
    top->addWidget(createServerBox(), 3);
    top->addWidget(createHealthBox(), 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(createConsoleBox());
    m_setupSlot = new QVBoxLayout;
    m_setupSlot->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_setupSlot);
    layout->addWidget(requests, 1);

    m_healthTimer = new QTimer(this);
    m_healthTimer->setInterval(healthIntervalMilliseconds);
    connect(m_healthTimer, &QTimer::timeout, this, &ServerPage::refresh);
    // Connecting is what makes the server produce records at all (they cross threads).
    connect(m_server, &Server::WebhookServer::requestHandled, this, &ServerPage::recordRequest);
    refresh();
}

ServerPage::~ServerPage() = default;

QWidget *ServerPage::createServerBox()
{
    auto *box = new QGroupBox(tr("Server"), this);
    m_state = valueLabel(box, QStringLiteral("state"));
    m_state->setWordWrap(true);
    m_startStop = new QPushButton(box);
    m_startStop->setObjectName(QStringLiteral("startStop"));
    connect(m_startStop, &QPushButton::clicked, this, &ServerPage::startOrStop);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_startStop);

    m_publicUrl = valueLabel(box, QStringLiteral("publicUrl"));
    m_publicUrl->setToolTip(tr("The address Twilio requests; signatures are checked against it"));
    m_loopbackNote = new QLabel(tr("Twilio cannot reach a loopback address: put your tunnel's public URL "
                                   "in Settings > Public URL."),
                                box);
    m_loopbackNote->setObjectName(QStringLiteral("loopbackNote"));
    m_loopbackNote->setWordWrap(true);
    Ui::TextTone::set(m_loopbackNote, Ui::TextTone::Warning);

    m_signatureNote = new QLabel(box);
    m_signatureNote->setObjectName(QStringLiteral("signatureNote"));
    m_signatureNote->setTextFormat(Qt::PlainText);
    m_signatureNote->setWordWrap(true);
    Ui::TextTone::set(m_signatureNote, Ui::TextTone::Problem);
    m_signatureNote->setVisible(false);

    m_simulate = new QPushButton(tr("Simulate incoming call…"), box);
    m_simulate->setObjectName(QStringLiteral("simulate"));
    m_simulate->setToolTip(tr("Rings the phone through the webhook, as a call from Twilio would"));
    m_simulate->setVisible(false);
    connect(m_simulate, &QPushButton::clicked, this, &ServerPage::simulateIncomingRequested);

    auto *form = new QFormLayout(box);
    form->addRow(tr("State:"), stateRow);
    form->addRow(tr("Public URL:"), m_publicUrl);
    form->addRow(m_loopbackNote);
    form->addRow(m_signatureNote);
    form->addRow(m_simulate);
    return box;
}

QWidget *ServerPage::createConsoleBox()
{
    auto *box = new QGroupBox(tr("Twilio console (method HTTP POST for each)"), this);
    auto *form = new QFormLayout(box);
    m_incomingUrl
        = addUrlRow(form, tr("Number, “A call comes in”:"),
                    tr("Phone Numbers > your number > Voice Configuration"), QStringLiteral("incoming"));
    m_outgoingUrl = addUrlRow(form, tr("TwiML App, Voice URL:"),
                              tr("TwiML Apps > your app > Voice Configuration: the calls this phone makes"),
                              QStringLiteral("outgoing"));
    m_statusUrl = addUrlRow(form, tr("Status callback URL:"),
                            tr("Where Twilio reports how each call went, for the call log"),
                            QStringLiteral("status"));
    return box;
}

QLineEdit *ServerPage::addUrlRow(QFormLayout *form, const QString &label, const QString &toolTip,
                                 const QString &name)
{
    auto *line = new QLineEdit(form->parentWidget());
    line->setObjectName(name + QStringLiteral("Url"));
    line->setReadOnly(true);
    line->setToolTip(toolTip);
    line->setPlaceholderText(tr("known once the server has started"));
    auto *copy = new QPushButton(tr("Copy"), form->parentWidget());
    copy->setObjectName(name + QStringLiteral("Copy"));
    copy->setToolTip(tr("Copy the URL to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [line, copy] {
        QGuiApplication::clipboard()->setText(line->text());
        copy->setText(tr("Copied"));
        QTimer::singleShot(copiedFeedbackMilliseconds, copy, [copy] { copy->setText(tr("Copy")); });
    });
    auto *row = new QHBoxLayout;
    row->addWidget(line, 1);
    row->addWidget(copy);
    form->addRow(label, row);
    return line;
}

QWidget *ServerPage::createHealthBox()
{
    auto *box = new QGroupBox(tr("Health"), this);
    m_databaseHealth = valueLabel(box, QStringLiteral("databaseHealth"));
    m_databaseHealth->setWordWrap(true);
    m_listeningHealth = valueLabel(box, QStringLiteral("listeningHealth"));
    m_threadsHealth = valueLabel(box, QStringLiteral("threadsHealth"));
    m_requestsHealth = valueLabel(box, QStringLiteral("requestsHealth"));
    m_errorsHealth = valueLabel(box, QStringLiteral("errorsHealth"));
    m_lastRequestHealth = valueLabel(box, QStringLiteral("lastRequestHealth"));
    auto *form = new QFormLayout(box);
    form->addRow(tr("Database:"), m_databaseHealth);
    form->addRow(tr("Listening:"), m_listeningHealth);
    form->addRow(tr("Request threads:"), m_threadsHealth);
    form->addRow(tr("Requests:"), m_requestsHealth);
    form->addRow(tr("Errors:"), m_errorsHealth);
    form->addRow(tr("Last request:"), m_lastRequestHealth);
    return box;
}

void ServerPage::setSimulationEnabled(bool enabled)
{
    m_simulate->setVisible(true);
    m_simulate->setEnabled(enabled);
    m_simulate->setToolTip(enabled ? tr("Rings the phone through the webhook, as a call from Twilio would")
                                   : tr("Start the webhook server first: simulated calls go through it"));
}

QString ServerPage::signatureProblem(const Config::TwilioAccount &account)
{
    // Without any account nothing comes from Twilio (the phone is simulated): nothing to warn of.
    if (!account.authToken.isEmpty() || account.accountSid.isEmpty())
        return {};
    return tr("Twilio's webhooks are refused (403): no Auth Token is set, so their signatures cannot be "
              "checked. Set the Auth Token in Settings, or TWILIO_AUTH_TOKEN, and restart.");
}

void ServerPage::setSignatureProblem(const QString &problem)
{
    m_signatureNote->setText(problem);
    m_signatureNote->setVisible(!problem.isEmpty());
}

void ServerPage::showEvent(QShowEvent *event)
{
    refresh();
    m_healthTimer->start();
    QWidget::showEvent(event);
}

void ServerPage::hideEvent(QHideEvent *event)
{
    m_healthTimer->stop();
    QWidget::hideEvent(event);
}

void ServerPage::startOrStop()
{
    m_startError.clear();
    if (m_server->isListening()) {
        m_server->stop();
    } else {
        const auto started = m_server->start();
        if (!started)
            m_startError = started.error();
    }
    refresh();
    Q_EMIT listeningChanged(m_server->isListening());
}

void ServerPage::recordRequest(const Server::RequestRecord &record)
{
    ++m_handled;
    // A refusal that Twilio's caller must hear is answered 200 with TwiML, and is a refusal all the same.
    if (record.status >= 500)
        ++m_serverErrors;
    else if (record.status >= 400 || record.refused)
        ++m_clientErrors;
    m_lastRequest = record.time;
    m_inspector->append(record);
    refreshCounters();
}

void ServerPage::refresh()
{
    const bool listening = m_server->isListening();
    if (listening)
        m_state->setText(tr("Listening on %1").arg(m_server->localUrl().toString()));
    else if (m_startError.isEmpty())
        m_state->setText(tr("Stopped"));
    else
        m_state->setText(tr("Stopped: %1").arg(m_startError));
    Ui::TextTone::set(m_state, listening ? Ui::TextTone::Plain : Ui::TextTone::Problem);
    m_startStop->setText(listening ? tr("Stop") : tr("Start"));

    // Set by the first start; it stays what Twilio must be told after a stop.
    const QString base = m_server->publicBaseUrl();
    m_publicUrl->setText(base.isEmpty() ? tr("known once the server has started") : base);
    m_loopbackNote->setVisible(!base.isEmpty() && isLoopback(base));
    const auto url = [&base](const QString &path) { return base.isEmpty() ? QString() : base + path; };
    m_incomingUrl->setText(url(Routing::WebhookPaths::incoming()));
    m_outgoingUrl->setText(url(Routing::WebhookPaths::outgoing()));
    m_statusUrl->setText(url(Routing::WebhookPaths::status()));
    refreshHealth();
}

// Not on every request: a busy server would have the GUI thread ping the database hundreds of times a second.
void ServerPage::refreshHealth()
{
    if (!m_database) {
        m_databaseHealth->setText(tr("not open"));
    } else {
        const Result<void> ping = m_database->ping();
        m_databaseHealth->setText(ping ? tr("ok") : ping.error());
    }
    const bool listening = m_server->isListening();
    m_listeningHealth->setText(listening ? tr("yes") : tr("no"));
    m_threadsHealth->setText(QString::number(m_server->workerCount()));
    refreshCounters();
}

void ServerPage::refreshCounters()
{
    m_requestsHealth->setText(tr("%n handled this session", nullptr, m_handled));
    m_errorsHealth->setText(
        tr("%1 refused (4xx or spoken), %2 failed (5xx)").arg(m_clientErrors).arg(m_serverErrors));
    m_lastRequestHealth->setText(m_lastRequest.isValid()
                                     ? m_lastRequest.toLocalTime().toString(QStringLiteral("hh:mm:ss"))
                                     : tr("none yet"));
}

void ServerPage::setSetupCheck(QWidget *panel)
{
    panel->setParent(this);
    m_setupSlot->addWidget(panel);
}

} // namespace Admin
