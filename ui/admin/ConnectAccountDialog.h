#pragma once

// "Connect Twilio account": one dialog from a Twilio account to a ringing phone. Sign in (account SID and
// auth token, or an API key) with the public URL; pick the numbers this server answers and the client each
// rings; read every change as "old → new"; apply. What was done, or what was not and why, is said at the
// end, where "Try again" completes a partial run. In Disconnect mode it lists what connecting changed and
// puts it back. The work itself is Setup::AccountConnector's.

#include "core/config/TwilioAccount.h"
#include "core/setup/AccountConnector.h"
#include "core/setup/AccountLook.h"
#include "core/setup/SetupPlan.h"
#include "ui/admin/AccountContext.h"

#include <QDialog>
#include <QProcessEnvironment>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QStackedWidget;
QT_END_NAMESPACE

namespace Config {
class SecretStore;
} // namespace Config

namespace Admin {

class NumberChoiceTable;

class ConnectAccountDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Connect, Disconnect };
    enum class Step { SignIn, Numbers, Changes, Result };

    using Context = AccountContext;

    ConnectAccountDialog(Mode mode, Context context, QWidget *parent = nullptr);
    ~ConnectAccountDialog() override;

    Step step() const { return m_step; }
    bool isWorking() const { return m_working; }
    // The line under each page's fields: what is being done, or what is wrong.
    QString statusText() const;
    QString changesText() const;
    QString resultText() const;
    NumberChoiceTable *numberTable() const { return m_numbers; }
    bool succeeded() const { return m_succeeded; }

    // Closing while Twilio is being changed would cut the run short: refused until it is over.
    void reject() override;

public Q_SLOTS:
    void signIn(); // Sign-in page: check the credentials, list the numbers
    void review(); // Numbers page: show every change
    void apply(); // Changes page: connect, or disconnect

Q_SIGNALS:
    void accountChanged(); // the settings hold another account, key, app or public URL now
    // "Restart the phone now" after connecting: the phone registers with the account at its next start.
    void restartRequested();

private:
    QWidget *buildSignIn();
    QWidget *buildNumbers();
    QWidget *buildChanges();
    QWidget *buildResult();
    void showStep(Step step);
    void setWorking(const QString &what);
    void setStatus(const QString &text, bool problem);
    void showDisconnectList();
    void showReport(const Setup::SetupReport &report, const QString &success);
    Result<Config::TwilioAccount> typedAccount() const;
    // The saved account, read once (the keychain may be slow to answer) and again after each run.
    void reloadSaved();

    Mode m_mode;
    Context m_context;
    Step m_step = Step::SignIn;
    bool m_working = false;
    bool m_succeeded = false;
    bool m_retrying = false; // Try again: the same choices, planned anew
    Config::TwilioAccount m_saved;
    Config::TwilioAccount m_signIn;
    QString m_publicUrlUsed;
    std::unique_ptr<Setup::AccountConnector> m_connector;
    std::optional<Setup::AccountLook> m_look;
    std::optional<Setup::SetupPlan> m_plan;

    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_accountSid = nullptr;
    QLineEdit *m_authToken = nullptr;
    QLineEdit *m_apiKeySid = nullptr;
    QLineEdit *m_apiKeySecret = nullptr;
    QLineEdit *m_publicUrl = nullptr;
    QLabel *m_accountNote = nullptr; // the account, and what a trial limits
    NumberChoiceTable *m_numbers = nullptr;
    QLabel *m_changesIntro = nullptr;
    QPlainTextEdit *m_changes = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_restart = nullptr;
};

} // namespace Admin
