#include "ui/admin/SetupCheckPanel.h"

#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/setup/AccountConnector.h"
#include "core/setup/LocalConnection.h"
#include "core/setup/SetupChecker.h"
#include "core/store/NumberStore.h"
#include "ui/TextTone.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Admin {

SetupCheckPanel::SetupCheckPanel(AccountContext context, QWidget *parent)
    : QGroupBox(tr("Twilio setup"), parent)
    , m_context(std::move(context))
{
    m_check = new QPushButton(tr("Test my setup"), this);
    m_check->setObjectName(QStringLiteral("testSetup"));
    m_check->setToolTip(tr("Asks Twilio whether your numbers, TwiML App and API key point here, and sends a "
                           "one-time probe through your public URL"));
    connect(m_check, &QPushButton::clicked, this, &SetupCheckPanel::check);
    m_confirm = [this](const QStringList &changes) {
        QMessageBox question(QMessageBox::Question, tr("Point the number back"),
                             tr("Change this at Twilio?\n\n%1").arg(changes.join(u'\n')),
                             QMessageBox::Yes | QMessageBox::Cancel, this);
        return question.exec() == QMessageBox::Yes;
    };
    m_summary = new QLabel(tr("Not checked yet."), this);
    m_summary->setObjectName(QStringLiteral("setupSummary"));
    m_summary->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(m_check);
    top->addWidget(m_summary, 1);
    m_rows = new QVBoxLayout;
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_rows);
}

SetupCheckPanel::~SetupCheckPanel() = default;

QString SetupCheckPanel::text() const
{
    return Setup::SetupCheck::lines(m_findings).join(u'\n');
}

void SetupCheckPanel::setBusy(const QString &what)
{
    m_busy = true;
    m_check->setEnabled(false);
    m_summary->setText(what);
    Ui::TextTone::set(m_summary, Ui::TextTone::Hint);
}

void SetupCheckPanel::check()
{
    if (m_busy)
        return;
    const auto saved = Config::AccountSettings(*m_context.settings, *m_context.secrets).load();
    const auto access = saved ? Setup::AccountConnector::accessFor(*saved, m_context.environment)
                              : Result<Rest::ApiAccess>(Failure(saved.error()));
    const auto urls = Setup::WebhookUrls::forPublicUrl(publicUrl());
    if (!access || !urls) {
        m_findings = { { false,
                         access ? urls.error() : access.error(),
                         tr("connect the account: Settings page, Connect Twilio account…"),
                         {} } };
        showFindings();
        return;
    }
    setBusy(tr("Asking Twilio, and probing %1…").arg(urls->publicUrl));
    m_checker = std::make_unique<Setup::SetupChecker>(*access, m_context.database);
    m_checker->run(*saved, *urls, m_context.defaultRegion, m_context.localUrl,
                   [this](const QList<Setup::CheckFinding> &findings) {
                       m_findings = findings;
                       showFindings();
                   });
}

void SetupCheckPanel::fix(const QString &e164)
{
    if (m_busy)
        return;
    const auto saved = Config::AccountSettings(*m_context.settings, *m_context.secrets).load();
    const auto access = saved ? Setup::AccountConnector::accessFor(*saved, m_context.environment)
                              : Result<Rest::ApiAccess>(Failure(saved.error()));
    const auto urls = Setup::WebhookUrls::forPublicUrl(publicUrl());
    const auto mapping = Store::NumberStore(m_context.database, m_context.defaultRegion).find(e164);
    if (!access || !urls || !mapping)
        return;
    setBusy(tr("Pointing %1 back at this server…").arg(e164));
    m_connector = std::make_unique<Setup::AccountConnector>(*access, m_context.database);
    Setup::AccountConnector::Known known { saved->twimlAppSid,
                                           saved->apiKeySecret.isEmpty() ? QString() : saved->apiKeySid };
    const Setup::NumberChoice choice { e164, mapping->clientName };
    m_connector->look(known, [this, choice, urls = *urls](Result<Setup::AccountLook> look) {
        // That number alone: the key and app are left as they are, whatever the check said of them.
        const auto plan = look ? Setup::SetupPlan::forNumbers(*look, { choice }, urls)
                               : Result<Setup::SetupPlan>(Failure(look.error()));
        if (!plan) {
            m_busy = false;
            m_findings.prepend({ false, plan.error(), tr("check the account on the Settings page."), {} });
            showFindings();
            return;
        }
        if (plan->changesNothing() || !m_confirm(plan->lines())) {
            m_busy = false;
            check();
            return;
        }
        Setup::LocalConnection local(*m_context.settings, *m_context.secrets, m_context.database,
                                     m_context.defaultRegion);
        m_connector->apply(*plan, local.steps(), [this](const Setup::SetupReport &report) {
            m_busy = false;
            if (!report.succeeded()) {
                m_findings.prepend({ false, report.failed.join(QStringLiteral("; ")), tr("try again."), {} });
                showFindings();
                return;
            }
            check(); // what holds now
        });
    });
}

void SetupCheckPanel::showFindings()
{
    m_busy = false;
    m_check->setEnabled(true);
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QLayout *row = item->layout()) {
            while (QLayoutItem *inner = row->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        }
        delete item->widget();
        delete item;
    }
    int problems = 0;
    for (const Setup::CheckFinding &finding : std::as_const(m_findings)) {
        auto *row = new QHBoxLayout;
        auto *label
            = new QLabel(finding.ok ? QStringLiteral("✓ ") + finding.sentence
                                    : QStringLiteral("✗ %1\n   Fix: %2").arg(finding.sentence, finding.fix),
                         this);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        Ui::TextTone::set(label, finding.ok ? Ui::TextTone::Plain : Ui::TextTone::Problem);
        row->addWidget(label, 1);
        if (!finding.ok && !finding.number.isEmpty()) {
            auto *fixButton = new QPushButton(tr("Fix"), this);
            fixButton->setObjectName(QStringLiteral("fix-%1").arg(finding.number));
            fixButton->setToolTip(tr("Point %1 back at this server").arg(finding.number));
            connect(fixButton, &QPushButton::clicked, this, [this, number = finding.number] { fix(number); });
            row->addWidget(fixButton, 0, Qt::AlignTop);
        }
        m_rows->addLayout(row);
        if (!finding.ok)
            ++problems;
    }
    m_summary->setText(problems == 0
                           ? tr("All is well: calls to your numbers ring here.")
                           : tr("%n problem(s): calls may not ring here until fixed.", nullptr, problems));
    Ui::TextTone::set(m_summary, problems == 0 ? Ui::TextTone::Plain : Ui::TextTone::Problem);
    Q_EMIT checked(problems == 0);
}

QString SetupCheckPanel::publicUrl() const
{
    const QString saved = Config::AppSettings::load(*m_context.settings).publicUrl;
    return saved.isEmpty() ? m_context.publicUrl : saved;
}

} // namespace Admin
