#include "app/DesktopApp.h"

#include "app/ExitCode.h"
#include "app/InstanceChannel.h"
#include "app/TeamPhone.h"
#include "app/UnixSignalWatcher.h"
#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"
#include "core/config/WebhookSigningKey.h"
#include "core/phone/ClientAddress.h"
#include "core/server/ApiPaths.h"
#include "core/server/CallActions.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/RecordingVault.h"
#include "core/simulator/SimulatedCallApi.h"
#include "core/simulator/TwilioParameters.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "core/team/TokenClient.h"
#include "core/team/VoicemailClient.h"
#include "core/voicemail/LocalMailbox.h"
#include "ui/MainWindow.h"
#include "ui/admin/CallLogPage.h"
#include "ui/admin/ClientsPage.h"
#include "ui/admin/ConnectAccountDialog.h"
#include "ui/admin/NumbersPage.h"
#include "ui/admin/ServerPage.h"
#include "ui/admin/SettingsPage.h"
#include "ui/admin/SetupCheckPanel.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/ServerSimulatedPhone.h"
#include "ui/engine/SimulatedPhone.h"
#include "ui/engine/SoftphoneEngine.h"
#include "ui/engine/TokenSource.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"
#include "ui/phone/SimulateCallDialog.h"
#include "ui/phone/VoicemailPanel.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSessionManager>
#include <QTimer>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcCallControl, "switchboard.app.callcontrol")

namespace App {

DesktopApp::DesktopApp(const CommandContext &context)
    : m_context(context)
{ }

DesktopApp::~DesktopApp() = default;

void DesktopApp::allowWebEngineAsRoot(QTextStream &err)
{
    if (::geteuid() != 0)
        return;
    const bool alreadyOff = qEnvironmentVariableIntValue("QTWEBENGINE_DISABLE_SANDBOX") != 0
        || qEnvironmentVariable("QTWEBENGINE_CHROMIUM_FLAGS").contains(QLatin1String("--no-sandbox"));
    if (alreadyOff)
        return; // whoever turned it off knows
    qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    err << "switchboard: warning: running as root, so the web engine runs without its sandbox; run "
           "Switchboard as an ordinary user to keep it\n";
    err.flush();
}

int DesktopApp::run(const QString &numberToDial)
{
    // kill, Ctrl-C and the end of the session close the app as its window does: the call log is written
    // up to the last request answered, and the window's place is kept. From the start, so that a signal
    // during the start is not the end of a half-written file either.
    UnixSignalWatcher terminationWatcher;
    int terminatedBy = 0;
    QObject::connect(&terminationWatcher, &UnixSignalWatcher::terminationRequested, &terminationWatcher,
                     [this, &terminatedBy](int signalNumber) {
                         terminatedBy = signalNumber;
                         m_context.err << "switchboard: signal " << signalNumber << ", closing\n";
                         m_context.err.flush();
                         QApplication::quit(); // does nothing before exec(), which then is not entered
                     });

    if (!start(numberToDial))
        return ExitCode::failure;

    const int result = terminatedBy != 0 ? ExitCode::success : QApplication::exec();
    saveWindow();
    if (m_server)
        m_server->stop(); // waits for the request threads and writes the call log
    if (terminatedBy != 0 && !m_server) {
        m_context.err << "switchboard: closed\n";
        m_context.err.flush();
    } else if (terminatedBy != 0) {
        m_context.err << "switchboard: call log written, closed\n";
        m_context.err.flush();
    }
    return result;
}

bool DesktopApp::start(const QString &numberToDial)
{
    m_secrets = std::make_unique<Config::SecretStore>(Config::SecretStore::ofThisUser());
    QStringList settingsProblems;
    m_app = Config::AppSettings::load(m_settings, &settingsProblems);
    for (const QString &problem : std::as_const(settingsProblems))
        m_notes << tr("A setting was ignored: %1").arg(problem);

    m_instances = std::make_unique<InstanceChannel>();
    const auto instancePath = InstanceChannel::defaultPath();
    if (const auto listening
        = instancePath ? m_instances->listen(*instancePath) : Failure(instancePath.error());
        !listening)
        m_context.err << "switchboard: " << listening.error() << " (tel: links will start another window)\n";

    auto team = m_app.teamAccount(*m_secrets, m_context.environment);
    if (!team) {
        // Still the team's phone: without its secret it says so when it signs in.
        m_notes << tr("The team server's client secret could not be read: %1").arg(team.error());
        team = std::optional<Team::ServerAccount>(Team::ServerAccount {
            QUrl(m_context.environment.value(QStringLiteral("SWITCHBOARD_SERVER_URL"), m_app.teamServer)),
            m_context.environment.value(QStringLiteral("SWITCHBOARD_CLIENT"), m_app.clientName),
            {} });
    }
    if (*team)
        return startInTeam(**team, numberToDial);

    m_database = openDatabase();
    if (!m_database) {
        QMessageBox::critical(nullptr, tr("Switchboard"),
                              tr("The database could not be opened; see the terminal for why."));
        return false;
    }
    adoptPhoneClient();
    loadAccount();
    startServer();
    startPhone();
    buildWindow();

    finishStart(numberToDial);
    // The session manager may end the process right after this: nothing is left to write then.
    QObject::connect(qApp, &QGuiApplication::commitDataRequest, m_window.get(), [this](QSessionManager &) {
        saveWindow();
        m_settings.sync();
        if (!m_server->flushCallLog())
            m_context.err << "switchboard: the call log could not be written before the session ended\n";
    });
    return true;
}

bool DesktopApp::startInTeam(const Team::ServerAccount &account, const QString &numberToDial)
{
    m_team = std::make_unique<TeamPhone>(account);
    m_engine = std::make_unique<Engine::SoftphoneEngine>();
    Engine::PhoneBridge *bridge = m_engine->bridge();
    bridge->setDefaultRegion(m_app.region);
    // A server that plays Twilio itself says so with the token: the phone then rings through it.
    auto *serverSimulator = new Engine::ServerSimulatedPhone(bridge, account, m_team->tokenProvider());
    bridge->setTwilioBackend(account.client, serverSimulator->twilioTokens(), m_app.codecPreferences,
                             m_app.edge);

    m_phone = new Phone::PhoneView(bridge, m_app.region);
    auto *recentCalls = new Phone::RecentCallsList(m_team->recentCalls(), m_app.region);
    keepSeenMark(recentCalls);
    TeamPhone::keepCurrent(recentCalls, bridge);
    m_phone->addRecentCalls(recentCalls);
    auto *voicemail = new Phone::VoicemailPanel(std::make_unique<Team::VoicemailClient>(account),
                                                Voicemail::AudioCache::ofThisUser(), m_app.region);
    m_phone->addVoicemail(voicemail);
    TeamPhone::keepCurrent(voicemail, bridge);
    m_team->offerCallControl(m_phone);
    m_window = std::make_unique<Ui::MainWindow>(m_phone);
    m_window->setTitle(tr("Switchboard: %1 on %2").arg(account.client, account.server.host()));
    QObject::connect(
        serverSimulator, &Engine::ServerSimulatedPhone::activated, m_window.get(), [this, account] {
            m_window->setTitle(
                tr("Switchboard: %1 on %2 (simulated Twilio)").arg(account.client, account.server.host()));
        });
    m_window->addPage(m_team->managedElsewherePage(), tr("Team"));
    m_settingsPage = new Admin::SettingsPage(m_settings, *m_secrets);
    m_window->addPage(m_settingsPage, tr("Settings"));
    // The account belongs to the team's server, which this phone holds no secret of.
    auto accountElsewhere = [this] {
        QMessageBox::information(
            m_window.get(), tr("Twilio account"),
            tr("This phone is signed in to the team's server, which holds the Twilio "
               "account. Connect or disconnect it there:\n\n"
               "switchboard-server twilio connect --public-url URL --number NUMBER=CLIENT\n"
               "switchboard-server twilio disconnect"));
    };
    QObject::connect(m_settingsPage, &Admin::SettingsPage::connectRequested, m_window.get(),
                     accountElsewhere);
    QObject::connect(m_settingsPage, &Admin::SettingsPage::disconnectRequested, m_window.get(),
                     accountElsewhere);
    m_window->setSimulationEnabled(
        false); // Twilio plays the calls; the server's simulate command tries routes
    QObject::connect(m_team->tokens(), &Team::TokenClient::retrying, m_window.get(),
                     [this](const QString &why, std::chrono::milliseconds wait) {
                         m_phone->showCallProblem(
                             tr("Signing in to the team's server: %1 Trying again in %2 s.")
                                 .arg(why)
                                 .arg((wait.count() + 999) / 1000));
                     });
    QObject::connect(m_settingsPage, &Admin::SettingsPage::restartRequested, m_window.get(), [this] {
        m_restart = true;
        QApplication::quit();
    });
    for (const QString &note : std::as_const(m_notes))
        m_context.err << "switchboard: " << note << '\n';
    finishStart(numberToDial);
    QObject::connect(qApp, &QGuiApplication::commitDataRequest, m_window.get(), [this](QSessionManager &) {
        saveWindow();
        m_settings.sync();
    });
    return true;
}

void DesktopApp::finishStart(const QString &numberToDial)
{
    QObject::connect(m_instances.get(), &InstanceChannel::messageReceived, m_window.get(),
                     [this](const QString &message) {
                         const bool dial = message.startsWith(QLatin1String("dial "));
                         if (!dial && message != QLatin1String("raise"))
                             return;
                         if (dial)
                             m_phone->prepareCall(message.mid(5));
                         else
                             m_context.err << "switchboard: started again; showing this window\n";
                         m_context.err.flush();
                         m_window->showNormal();
                         m_window->raise();
                         m_window->activateWindow();
                     });
    if (!numberToDial.isEmpty())
        m_phone->prepareCall(numberToDial);
    restoreWindow();
    m_window->show();
    m_engine->load();
    m_engine->bridge()->registerPhone();
}

std::shared_ptr<Store::Database> DesktopApp::openDatabase()
{
    if (!m_context.database.isEmpty()) // --database wins for this run
        return m_context.openDatabase(QStringLiteral("desktop app"));
    // The settings hold the URL without its password, which the secret store keeps.
    QString url = m_app.database;
    if (const auto withPassword = m_app.databaseWithPassword(*m_secrets))
        url = *withPassword;
    else
        m_context.err << "switchboard: the database password could not be read: " << withPassword.error()
                      << '\n';
    CommandContext context { m_context.out, m_context.err, m_context.environment, url };
    return context.openDatabase(QStringLiteral("desktop app"));
}

void DesktopApp::adoptPhoneClient()
{
    // The phone in the window is a client like any other, so that numbers can ring it from the first start.
    // It gets its tokens in-process: no secret, and so none to show or keep.
    if (const auto phone = Store::ClientStore(m_database).ensureWithoutSecret(m_app.clientName); !phone)
        m_notes << tr("This phone's client %1 could not be added: %2").arg(m_app.clientName, phone.error());
}

void DesktopApp::loadAccount()
{
    // The account as the settings hold it (secrets in the keychain, or the user-only file without one);
    // TWILIO_* variables that are set win for this run.
    Config::TwilioAccount saved;
    if (const auto loaded = Config::AccountSettings(m_settings, *m_secrets).load())
        saved = *loaded;
    else
        m_notes << tr("The saved account could not be read: %1").arg(loaded.error());
    m_account = Config::AccountSettings::withEnvironment(saved, m_context.environment);
    m_tokenProblems = Engine::TokenSource(m_account, m_app.clientName, m_app.tokenTtl).problems();
}

void DesktopApp::startServer()
{
    // Signatures are checked with the account's auth token or, without one, with a local key kept in the
    // secret store, where `switchboard simulate --server` finds it too.
    m_serverSettings.address = m_app.listen.address;
    m_serverSettings.port = m_app.listen.port;
    m_serverSettings.publicBaseUrl = m_app.publicUrl;
    m_serverSettings.tokenTtl = m_app.tokenTtl;
    m_serverSettings.routing = m_app.routing();
    m_serverSettings.account = m_account;
    m_serverSettings.account.authToken = signingKey();
    // The simulator leaves its messages here, and the server serves them at the account's REST paths: for
    // an account of none, one made up for the run.
    m_recordings = std::make_shared<Simulator::RecordingVault>();
    m_serverSettings.simulatedRecordings = m_recordings;
    m_simulatedCalls = std::make_shared<Simulator::SimulatedCallApi>(nullptr);
    m_serverSettings.simulatedCalls = m_simulatedCalls;
    if (m_serverSettings.account.accountSid.isEmpty())
        m_serverSettings.account.accountSid = Simulator::TwilioParameters::newSid(QStringLiteral("AC"));
    // Other clients of this server fetch their messages from Twilio (or where tests say), not from here.
    const QString api = m_context.environment.value(Rest::ApiAccess::baseUrlVariable());
    m_serverSettings.twilioApiUrl = api.isEmpty() ? Rest::ApiAccess::defaultBaseUrl() : QUrl(api);
    m_server = std::make_unique<Server::WebhookServer>(m_database, m_serverSettings);
    // Another server or a second user may hold the port: the banner then says where it listens instead.
    const auto started = m_server->start(Server::WebhookServer::IfPortTaken::UseAnyFreePort);
    if (!started)
        m_startFailure = tr("The webhook server could not start: %1").arg(started.error());
    else if (!m_server->portProblem().isEmpty())
        m_portNote = tr("Port %1 is taken (%2), so the webhook server listens on %3 instead.")
                         .arg(m_app.listen.port)
                         .arg(m_server->portProblem(), m_server->localUrl().toString());
}

QByteArray DesktopApp::signingKey()
{
    const auto key = Config::WebhookSigningKey::findOrCreate(m_account, *m_secrets);
    if (key)
        return key->secret();
    // The simulated phone (this process) still signs with a key made up for this run; only other
    // programs cannot.
    m_notes << tr("The webhook signing key could not be kept (%1), so `switchboard simulate "
                  "--server` cannot sign for this app until it can.")
                   .arg(key.error());
    return QByteArray::number(QRandomGenerator::system()->generate64(), 16);
}

void DesktopApp::startPhone()
{
    m_engine = std::make_unique<Engine::SoftphoneEngine>();
    Engine::PhoneBridge *bridge = m_engine->bridge();
    bridge->setDefaultRegion(m_app.region);
    // In every mode: "Simulate incoming call" plays Twilio's part against the app's own server, so trying
    // the routing never reaches Twilio nor costs anything. It rings the page only when the phone is
    // simulated.
    Simulator::SimulatorSettings simulatorSettings;
    simulatorSettings.serverUrl = m_server->localUrl();
    simulatorSettings.publicBaseUrl = m_server->publicBaseUrl();
    simulatorSettings.authToken = m_serverSettings.account.authToken;
    simulatorSettings.accountSid = m_serverSettings.account.accountSid;
    simulatorSettings.recordings = m_recordings;
    simulatorSettings.apiBaseUrl = m_server->localUrl().toString();
    simulatorSettings.region = m_app.region;
    m_simulatedPhone = std::make_unique<Engine::SimulatedPhone>(bridge, simulatorSettings);
    m_simulatedCalls->setSimulator(m_simulatedPhone->simulator());
    if (isPhoneSimulated()) {
        bridge->setSimulatedBackend(m_app.clientName);
    } else {
        const Engine::TokenSource tokens(m_account, m_app.clientName, m_app.tokenTtl);
        bridge->setTwilioBackend(m_app.clientName, tokens.provider(), m_app.codecPreferences, m_app.edge);
    }
}

void DesktopApp::buildWindow()
{
    m_phone = new Phone::PhoneView(m_engine->bridge(), m_app.region);
    const QString region = m_app.region;
    m_phone->setLabelLookup([database = m_database, region](const QString &address) {
        const auto mapping = Store::NumberStore(database, region).find(address);
        return mapping ? mapping->label : QString();
    });
    auto *recentCalls = new Phone::RecentCallsList(
        Phone::RecentCallsList::fromCallLog(m_database, m_app.clientName), region);
    keepSeenMark(recentCalls);
    m_phone->addRecentCalls(recentCalls);
    recentCalls->refresh(); // counted before the tab is opened
    addVoicemail();
    offerCallControl();
    // The moment the server's word on a call is committed, not on a timer: a call that just ended shows
    // what it came to, not "ringing".
    QObject::connect(m_server.get(), &Server::WebhookServer::callLogWritten, recentCalls,
                     &Phone::RecentCallsList::callLogChanged);
    showOwnNumbers();
    m_window = std::make_unique<Ui::MainWindow>(m_phone);

    m_numbers = new Admin::NumbersPage(m_database, region);
    m_clients = new Admin::ClientsPage(m_database, region);
    m_numbers->setThisPhone(m_app.clientName);
    m_clients->setThisPhone(m_app.clientName);
    m_calls = new Admin::CallLogPage(m_database, region);
    auto *server = new Admin::ServerPage(m_server.get(), m_database);
    m_serverPage = server;
    m_settingsPage = new Admin::SettingsPage(m_settings, *m_secrets);
    auto *setupCheck = new Admin::SetupCheckPanel(accountContext());
    server->setSetupCheck(setupCheck);
    // A number changed in Twilio's console, a token revoked: said at the start, for an account connected to
    // a public URL (without one there is nothing Twilio could reach to check).
    if (!isPhoneSimulated() && !m_app.publicUrl.isEmpty())
        QTimer::singleShot(0, setupCheck, &Admin::SetupCheckPanel::check);
    m_window->addPage(m_numbers, tr("Numbers"));
    m_window->addPage(m_clients, tr("Clients"));
    m_window->addPage(m_calls, tr("Call log"));
    m_window->addPage(server, tr("Server"));
    m_window->addPage(m_settingsPage, tr("Settings"));

    const bool canSimulate = m_server->isListening();
    m_window->setSimulationEnabled(canSimulate);
    server->setSimulationEnabled(canSimulate);
    server->setSignatureProblem(Admin::ServerPage::signatureProblem(m_account));
    QObject::connect(server, &Admin::ServerPage::listeningChanged, m_window.get(),
                     [this, server](bool listening) {
                         m_window->setSimulationEnabled(listening);
                         server->setSimulationEnabled(listening);
                         showBanner();
                     });
    showBanner();

    auto clientNames = [this] {
        QStringList names;
        for (const auto &client : Store::ClientStore(m_database).list())
            names << client.name;
        return names;
    };
    m_calls->setClientNames(clientNames());
    QObject::connect(m_clients, &Admin::ClientsPage::clientsChanged, m_window.get(), [this, clientNames] {
        m_numbers->refresh();
        m_calls->setClientNames(clientNames());
        showOwnNumbers();
    });
    QObject::connect(m_numbers, &Admin::NumbersPage::numbersChanged, m_window.get(), [this] {
        m_clients->refresh();
        showOwnNumbers();
    });
    QObject::connect(m_calls, &Admin::CallLogPage::callBackRequested, m_phone, &Phone::PhoneView::callBack);
    QObject::connect(m_server.get(), &Server::WebhookServer::callLogWritten, m_calls,
                     &Admin::CallLogPage::callsChanged);
    QObject::connect(m_phone, &Phone::PhoneView::ringing, m_window.get(), &Ui::MainWindow::announceCall);
    QObject::connect(m_phone, &Phone::PhoneView::ringingEnded, m_window.get(),
                     &Ui::MainWindow::endAnnouncement);
    QObject::connect(m_simulatedPhone.get(), &Engine::SimulatedPhone::outgoingNotConnected, m_phone,
                     [this](const QString &sentence) {
                         // "Connection refused" names a socket, not what to do: the person stopped the
                         // server.
                         m_phone->showCallProblem(
                             m_server->isListening()
                                 ? sentence
                                 : tr("The call could not be placed: the webhook server is stopped. "
                                      "Start it on the Server page."));
                     });
    QObject::connect(m_window.get(), &Ui::MainWindow::simulateIncomingRequested, m_window.get(),
                     [this] { simulateIncoming(); });
    QObject::connect(server, &Admin::ServerPage::simulateIncomingRequested, m_window.get(),
                     [this] { simulateIncoming(); });
    QObject::connect(
        m_simulatedPhone.get(), &Engine::SimulatedPhone::routedElsewhere, m_window.get(),
        [this](const QString &from, const QString &to, const QString &clientName,
               const Simulator::CallOutcome &outcome) { showSimulatedRoute(from, to, clientName, outcome); });
    QObject::connect(m_settingsPage, &Admin::SettingsPage::restartRequested, m_window.get(), [this] {
        m_restart = true;
        QApplication::quit();
    });
    QObject::connect(m_settingsPage, &Admin::SettingsPage::connectRequested, m_window.get(),
                     [this] { openAccountDialog(true); });
    QObject::connect(m_settingsPage, &Admin::SettingsPage::disconnectRequested, m_window.get(),
                     [this] { openAccountDialog(false); });
}

Admin::AccountContext DesktopApp::accountContext() const
{
    Admin::AccountContext context;
    context.settings = const_cast<QSettings *>(&m_settings); // the app's own, which the pages write
    context.secrets = m_secrets.get();
    context.database = m_database;
    context.defaultRegion = m_app.region;
    context.publicUrl = m_app.publicUrl; // never the local address: Twilio cannot reach it
    context.defaultClient = m_app.clientName;
    context.localUrl = m_server->localUrl();
    context.environment = m_context.environment;
    return context;
}

void DesktopApp::openAccountDialog(bool connecting)
{
    auto *dialog = new Admin::ConnectAccountDialog(connecting ? Admin::ConnectAccountDialog::Mode::Connect
                                                              : Admin::ConnectAccountDialog::Mode::Disconnect,
                                                   accountContext(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &Admin::ConnectAccountDialog::restartRequested, m_window.get(), [this] {
        m_restart = true;
        QApplication::quit();
    });
    QObject::connect(dialog, &Admin::ConnectAccountDialog::accountChanged, m_window.get(), [this] {
        m_settingsPage->accountConnected();
        m_numbers->refresh();
        showOwnNumbers();
    });
    dialog->open();
}

void DesktopApp::keepSeenMark(Phone::RecentCallsList *recentCalls)
{
    const QString key = QStringLiteral("phone/missedCallsSeenUntil");
    QDateTime seen = m_settings.value(key).toDateTime();
    if (!seen.isValid()) {
        // The log keeps whole seconds: a call in this very second must count.
        seen = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC).addMSecs(-1);
        m_settings.setValue(key, seen);
    }
    recentCalls->setSeenUntil(seen.toUTC());
    QObject::connect(recentCalls, &Phone::RecentCallsList::seenUntilChanged, recentCalls,
                     [this, key](const QDateTime &utc) { m_settings.setValue(key, utc); });
}

void DesktopApp::offerCallControl()
{
    if (m_team || !m_app.callControl || !m_server || !m_server->isListening())
        return;
    m_callControlSettings = m_serverSettings;
    m_callControlSettings.publicBaseUrl = m_server->publicBaseUrl();
    m_callControlSettings.ownUrl = m_server->localUrl();
    m_callControl = std::make_unique<Server::CallActions>(m_database, m_callControlSettings);
    // The colleagues a call may be transferred to: every enabled client but this phone's own.
    QStringList colleagues;
    for (const Store::Client &client : Store::ClientStore(m_database).list())
        if (!client.disabled && client.name != m_app.clientName)
            colleagues.append(client.name);
    m_phone->setCallControl(
        [this](const Phone::CallRequest &request, std::function<void(Result<QJsonObject>)> done) {
            auto answered = [done = std::move(done)](const Server::HttpResponse &response,
                                                     const Server::RequestRecord &record) {
                if (response.status >= 200 && response.status < 300) {
                    done(QJsonDocument::fromJson(response.body).object());
                    return;
                }
                qCWarning(lcCallControl).noquote() << record.outcome;
                const QString why = QJsonDocument::fromJson(response.body)
                                        .object()
                                        .value(QStringLiteral("error"))
                                        .toString();
                done(Failure(why.isEmpty() ? QObject::tr("the server did not say why") : why));
            };
            if (request.action.isEmpty()) {
                m_callControl->describe(m_app.clientName, request.callSid, Server::RequestRecord(), answered);
                return;
            }
            Server::CallActions::Request asked;
            asked.clientName = m_app.clientName;
            asked.callSid = request.callSid;
            asked.action = request.action;
            asked.to = request.to;
            asked.talkFirst = request.talkFirst;
            asked.label = request.label;
            m_callControl->perform(asked, Server::RequestRecord(), answered);
        },
        colleagues);
}

void DesktopApp::addVoicemail()
{
    auto mailbox = std::make_unique<Voicemail::LocalMailbox>(
        m_database, m_app.clientName,
        [this](const Store::Voicemail &message) { return recordingAccess(message); });
    auto *voicemail
        = new Phone::VoicemailPanel(std::move(mailbox), Voicemail::AudioCache::ofThisUser(), m_app.region);
    voicemail->setLabelLookup([database = m_database, region = m_app.region](const QString &address) {
        const auto mapping = Store::NumberStore(database, region).find(address);
        return mapping ? mapping->label : QString();
    });
    m_phone->addVoicemail(voicemail);
    voicemail->refresh(); // the count shows before the tab is opened
    QObject::connect(m_server.get(), &Server::WebhookServer::voicemailWritten, voicemail,
                     &Phone::VoicemailPanel::refresh);
}

Result<std::optional<Rest::ApiAccess>> DesktopApp::recordingAccess(const Store::Voicemail &message) const
{
    if (m_recordings->find(message.recordingSid)) {
        const auto simulator = Rest::ApiAccess::forAccount(m_serverSettings.account, m_server->localUrl());
        if (!simulator)
            return Failure(simulator.error());
        return std::optional(*simulator);
    }
    const auto twilio = Rest::ApiAccess::forAccount(m_account, m_context.environment);
    if (twilio)
        return std::optional(*twilio);
    // Without an account, every message is a simulator's: of an earlier run, or of `switchboard simulate`,
    // which keeps no recordings. Only the row is there.
    if (isPhoneSimulated())
        return std::optional<Rest::ApiAccess>();
    return Failure(twilio.error());
}

void DesktopApp::showBanner()
{
    QStringList banner;
    QString details;
    QString actionText;
    std::function<void()> action;
    const bool listening = m_server->isListening();
    if (isPhoneSimulated() && listening) {
        banner << tr("Simulated phone: no Twilio account is set up, so calls are simulated through "
                     "your own webhook server on %1. Phone > Simulate incoming call rings this phone.")
                      .arg(m_server->localUrl().toString());
        details = tr("Missing: %1").arg(m_tokenProblems.join(QStringLiteral("; ")));
        actionText = tr("Connect Twilio account…");
        action = [this] {
            m_window->showPage(m_settingsPage);
            openAccountDialog(true);
        };
    }
    // With a Twilio phone, real calls are expected; without the Auth Token each of their webhooks would be
    // refused with nothing else to say why.
    if (!isPhoneSimulated()) {
        if (const QString problem = Admin::ServerPage::signatureProblem(m_account); !problem.isEmpty()) {
            banner << problem;
            actionText = tr("Open Settings…");
            action = [this] { m_window->showPage(m_settingsPage); };
        }
    }
    if (!m_startFailure.isEmpty() && !listening) {
        banner << m_startFailure;
    } else if (listening) {
        if (!m_portNote.isEmpty()) // where it listens instead, while it does
            banner << m_portNote;
    } else {
        // Every call goes through the webhook server: say so rather than what would happen if it ran.
        banner << (isPhoneSimulated()
                       ? tr("The webhook server is stopped: simulated calls cannot go through until "
                            "it runs again.")
                       : tr("The webhook server is stopped: calls to your Twilio numbers and from "
                            "this phone fail until it runs again."));
        if (m_serverPage) {
            actionText = tr("Open Server page…");
            action = [this] { m_window->showPage(m_serverPage); };
        }
    }
    banner << m_notes;
    if (m_secrets->backend() == Config::SecretStore::Backend::File)
        details += (details.isEmpty() ? QString() : QStringLiteral("\n"))
            + tr("No keychain service runs: secrets are kept in %1.").arg(m_secrets->backendDescription());
    m_window->setBanner(banner.join(u'\n'), details, actionText, action);
}

void DesktopApp::showOwnNumbers()
{
    // The status line shows the phone's own number (NumberStore::ownNumberOf), or its client address.
    const QList<Store::NumberMapping> enabled
        = Store::NumberStore(m_database, m_app.region).enabledNumbersOf(m_app.clientName);
    if (enabled.isEmpty())
        m_phone->setOwnAddress(Phone::ClientAddress::addressOf(m_app.clientName));
    else
        m_phone->setOwnAddress(enabled.constFirst().e164, enabled.constFirst().label);
    QList<QPair<QString, QString>> ownNumbers;
    for (const auto &mapping : enabled)
        ownNumbers.append({ mapping.e164, mapping.label });
    m_phone->setOwnNumbers(ownNumbers);
}

void DesktopApp::simulateIncoming()
{
    QStringList ownNumbers;
    for (const auto &mapping : Store::NumberStore(m_database, m_app.region).numbersOf(m_app.clientName))
        ownNumbers << mapping.e164;
    const QString region = m_app.region;
    QString offered;
    if (ownNumbers.isEmpty()) {
        const Store::NumberStore numbers(m_database, region);
        for (const QString &candidate : Phone::SimulateCallDialog::sampleNumbers()) {
            if (!numbers.find(candidate)) {
                offered = candidate;
                break;
            }
        }
    }
    Phone::SimulateCallDialog dialog(
        ownNumbers, m_app.clientName, region, offered,
        [this, region](const QString &e164) {
            const auto added = Store::NumberStore(m_database, region).add(e164, m_app.clientName);
            if (!added)
                return added.error();
            m_numbers->refresh();
            m_clients->refresh();
            showOwnNumbers();
            return QString();
        },
        m_window.get());
    if (!isPhoneSimulated())
        dialog.setPhoneOnTwilio();
    if (dialog.exec() == QDialog::Accepted)
        m_simulatedPhone->simulateIncoming(dialog.from(), dialog.to());
}

void DesktopApp::showSimulatedRoute(const QString &from, const QString &to, const QString &clientName,
                                    const Simulator::CallOutcome &outcome)
{
    // A simulated call that did not ring here (with Twilio the phone never rings for one) would leave no
    // trace on screen: say where the server sent it instead.
    QString route;
    if (clientName == m_app.clientName && !isPhoneSimulated())
        route = tr("Your webhook server rang client %1: this phone. With a Twilio account, this "
                   "phone takes its calls from Twilio, so a simulated call does not ring it here.")
                    .arg(clientName);
    else if (clientName == m_app.clientName)
        route = tr("Your webhook server rang client %1: this phone, which was on a call or not "
                   "ready, so the call was declined.")
                    .arg(clientName);
    else if (!clientName.isEmpty())
        route = tr("Your webhook server rang client %1, not this phone (client %2).")
                    .arg(clientName, m_app.clientName);
    else if (!outcome.said.isEmpty())
        route = tr("Your webhook server rang no client; the caller heard: \u201c%1\u201d")
                    .arg(outcome.said.join(u' '));
    else
        route = tr("Your webhook server rang no client (the call ended %1): map the number to a "
                   "client on the Numbers page.")
                    .arg(outcome.status);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Simulated call"),
                                tr("Simulated call from %1 to %2.\n\n%3\n\nNothing went to Twilio, and "
                                   "nothing was charged.")
                                    .arg(Phone::PhoneView::displayName(from, m_app.region),
                                         Phone::PhoneView::displayName(to, m_app.region), route),
                                QMessageBox::Ok, m_window.get());
    box->setObjectName(QStringLiteral("simulatedRoute"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void DesktopApp::restoreWindow()
{
    const QByteArray geometry = m_settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        m_window->restoreGeometry(geometry);
    // The console opens the first time, and whenever the phone is simulated: there is something to set up.
    m_window->setConsoleVisible(isPhoneSimulated()
                                || m_settings.value(QStringLiteral("window/console"), true).toBool());
}

void DesktopApp::saveWindow()
{
    m_settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    m_settings.setValue(QStringLiteral("window/console"), m_window->isConsoleVisible());
}

} // namespace App
