#include "ui/admin/SettingsPage.h"

#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/config/SecretStore.h"
#include "core/phone/NumberType.h"
#include "core/routing/DialTimeout.h"
#include "core/routing/TollFraudGuard.h"
#include "core/routing/VoicemailLength.h"
#include "core/store/DatabaseLocation.h"
#include "core/token/TokenLifetime.h"
#include "ui/TextTone.h"
#include "ui/admin/Sentence.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace Admin {

using Config::AppSettings;

namespace {

QString sidCheck(const QLineEdit *edit, const char *prefix, const QString &what)
{
    const QString sid = edit->text().trimmed();
    return sid.isEmpty() ? QString() : Config::TwilioAccount::sidProblem(sid, QLatin1String(prefix), what);
}

} // namespace

SettingsPage::SettingsPage(QSettings &settings, Config::SecretStore &secrets, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    m_authToken.key = Config::AccountSettings::authTokenKey;
    m_apiKeySecret.key = Config::AccountSettings::apiKeySecretKey;
    m_databasePassword.key = AppSettings::databasePasswordKey;
    m_teamSecret.key = AppSettings::teamSecretKey;

    m_secretsNote = new QLabel(this);
    m_secretsNote->setObjectName(QStringLiteral("secretsNote"));
    m_secretsNote->setTextFormat(Qt::PlainText);
    m_secretsNote->setWordWrap(true);
    m_secretsNote->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);
    auto *left = new QVBoxLayout;
    left->addWidget(buildAccount());
    left->addWidget(buildDatabase());
    left->addWidget(buildOutgoingCalls());
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(buildTeam());
    right->addWidget(buildPhone());
    right->addWidget(buildCalls());
    right->addWidget(buildServer());
    right->addStretch();
    columns->addLayout(left, 5); // the SIDs and the secrets' placeholders need the room
    columns->addLayout(right, 4);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(tr("Most changes apply at the next start."));
    m_restart = new QPushButton(tr("Restart now"));
    m_restart->setObjectName(QStringLiteral("restart"));
    m_restart->hide();
    connect(m_restart, &QPushButton::clicked, this, &SettingsPage::restartRequested);
    auto *revert = new QPushButton(tr("Revert"));
    revert->setObjectName(QStringLiteral("revert"));
    revert->setToolTip(tr("Show the saved settings again, dropping what was typed"));
    connect(revert, &QPushButton::clicked, this, &SettingsPage::reload);
    auto *saveButton = new QPushButton(tr("Save"));
    saveButton->setObjectName(QStringLiteral("save"));
    saveButton->setDefault(true);
    connect(saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_restart);
    buttons->addWidget(revert);
    buttons->addWidget(saveButton);

    auto *page = new QVBoxLayout(this);
    page->addWidget(m_secretsNote);
    page->addWidget(scroll, 1);
    page->addLayout(buttons);
    reload();
}

SettingsPage::~SettingsPage()
{
    // A field that has the focus loses it when QWidget's destructor hides the page, after this class's
    // members are gone: its editingFinished must not reach validate() then.
    for (QWidget *field : qAsConst(m_checked))
        disconnect(field, nullptr, this, nullptr);
}

QWidget *SettingsPage::buildAccount()
{
    auto *box = new QGroupBox(tr("Twilio account"));
    auto *form = new QFormLayout(box);
    // One step for all of it: the numbers' webhooks, the TwiML App and the API key, shown before changed.
    auto *connectRow = new QHBoxLayout;
    auto *connectAccount = new QPushButton(tr("Connect Twilio account…"));
    connectAccount->setObjectName(QStringLiteral("connectAccount"));
    connect(connectAccount, &QPushButton::clicked, this, &SettingsPage::connectRequested);
    auto *disconnectAccount = new QPushButton(tr("Disconnect…"));
    disconnectAccount->setObjectName(QStringLiteral("disconnectAccount"));
    disconnectAccount->setToolTip(tr("Put back everything Connect changed at Twilio"));
    connect(disconnectAccount, &QPushButton::clicked, this, &SettingsPage::disconnectRequested);
    connectRow->addWidget(connectAccount);
    connectRow->addWidget(disconnectAccount);
    connectRow->addStretch(1);
    form->addRow(connectRow);
    addHint(form, tr("Or fill in the fields below by hand, as Twilio's console shows them."));
    m_accountSid
        = addSidLine(form, tr("Account SID"), QStringLiteral("accountSid"), "AC", tr("the account SID"));
    addSecret(form, tr("Auth token"), m_authToken, QStringLiteral("authToken"));
    m_apiKeySid
        = addSidLine(form, tr("API key SID"), QStringLiteral("apiKeySid"), "SK", tr("the API key SID"));
    addSecret(form, tr("API key secret"), m_apiKeySecret, QStringLiteral("apiKeySecret"));
    m_twimlAppSid
        = addSidLine(form, tr("TwiML App SID"), QStringLiteral("twimlAppSid"), "AP", tr("the TwiML App SID"));
    return box;
}

QLineEdit *SettingsPage::addSidLine(QFormLayout *form, const QString &label, const QString &name,
                                    const char *prefix, const QString &what)
{
    auto edit = std::make_shared<QLineEdit *>(nullptr);
    *edit = addLine(
        form, label, name, [edit, prefix, what] { return sidCheck(*edit, prefix, what); },
        [edit, prefix, what] {
            const QString typed = (*edit)->text().trimmed();
            return Config::TwilioAccount::couldBecomeSid(typed, QLatin1String(prefix))
                ? QString()
                : Config::TwilioAccount::sidProblem(typed, QLatin1String(prefix), what);
        });
    (*edit)->setPlaceholderText(QLatin1String(prefix) + QStringLiteral("…"));
    return *edit;
}

QWidget *SettingsPage::buildPhone()
{
    auto *box = new QGroupBox(tr("Phone"));
    auto *form = new QFormLayout(box);
    m_clientName = addLine(form, tr("Client name"), QStringLiteral("clientName"),
                           [this] { return AppSettings::clientNameProblem(m_clientName->text().trimmed()); });
    m_clientName->setToolTip(tr("The identity this phone registers as: calls to client:NAME ring it"));

    m_region = new QComboBox;
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setEditable(true);
    m_region->setInsertPolicy(QComboBox::NoInsert);
    for (const QString &code : AppSettings::supportedRegions()) {
        const QLocale::Territory territory = QLocale::codeToTerritory(code);
        m_region->addItem(territory == QLocale::AnyTerritory
                              ? code
                              : code + QStringLiteral(" – ") + QLocale::territoryToString(territory),
                          code);
    }
    m_region->setToolTip(tr("Numbers dialled without +CC are read as numbers of this region"));
    addChecked(form, tr("Default region"), m_region,
               [this] { return AppSettings::regionProblem(regionCode()); });
    connect(m_region, &QComboBox::currentTextChanged, this, [this] { validate(m_region); });

    m_tokenTtl = new QSpinBox;
    m_tokenTtl->setObjectName(QStringLiteral("tokenTtl"));
    m_tokenTtl->setRange(Token::TokenLifetime::minSeconds, Token::TokenLifetime::maxSeconds);
    m_tokenTtl->setSingleStep(300);
    m_tokenTtl->setSuffix(tr(" seconds"));
    m_tokenTtl->setToolTip(tr("How long each access token lasts; the phone renews it well before"));
    form->addRow(tr("Token lifetime"), m_tokenTtl);

    m_edge = new QComboBox;
    m_edge->setObjectName(QStringLiteral("edge"));
    m_edge->addItem(tr("Automatic (Twilio picks)"), QString());
    const QHash<QString, QString> places {
        { QStringLiteral("ashburn"), tr("Ashburn, US east") },
        { QStringLiteral("dublin"), tr("Dublin, Ireland") },
        { QStringLiteral("frankfurt"), tr("Frankfurt, Germany") },
        { QStringLiteral("sao-paulo"), tr("São Paulo, Brazil") },
        { QStringLiteral("singapore"), tr("Singapore") },
        { QStringLiteral("sydney"), tr("Sydney, Australia") },
        { QStringLiteral("tokyo"), tr("Tokyo, Japan") },
        { QStringLiteral("umatilla"), tr("Umatilla, US west") },
        { QStringLiteral("roaming"), tr("Nearest by DNS") },
    };
    for (const QString &edge : AppSettings::edges())
        m_edge->addItem(QStringLiteral("%1 (%2)").arg(places.value(edge, edge), edge), edge);
    m_edge->setToolTip(tr("The Twilio edge location the phone connects through"));
    form->addRow(tr("Edge"), m_edge);

    m_codecs = new QComboBox;
    m_codecs->setObjectName(QStringLiteral("codecs"));
    const QString opus = QStringLiteral("opus");
    const QString pcmu = QStringLiteral("pcmu");
    m_codecs->addItem(tr("Opus, then PCMU"), QStringList { opus, pcmu });
    m_codecs->addItem(tr("PCMU, then Opus"), QStringList { pcmu, opus });
    m_codecs->addItem(tr("Opus only"), QStringList { opus });
    m_codecs->addItem(tr("PCMU only"), QStringList { pcmu });
    m_codecs->setToolTip(tr("Opus sounds better on good networks; PCMU is plain telephone audio"));
    form->addRow(tr("Codec preference"), m_codecs);
    return box;
}

QWidget *SettingsPage::buildCalls()
{
    auto *box = new QGroupBox(tr("Ringing and voicemail"));
    auto *form = new QFormLayout(box);
    m_dialTimeout = new QSpinBox;
    m_dialTimeout->setObjectName(QStringLiteral("dialTimeout"));
    m_dialTimeout->setRange(Routing::DialTimeout::minSeconds, Routing::DialTimeout::maxSeconds);
    m_dialTimeout->setSingleStep(5);
    m_dialTimeout->setSuffix(tr(" seconds"));
    m_dialTimeout->setToolTip(tr("How long a call rings before it goes to voicemail (a call to one of your "
                                 "numbers) or ends unanswered (a call placed)"));
    form->addRow(tr("Ring for"), m_dialTimeout);

    m_voicemailMaxLength = new QSpinBox;
    m_voicemailMaxLength->setObjectName(QStringLiteral("voicemailMaxLength"));
    m_voicemailMaxLength->setRange(Routing::VoicemailLength::minSeconds,
                                   Routing::VoicemailLength::maxSeconds);
    m_voicemailMaxLength->setSingleStep(30);
    m_voicemailMaxLength->setSuffix(tr(" seconds"));
    m_voicemailMaxLength->setToolTip(tr("The longest message a caller can leave after the tone"));
    form->addRow(tr("Voicemail up to"), m_voicemailMaxLength);
    m_transcribeVoicemail = new QCheckBox(tr("Transcribe each message"));
    m_transcribeVoicemail->setObjectName(QStringLiteral("transcribeVoicemail"));
    m_transcribeVoicemail->setToolTip(tr(
        "Twilio writes down what the caller said, shown with the message; billed per minute, English only"));
    form->addRow(QString(), m_transcribeVoicemail);
    m_callControl = new QCheckBox(tr("Hold and transfer calls (call control)"));
    m_callControl->setObjectName(QStringLiteral("callControl"));
    m_callControl->setToolTip(
        tr("Each call goes through a conference of its own, so that it can be held and passed on; Twilio "
           "bills each party's conference minutes"));
    form->addRow(QString(), m_callControl);
    addHint(form,
            tr("A call to one of your numbers that nobody answers in time goes to voicemail; a call placed "
               "that nobody answers ends."));
    return box;
}

QWidget *SettingsPage::buildServer()
{
    auto *box = new QGroupBox(tr("Webhook server"));
    auto *form = new QFormLayout(box);
    m_listen = addLine(form, tr("Listening address"), QStringLiteral("listen"), [this] {
        const auto listen = Config::ListenAddress::parse(m_listen->text().trimmed());
        return listen ? AppSettings::listenProblem(*listen) : listen.error();
    });
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:8080"));
    m_publicUrl = addLine(form, tr("Public URL"), QStringLiteral("publicUrl"), [this] {
        return AppSettings::publicUrlProblem(AppSettings::normalizedPublicUrl(m_publicUrl->text()));
    });
    m_publicUrl->setPlaceholderText(tr("none: the listening address"));
    addHint(form,
            tr("Twilio's webhooks go to the public URL (a tunnel such as https://example.ngrok.app, or "
               "your server's name); without one, to the listening address."));
    return box;
}

QWidget *SettingsPage::buildTeam()
{
    auto *box = new QGroupBox(tr("Team server"));
    auto *form = new QFormLayout(box);
    m_teamServer = addLine(form, tr("Server URL"), QStringLiteral("teamServer"),
                           [this] { return AppSettings::teamServerProblem(m_teamServer->text().trimmed()); });
    m_teamServer->setPlaceholderText(tr("none: this desktop is its own server"));
    m_teamServer->setToolTip(tr("The team's Switchboard server, such as https://switchboard.example.com"));
    addSecret(form, tr("Client secret"), m_teamSecret, QStringLiteral("teamSecret"));
    addHint(
        form,
        tr("With a team server, this phone signs in to it as the client named under Phone, with that "
           "client's secret, and gets its tokens and recent calls there. It then needs no Twilio account, "
           "database or webhook server of its own. Applies at the next start."));
    return box;
}

QWidget *SettingsPage::buildDatabase()
{
    auto *box = new QGroupBox(tr("Database"));
    auto *form = new QFormLayout(box);
    m_database = addLine(form, tr("Location"), QStringLiteral("database"), [this] {
        return AppSettings::databaseProblem(
            Store::DatabaseLocation::withoutPassword(m_database->text().trimmed()));
    });
    const auto defaultLocation = Store::DatabaseLocation::parse(QString());
    m_database->setPlaceholderText(defaultLocation ? defaultLocation->displayName()
                                                   : tr("the default SQLite file"));
    m_database->setToolTip(
        tr("Empty: the default SQLite file. Or a file path, or postgresql://USER@HOST:PORT/DATABASE"));
    addSecret(form, tr("Password"), m_databasePassword, QStringLiteral("databasePassword"));
    addHint(form,
            tr("Empty: the SQLite file shown in grey. For PostgreSQL: postgresql://USER@HOST:PORT/DATABASE; "
               "its password is kept with the secrets, even when typed into the URL."));
    return box;
}

QWidget *SettingsPage::buildOutgoingCalls()
{
    auto *box = new QGroupBox(tr("Outgoing calls"));
    auto *form = new QFormLayout(box);
    m_allowedRegions = addLine(form, tr("May reach"), QStringLiteral("allowedRegions"), [this] {
        const auto regions = Routing::TollFraudGuard::parseRegions(allowedRegionsTyped());
        return regions ? QString() : regions.error();
    });
    m_allowedRegions->setPlaceholderText(tr("the default region only"));
    m_allowedRegions->setToolTip(
        tr("Region codes, such as JP, US, CA: calls to other countries are refused"));
    auto *types = new QWidget;
    types->setObjectName(QStringLiteral("allowedNumberTypes"));
    auto *column = new QVBoxLayout(types);
    column->setContentsMargins(0, 0, 0, 0);
    for (const Phone::NumberType type : Phone::numberTypesRefusedByDefault()) {
        auto *allow = new QCheckBox(Phone::numberTypeDescription(type));
        allow->setObjectName(QStringLiteral("allow-") + Phone::numberTypeName(type));
        allow->setProperty("numberType", QVariant::fromValue(int(type)));
        m_allowedTypes << allow;
        column->addWidget(allow);
    }
    form->addRow(tr("Also allow"), types);
    addHint(form,
            tr("Toll fraud dials premium-rate and satellite numbers and far-away countries through a stolen "
               "phone: they are refused unless allowed here. Twilio's Geo Permissions should say the same."));
    return box;
}

QLineEdit *SettingsPage::addLine(QFormLayout *form, const QString &label, const QString &name,
                                 std::function<QString()> check, const std::function<QString()> &typingCheck)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    addChecked(form, label, edit, std::move(check));
    // Said when the field is left; once said, it goes as soon as the text is right. What more typing
    // cannot fix is said at once.
    connect(edit, &QLineEdit::editingFinished, this, [this, edit] { validate(edit); });
    connect(edit, &QLineEdit::textEdited, this, [this, edit, typingCheck] {
        if (typingCheck)
            showProblem(edit, sentence(typingCheck()));
        else if (!m_problemLabels.value(edit)->isHidden())
            validate(edit);
    });
    return edit;
}

QWidget *SettingsPage::addChecked(QFormLayout *form, const QString &label, QWidget *field,
                                  std::function<QString()> check)
{
    auto *problem = new QLabel;
    problem->setObjectName(field->objectName() + QStringLiteral("Problem"));
    problem->setTextFormat(Qt::PlainText);
    problem->setWordWrap(true);
    Ui::TextTone::set(problem, Ui::TextTone::Problem);
    problem->hide();
    auto *cell = new QWidget;
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    column->addWidget(problem);
    form->addRow(label, cell);
    m_problemLabels.insert(field, problem);
    m_checks.emplace(field, std::move(check));
    m_checked.append(field);
    return cell;
}

void SettingsPage::addHint(QFormLayout *form, const QString &text)
{
    auto *hint = new QLabel(text);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);
}

void SettingsPage::addSecret(QFormLayout *form, const QString &label, SecretField &field, const QString &name)
{
    field.edit = new QLineEdit;
    field.edit->setObjectName(name);
    field.edit->setEchoMode(QLineEdit::Password);
    field.forget = new QCheckBox(tr("Forget"));
    field.forget->setObjectName(name + QStringLiteral("Forget"));
    field.forget->setToolTip(tr("Remove the saved one when you save"));
    auto *row = new QHBoxLayout;
    row->addWidget(field.edit, 1);
    row->addWidget(field.forget);
    form->addRow(label, row);
    QLineEdit *edit = field.edit;
    connect(field.forget, &QCheckBox::toggled, this, [this, edit](bool forget) {
        edit->setEnabled(!forget);
        if (forget)
            edit->clear();
        edit->setPlaceholderText(forget ? tr("removed when you save") : secretPlaceholder());
    });
}

void SettingsPage::showSecret(SecretField &field, bool stored)
{
    field.stored = stored;
    field.edit->clear();
    field.edit->setEnabled(true);
    field.forget->setChecked(false);
    field.forget->setVisible(stored);
    field.edit->setPlaceholderText(stored ? secretPlaceholder() : tr("not set"));
}

QString SettingsPage::secretPlaceholder() const
{
    return m_secrets.backend() == Config::SecretStore::Backend::Keychain
        ? tr("saved in the keychain, type to replace")
        : tr("saved in the secrets file, type to replace");
}

QString SettingsPage::regionCode() const
{
    const int index = m_region->findText(m_region->currentText());
    if (index >= 0)
        return m_region->itemData(index).toString();
    return m_region->currentText().trimmed().section(u' ', 0, 0).toUpper();
}

QStringList SettingsPage::allowedRegionsTyped() const
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return m_allowedRegions->text().toUpper().split(separators, Qt::SkipEmptyParts);
}

bool SettingsPage::validate(QWidget *field)
{
    const QString problem = sentence(m_checks.value(field)());
    showProblem(field, problem);
    return problem.isEmpty();
}

void SettingsPage::showProblem(QWidget *field, const QString &problem)
{
    QLabel *label = m_problemLabels.value(field);
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
    // "Correct the fields marked in red" has done its job once none is.
    if (problem.isEmpty() && m_status->text() == correctTheFields()
        && std::all_of(m_problemLabels.cbegin(), m_problemLabels.cend(),
                       [](const QLabel *other) { return other->isHidden(); }))
        setStatus(QString(), false);
}

QString SettingsPage::correctTheFields()
{
    return tr("Not saved: correct the fields marked in red. Nothing was changed.");
}

void SettingsPage::accountConnected()
{
    reload();
    setStatus(tr("The Twilio account changed (see the fields above). The phone uses it from the next start."),
              false);
    m_restart->show();
}

void SettingsPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    Ui::TextTone::set(m_status, problem ? Ui::TextTone::Problem : Ui::TextTone::Plain);
}

void SettingsPage::reload()
{
    const QString secretsPlace = m_secrets.backendDescription();
    m_secretsNote->setText(
        m_secrets.backend() == Config::SecretStore::Backend::Keychain
            ? tr("Secrets (the auth token, the API key secret, the database password, the team client "
                 "secret) are kept in %1; the "
                 "settings file holds none.")
                  .arg(secretsPlace)
            : tr("Secrets (the auth token, the API key secret, the database password, the team client "
                 "secret) are kept in %1. "
                 "With a keychain service running, such as GNOME Keyring, Switchboard keeps them there "
                 "instead.")
                  .arg(secretsPlace));

    const auto account = Config::AccountSettings(m_settings, m_secrets).load();
    const auto databasePassword = m_secrets.read(m_databasePassword.key);
    m_accountSid->setText(account ? account->accountSid : QString());
    m_apiKeySid->setText(account ? account->apiKeySid : QString());
    m_twimlAppSid->setText(account ? account->twimlAppSid : QString());
    showSecret(m_authToken, account && !account->authToken.isEmpty());
    showSecret(m_apiKeySecret, account && !account->apiKeySecret.isEmpty());
    showSecret(m_databasePassword, databasePassword && databasePassword->has_value());
    const auto teamSecret = m_secrets.read(m_teamSecret.key);
    showSecret(m_teamSecret, teamSecret && teamSecret->has_value());

    QStringList problems;
    const AppSettings settings = AppSettings::load(m_settings, &problems);
    m_clientName->setText(settings.clientName);
    const int region = m_region->findData(settings.region);
    if (region >= 0)
        m_region->setCurrentIndex(region);
    else
        m_region->setEditText(settings.region);
    m_tokenTtl->setValue(settings.tokenTtl);
    m_edge->setCurrentIndex(std::max(0, m_edge->findData(settings.edge)));
    m_codecs->setCurrentIndex(std::max(0, m_codecs->findData(settings.codecPreferences)));
    m_listen->setText(settings.listen.toString());
    m_publicUrl->setText(settings.publicUrl);
    m_database->setText(Store::DatabaseLocation::withoutPassword(settings.database));
    m_teamServer->setText(settings.teamServer);
    m_allowedRegions->setText(settings.allowedRegions.join(QStringLiteral(", ")));
    for (QCheckBox *box : qAsConst(m_allowedTypes))
        box->setChecked(
            settings.allowedNumberTypes.contains(Phone::NumberType(box->property("numberType").toInt())));
    m_dialTimeout->setValue(settings.dialTimeout);
    m_voicemailMaxLength->setValue(settings.voicemailMaxLength);
    m_transcribeVoicemail->setChecked(settings.transcribeVoicemail);
    m_callControl->setChecked(settings.callControl);
    for (auto it = m_problemLabels.cbegin(); it != m_problemLabels.cend(); ++it)
        it.value()->hide();

    if (!account)
        problems.prepend(tr("The saved account could not be read: %1").arg(account.error()));
    if (!databasePassword)
        problems << tr("The database password could not be read: %1").arg(databasePassword.error());
    if (!teamSecret)
        problems << tr("The team server's client secret could not be read: %1").arg(teamSecret.error());
    m_restart->hide();
    if (problems.isEmpty())
        setStatus(tr("Most changes apply at the next start."), false);
    else
        setStatus(problems.join(u'\n'), true);
}

bool SettingsPage::save()
{
    QWidget *firstWrong = nullptr;
    for (QWidget *field : qAsConst(m_checked))
        if (!validate(field) && !firstWrong)
            firstWrong = field;
    if (firstWrong) {
        setStatus(correctTheFields(), true);
        firstWrong->setFocus();
        return false;
    }
    if (!writeAll())
        return false;
    reload();
    setStatus(tr("Saved. Most changes apply at the next start."), false);
    m_restart->show();
    Q_EMIT saved();
    return true;
}

// Only called once every field is valid. Secrets first, as AccountSettings does: should the keychain
// refuse, the settings file still matches what is stored.
bool SettingsPage::writeAll()
{
    const auto stored = Config::AccountSettings(m_settings, m_secrets).load();
    if (!stored) {
        setStatus(tr("Not saved: %1").arg(stored.error()), true);
        return false;
    }
    const auto secret = [](const SecretField &field, const QByteArray &current) {
        if (field.forget->isChecked())
            return QByteArray();
        return field.edit->text().isEmpty() ? current : field.edit->text().toUtf8();
    };
    Config::TwilioAccount account;
    account.accountSid = m_accountSid->text().trimmed();
    account.apiKeySid = m_apiKeySid->text().trimmed();
    account.twimlAppSid = m_twimlAppSid->text().trimmed();
    account.authToken = secret(m_authToken, stored->authToken);
    account.apiKeySecret = secret(m_apiKeySecret, stored->apiKeySecret);

    AppSettings settings;
    settings.clientName = m_clientName->text().trimmed();
    settings.region = regionCode();
    settings.tokenTtl = m_tokenTtl->value();
    settings.edge = m_edge->currentData().toString();
    settings.codecPreferences = m_codecs->currentData().toStringList();
    settings.listen = *Config::ListenAddress::parse(m_listen->text().trimmed());
    settings.publicUrl = AppSettings::normalizedPublicUrl(m_publicUrl->text());
    QByteArray urlPassword;
    settings.database = Store::DatabaseLocation::withoutPassword(m_database->text().trimmed(), &urlPassword);
    settings.allowedRegions = *Routing::TollFraudGuard::parseRegions(allowedRegionsTyped());
    for (QCheckBox *box : qAsConst(m_allowedTypes))
        if (box->isChecked())
            settings.allowedNumberTypes << Phone::NumberType(box->property("numberType").toInt());
    settings.dialTimeout = m_dialTimeout->value();
    settings.voicemailMaxLength = m_voicemailMaxLength->value();
    settings.transcribeVoicemail = m_transcribeVoicemail->isChecked();
    settings.callControl = m_callControl->isChecked();
    settings.teamServer = m_teamServer->text().trimmed();
    if (const QStringList problems = settings.problems(); !problems.isEmpty()) {
        setStatus(tr("Not saved: %1").arg(problems.join(QStringLiteral("; "))), true);
        return false;
    }

    Result<void> done;
    if (!urlPassword.isEmpty())
        done = m_secrets.write(m_databasePassword.key, urlPassword);
    else if (m_databasePassword.forget->isChecked())
        done = m_secrets.remove(m_databasePassword.key);
    else if (!m_databasePassword.edit->text().isEmpty())
        done = m_secrets.write(m_databasePassword.key, m_databasePassword.edit->text().toUtf8());
    if (done && m_teamSecret.forget->isChecked())
        done = m_secrets.remove(m_teamSecret.key);
    else if (done && !m_teamSecret.edit->text().isEmpty())
        done = m_secrets.write(m_teamSecret.key, m_teamSecret.edit->text().toUtf8());
    if (done)
        done = Config::AccountSettings(m_settings, m_secrets).save(account);
    if (done)
        done = settings.save(m_settings);
    if (!done)
        setStatus(tr("Not saved: %1").arg(done.error()), true);
    return bool(done);
}

} // namespace Admin
