#pragma once

// The Settings page of the admin console: the Twilio account, the phone, how long calls ring and voicemail
// lasts, where outgoing calls may go, the server and the database.
// Secrets go to the SecretStore (never into the settings file) and are never shown; a save with any problem
// writes nothing and says what is wrong next to each field.

#include <QHash>
#include <QList>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;
QT_END_NAMESPACE

namespace Config {
class SecretStore;
}

namespace Admin {

class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(QSettings &settings, Config::SecretStore &secrets, QWidget *parent = nullptr);
    ~SettingsPage() override;

    void reload(); // fields from the settings and the secret store
    // Validates everything; on any problem writes nothing and shows each problem next to its field. True
    // when saved.
    bool save();
    // Connecting or disconnecting (ConnectAccountDialog) changed the account: the fields show it, and a
    // restart is offered.
    void accountConnected();

Q_SIGNALS:
    void saved();
    void restartRequested(); // "Restart now" after a save: most settings apply at the next start
    void connectRequested(); // "Connect Twilio account…": the app opens ConnectAccountDialog
    void disconnectRequested();

private:
    // A secret's field: empty keeps the stored one, Forget removes it.
    struct SecretField
    {
        QString key;
        QLineEdit *edit = nullptr;
        QCheckBox *forget = nullptr;
        bool stored = false;
    };

    QWidget *buildAccount();
    QWidget *buildPhone();
    QWidget *buildCalls();
    QWidget *buildTeam();
    QWidget *buildServer();
    QWidget *buildDatabase();
    QWidget *buildOutgoingCalls();
    // check runs when the field is left; typingCheck, when given, at every key (it says only what more
    // typing cannot fix). Without one, a problem once shown is checked again at every key.
    QLineEdit *addLine(QFormLayout *form, const QString &label, const QString &name,
                       std::function<QString()> check, const std::function<QString()> &typingCheck = {});
    QLineEdit *addSidLine(QFormLayout *form, const QString &label, const QString &name, const char *prefix,
                          const QString &what);
    static void addHint(QFormLayout *form, const QString &text);
    void addSecret(QFormLayout *form, const QString &label, SecretField &field, const QString &name);
    QWidget *addChecked(QFormLayout *form, const QString &label, QWidget *field,
                        std::function<QString()> check);
    bool validate(QWidget *field); // shows the field's problem, or hides it
    void showProblem(QWidget *field, const QString &problem);
    static QString correctTheFields();
    void showSecret(SecretField &field, bool stored);
    QString regionCode() const;
    QStringList allowedRegionsTyped() const; // as typed, upper-cased: "us ca" gives US, CA
    QString secretPlaceholder() const;
    void setStatus(const QString &text, bool problem);
    bool writeAll();

    QSettings &m_settings;
    Config::SecretStore &m_secrets;
    QLabel *m_secretsNote = nullptr;
    QLineEdit *m_accountSid = nullptr;
    QLineEdit *m_apiKeySid = nullptr;
    QLineEdit *m_twimlAppSid = nullptr;
    SecretField m_authToken;
    SecretField m_apiKeySecret;
    SecretField m_databasePassword;
    QLineEdit *m_teamServer = nullptr;
    SecretField m_teamSecret;
    QLineEdit *m_clientName = nullptr;
    QComboBox *m_region = nullptr;
    QSpinBox *m_tokenTtl = nullptr;
    QComboBox *m_edge = nullptr;
    QComboBox *m_codecs = nullptr;
    QLineEdit *m_listen = nullptr;
    QLineEdit *m_publicUrl = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_allowedRegions = nullptr;
    QSpinBox *m_dialTimeout = nullptr;
    QSpinBox *m_voicemailMaxLength = nullptr;
    QCheckBox *m_transcribeVoicemail = nullptr;
    QCheckBox *m_callControl = nullptr;
    QList<QCheckBox *> m_allowedTypes; // one per type refused by default; its "numberType" property names it
    QLabel *m_status = nullptr;
    QPushButton *m_restart = nullptr;
    QHash<QWidget *, QLabel *> m_problemLabels;
    QHash<QWidget *, std::function<QString()>> m_checks;
    QList<QWidget *> m_checked; // in the page's order: the first wrong one gets the focus
};

} // namespace Admin
