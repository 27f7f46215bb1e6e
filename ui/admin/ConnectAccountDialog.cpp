#include "ui/admin/ConnectAccountDialog.h"

#include "core/config/AccountSettings.h"
#include "core/rest/ApiAccess.h"
#include "core/setup/LocalConnection.h"
#include "core/setup/WebhookUrls.h"
#include "core/store/ClientStore.h"
#include "core/store/TwilioChanges.h"
#include "ui/TextTone.h"
#include "ui/admin/NumberChoiceTable.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QSysInfo>
#include <QVBoxLayout>

namespace Admin {
namespace {

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

ConnectAccountDialog::ConnectAccountDialog(Mode mode, Context context, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_context(std::move(context))
{
    setWindowTitle(mode == Mode::Connect ? tr("Connect Twilio account") : tr("Disconnect Twilio account"));
    reloadSaved();
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildSignIn());
    m_pages->addWidget(buildNumbers());
    m_pages->addWidget(buildChanges());
    m_pages->addWidget(buildResult());

    m_status = wrappedLabel(QString(), this);
    m_status->setObjectName(QStringLiteral("connectStatus"));
    m_back = new QPushButton(tr("Back"), this);
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("connectNext"));
    m_next->setDefault(true);
    m_close = new QPushButton(tr("Close"), this);
    connect(m_back, &QPushButton::clicked, this,
            [this] { showStep(m_step == Step::Changes ? Step::Numbers : Step::SignIn); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        switch (m_step) {
        case Step::SignIn:
            signIn();
            break;
        case Step::Numbers:
            review();
            break;
        case Step::Changes:
            apply();
            break;
        case Step::Result: // Try again: what is left is planned anew, and nothing is changed twice
            if (m_mode == Mode::Disconnect) {
                showDisconnectList();
            } else {
                m_retrying = true;
                signIn();
            }
            break;
        }
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    m_restart = new QPushButton(tr("Restart the phone now"), this);
    m_restart->setObjectName(QStringLiteral("connectRestart"));
    m_restart->setToolTip(tr("The phone registers with the account at its next start"));
    connect(m_restart, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT restartRequested();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(780, 520);

    if (m_mode == Mode::Disconnect)
        showDisconnectList();
    else
        showStep(Step::SignIn);
}

ConnectAccountDialog::~ConnectAccountDialog() = default;

void ConnectAccountDialog::reject()
{
    if (m_working) {
        setStatus(
            tr("Twilio is being changed: wait for it to finish, so that the end page can say what was done."),
            true);
        return;
    }
    QDialog::reject();
}

QWidget *ConnectAccountDialog::buildSignIn()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->addRow(wrappedLabel(
        tr("Switchboard sets up your Twilio account for this phone: it points the numbers you choose at this "
           "server, creates a TwiML App for outgoing calls and an API key for the phone. You see every "
           "change "
           "before it is made, and Disconnect puts everything back. Find the Account SID and Auth Token on "
           "Twilio's console, under Account Info."),
        page));
    const Config::TwilioAccount &saved = m_saved;
    m_accountSid = new QLineEdit(saved.accountSid, page);
    m_accountSid->setObjectName(QStringLiteral("connectAccountSid"));
    m_accountSid->setPlaceholderText(QStringLiteral("AC…"));
    form->addRow(tr("Account SID"), m_accountSid);
    m_authToken = new QLineEdit(page);
    m_authToken->setObjectName(QStringLiteral("connectAuthToken"));
    m_authToken->setEchoMode(QLineEdit::Password);
    m_authToken->setPlaceholderText(saved.authToken.isEmpty() ? tr("from Twilio's console")
                                                              : tr("(the saved one; type to replace it)"));
    form->addRow(tr("Auth Token"), m_authToken);
    m_apiKeySid = new QLineEdit(page);
    m_apiKeySid->setObjectName(QStringLiteral("connectApiKeySid"));
    m_apiKeySid->setPlaceholderText(tr("SK… (instead of the Auth Token; then it signs the phone's tokens)"));
    form->addRow(tr("or an API key"), m_apiKeySid);
    m_apiKeySecret = new QLineEdit(page);
    m_apiKeySecret->setObjectName(QStringLiteral("connectApiKeySecret"));
    m_apiKeySecret->setEchoMode(QLineEdit::Password);
    form->addRow(tr("its secret"), m_apiKeySecret);
    m_publicUrl = new QLineEdit(m_context.publicUrl, page);
    m_publicUrl->setObjectName(QStringLiteral("connectPublicUrl"));
    m_publicUrl->setPlaceholderText(QStringLiteral("https://example.ngrok.app"));
    form->addRow(tr("Public URL"), m_publicUrl);
    form->addRow(QString(),
                 wrappedLabel(tr("Where Twilio reaches this server: your tunnel (ngrok, cloudflared) "
                                 "to this computer, or your team's server."),
                              page));
    return page;
}

QWidget *ConnectAccountDialog::buildNumbers()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_accountNote = wrappedLabel(QString(), page);
    m_accountNote->setObjectName(QStringLiteral("connectAccountNote"));
    layout->addWidget(m_accountNote);
    layout->addWidget(
        wrappedLabel(tr("Choose the numbers this server answers, and the client each one rings. "
                        "Numbers left unchecked are not changed."),
                     page));
    m_numbers = new NumberChoiceTable(page);
    m_numbers->setObjectName(QStringLiteral("connectNumbers"));
    layout->addWidget(m_numbers, 1);
    return page;
}

QWidget *ConnectAccountDialog::buildChanges()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_changesIntro = wrappedLabel(QString(), page);
    layout->addWidget(m_changesIntro);
    m_changes = new QPlainTextEdit(page);
    m_changes->setObjectName(QStringLiteral("connectChanges"));
    m_changes->setReadOnly(true);
    m_changes->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_changes->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_changes, 1);
    return page;
}

QWidget *ConnectAccountDialog::buildResult()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_result = wrappedLabel(QString(), page);
    m_result->setObjectName(QStringLiteral("connectResult"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    layout->addStretch(1);
    return page;
}

void ConnectAccountDialog::showStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(int(step));
    m_working = false;
    m_back->setVisible(m_mode == Mode::Connect && (step == Step::Numbers || step == Step::Changes));
    m_back->setEnabled(true);
    m_next->setEnabled(true);
    m_close->setText(step == Step::Result && m_succeeded ? tr("Done") : tr("Close"));
    m_restart->setVisible(step == Step::Result && m_succeeded && m_mode == Mode::Connect);
    switch (step) {
    case Step::SignIn:
        m_next->setText(tr("Next"));
        m_next->setVisible(true);
        m_accountSid->setFocus();
        break;
    case Step::Numbers:
        m_next->setText(tr("Review changes"));
        m_next->setVisible(true);
        break;
    case Step::Changes:
        m_next->setText(m_mode == Mode::Disconnect               ? tr("Disconnect")
                            : m_plan && m_plan->changesNothing() ? tr("Save")
                                                                 : tr("Apply changes"));
        m_next->setVisible(true);
        break;
    case Step::Result:
        m_next->setText(tr("Try again"));
        m_next->setVisible(!m_succeeded);
        break;
    }
}

void ConnectAccountDialog::setWorking(const QString &what)
{
    m_working = true;
    m_next->setEnabled(false);
    m_back->setEnabled(false);
    setStatus(what, false);
}

void ConnectAccountDialog::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    Ui::TextTone::set(m_status, problem ? Ui::TextTone::Problem : Ui::TextTone::Hint);
}

QString ConnectAccountDialog::statusText() const
{
    return m_status->text();
}

QString ConnectAccountDialog::changesText() const
{
    return m_changes->toPlainText();
}

QString ConnectAccountDialog::resultText() const
{
    return m_result->text();
}

Result<Config::TwilioAccount> ConnectAccountDialog::typedAccount() const
{
    Config::TwilioAccount account;
    account.accountSid = m_accountSid->text().trimmed();
    if (const QString problem
        = Config::TwilioAccount::sidProblem(account.accountSid, QStringLiteral("AC"), tr("The Account SID"));
        !problem.isEmpty())
        return Failure(problem);
    account.authToken = m_authToken->text().trimmed().toUtf8();
    account.apiKeySid = m_apiKeySid->text().trimmed();
    account.apiKeySecret = m_apiKeySecret->text().trimmed().toUtf8();
    // Nothing typed: the saved credentials of the same account.
    if (account.authToken.isEmpty() && account.apiKeySid.isEmpty()
        && m_saved.accountSid == account.accountSid)
        account.authToken = m_saved.authToken;
    if (!account.apiKeySid.isEmpty())
        if (const QString problem = Config::TwilioAccount::sidProblem(account.apiKeySid, QStringLiteral("SK"),
                                                                      tr("The API key SID"));
            !problem.isEmpty())
            return Failure(problem);
    if (account.authToken.isEmpty() && (account.apiKeySid.isEmpty() || account.apiKeySecret.isEmpty()))
        return Failure(tr("Type the Auth Token, or an API key SID and its secret."));
    return account;
}

void ConnectAccountDialog::signIn()
{
    const auto account = typedAccount();
    if (!account) {
        setStatus(account.error(), true);
        showStep(Step::SignIn);
        return;
    }
    const auto urls = Setup::WebhookUrls::forPublicUrl(m_publicUrl->text());
    if (!urls) {
        setStatus(urls.error(), true);
        showStep(Step::SignIn);
        return;
    }
    const auto access = Setup::AccountConnector::accessFor(*account, m_context.environment);
    if (!access) {
        setStatus(access.error(), true);
        return;
    }
    if (access->baseUrl == Rest::ApiAccess::defaultBaseUrl())
        if (const QString problem = urls->privateHostProblem(); !problem.isEmpty()) {
            setStatus(problem, true);
            showStep(Step::SignIn);
            return;
        }
    m_signIn = *account;
    m_publicUrlUsed = urls->publicUrl;
    m_connector = std::make_unique<Setup::AccountConnector>(*access, m_context.database);
    Setup::AccountConnector::Known known;
    if (m_saved.accountSid == account->accountSid) {
        known.appSid = m_saved.twimlAppSid;
        if (!m_saved.apiKeySecret.isEmpty())
            known.keySid = m_saved.apiKeySid;
    }
    setWorking(tr("Asking Twilio about account %1…").arg(account->accountSid));
    const QString ourUrl = urls->incoming;
    m_connector->look(known, [this, ourUrl](Result<Setup::AccountLook> found) {
        if (!found) {
            m_retrying = false;
            showStep(Step::SignIn);
            setStatus(found.error(), true);
            return;
        }
        m_look = std::move(*found);
        QStringList clients;
        for (const Store::Client &client : Store::ClientStore(m_context.database).list())
            if (!client.disabled)
                clients << client.name;
        const std::optional<Setup::SetupPlan> retried = m_retrying ? m_plan : std::nullopt;
        m_retrying = false;
        m_numbers->setNumbers(m_look->numbers, clients, m_context.defaultClient, ourUrl);
        QString note = tr("Account %1 (%2), %3 account, %n number(s).", nullptr, int(m_look->numbers.size()))
                           .arg(m_look->account.sid, m_look->account.friendlyName, m_look->account.type);
        if (m_look->account.isTrial())
            note += u'\n' + m_look->account.limits();
        m_accountNote->setText(note);
        Ui::TextTone::set(m_accountNote,
                          m_look->account.isTrial() ? Ui::TextTone::Warning : Ui::TextTone::Plain);
        setStatus(m_look->numbers.isEmpty()
                      ? tr("The account has no numbers: buy one in Twilio's console, or "
                           "go on to set up outgoing calls only.")
                      : QString(),
                  false);
        showStep(Step::Numbers);
        if (retried) { // Try again: the same choices, planned anew against what the account is now
            for (const Setup::NumberChoice &choice : retried->numbers())
                m_numbers->choose(choice.e164, true, choice.clientName);
            review();
        }
    });
}

void ConnectAccountDialog::review()
{
    if (!m_look)
        return;
    const auto urls = Setup::WebhookUrls::forPublicUrl(m_publicUrlUsed);
    const auto plan = urls ? Setup::SetupPlan::make(*m_look, m_numbers->chosen(), *urls,
                                                    tr("Switchboard on %1").arg(QSysInfo::machineHostName()))
                           : Result<Setup::SetupPlan>(Failure(urls.error()));
    if (!plan) {
        setStatus(plan.error(), true);
        return;
    }
    m_plan = *plan;
    m_changesIntro->setText(m_plan->changesNothing()
                                ? tr("Everything is set up already; nothing at Twilio changes.")
                                : tr("These changes will be made at Twilio. Nothing has changed yet."));
    m_changes->setPlainText(m_plan->lines().join(u'\n'));
    setStatus(m_plan->numbers().isEmpty()
                  ? tr("No number is chosen: the phone can call out, but no number rings it.")
                  : QString(),
              false);
    showStep(Step::Changes);
}

void ConnectAccountDialog::showDisconnectList()
{
    const Config::TwilioAccount &saved = m_saved;
    const auto noted = Store::TwilioChanges(m_context.database, saved.accountSid).list();
    const QStringList lines
        = Setup::AccountConnector::undoLines(noted ? *noted : QList<Store::TwilioChange>());
    const auto access = Setup::AccountConnector::accessFor(saved, m_context.environment);
    if (access)
        m_connector = std::make_unique<Setup::AccountConnector>(*access, m_context.database);
    m_changesIntro->setText(lines.isEmpty()
                                ? tr("Switchboard changed nothing in account %1: there is nothing to put "
                                     "back.")
                                      .arg(saved.accountSid)
                                : tr("Disconnecting puts account %1 back as it was before Switchboard "
                                     "connected it:")
                                      .arg(saved.accountSid));
    m_changes->setPlainText(lines.join(u'\n'));
    showStep(Step::Changes);
    m_next->setEnabled(!lines.isEmpty() && access);
    if (!access)
        setStatus(access.error(), true);
}

void ConnectAccountDialog::apply()
{
    if (!m_connector)
        return;
    Setup::LocalConnection local(*m_context.settings, *m_context.secrets, m_context.database,
                                 m_context.defaultRegion);
    if (m_mode == Mode::Disconnect) {
        setWorking(tr("Putting the account back…"));
        m_connector->disconnect(local.steps(), [this](const Setup::SetupReport &report) {
            showReport(report, tr("The account is as it was before Switchboard connected it."));
        });
        return;
    }
    if (!m_plan)
        return;
    if (const auto saved = local.saveSignIn(m_signIn, m_publicUrlUsed); !saved) {
        setStatus(tr("The account cannot be saved here: %1. Nothing was changed.").arg(saved.error()), true);
        return;
    }
    setWorking(tr("Making the changes at Twilio…"));
    m_connector->apply(*m_plan, local.steps(),
                       [this](const Setup::SetupReport &report) { showReport(report, m_plan->summary()); });
}

void ConnectAccountDialog::reloadSaved()
{
    m_saved = Config::TwilioAccount();
    if (m_context.settings && m_context.secrets)
        if (const auto loaded = Config::AccountSettings(*m_context.settings, *m_context.secrets).load())
            m_saved = *loaded;
}

void ConnectAccountDialog::showReport(const Setup::SetupReport &report, const QString &success)
{
    reloadSaved(); // the run saved a key, an app, or dropped them: Try again starts from what holds now
    m_succeeded = report.succeeded();
    QStringList lines;
    if (m_succeeded)
        lines << success << QString();
    else
        lines << tr("Not everything was done. Try again to complete it: nothing is changed twice.")
              << QString();
    lines << report.lines(QString());
    m_result->setText(lines.join(u'\n').trimmed());
    layout()->activate();
    Ui::TextTone::set(m_result, m_succeeded ? Ui::TextTone::Plain : Ui::TextTone::Problem);
    setStatus(QString(), false);
    showStep(Step::Result);
    Q_EMIT accountChanged();
}

} // namespace Admin
