#pragma once

// The Server page's "Twilio setup": whether the connected account still points at this server (each mapped
// number's webhooks, the TwiML App, the API key, the credentials) and whether the public URL leads here.
// Each problem is one sentence with its fix; a number someone pointed elsewhere in Twilio's console gets a
// Fix button that points it back (and notes the change, so that Disconnect still restores the original).

#include "core/setup/SetupCheck.h"
#include "ui/admin/AccountContext.h"

#include <QGroupBox>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Setup {
class AccountConnector;
class SetupChecker;
} // namespace Setup

namespace Admin {

class SetupCheckPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit SetupCheckPanel(AccountContext context, QWidget *parent = nullptr);
    ~SetupCheckPanel() override;

    bool isChecking() const { return m_busy; }
    const QList<Setup::CheckFinding> &findings() const { return m_findings; }
    // Every finding as the page shows it, one per line.
    QString text() const;
    // Asks the person whether to make the changes listed (a question box); tests answer it themselves.
    using Confirm = std::function<bool(const QStringList &changes)>;
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

public Q_SLOTS:
    void check(); // "Test my setup"
    void fix(const QString &e164); // a number's Fix button

Q_SIGNALS:
    void checked(bool allOk);

private:
    void showFindings();
    // The saved public URL, read again: connecting may have changed it since this page was made.
    QString publicUrl() const;
    void setBusy(const QString &what);

    AccountContext m_context;
    Confirm m_confirm;
    bool m_busy = false;
    QList<Setup::CheckFinding> m_findings;
    std::unique_ptr<Setup::SetupChecker> m_checker;
    std::unique_ptr<Setup::AccountConnector> m_connector;
    QPushButton *m_check = nullptr;
    QLabel *m_summary = nullptr;
    QVBoxLayout *m_rows = nullptr;
};

} // namespace Admin
