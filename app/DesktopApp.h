#pragma once

// The desktop app: the settings, the database, the embedded webhook server, the phone's engine (Twilio
// when an account is configured, the simulated device otherwise), one instance per user, and the window
// with its console pages, wired together.

#include "app/CommandContext.h"
#include "core/config/AppSettings.h"
#include "core/config/TwilioAccount.h"
#include "core/rest/ApiAccess.h"
#include "core/server/ServerSettings.h"
#include "core/team/ServerAccount.h"

#include <QCoreApplication>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace Config {
class SecretStore;
} // namespace Config
namespace Engine {
class SimulatedPhone;
class SoftphoneEngine;
} // namespace Engine
namespace Server {
class CallActions;
class WebhookServer;
} // namespace Server
namespace Simulator {
struct CallOutcome;
class RecordingVault;
class SimulatedCallApi;
} // namespace Simulator
namespace Store {
class Database;
struct Voicemail;
} // namespace Store

namespace Admin {
struct AccountContext;
class CallLogPage;
class ClientsPage;
class NumbersPage;
class ServerPage;
class SettingsPage;
} // namespace Admin

namespace Phone {
class PhoneView;
class RecentCallsList;
} // namespace Phone

namespace Ui {
class MainWindow;
} // namespace Ui

namespace App {

class InstanceChannel;
class TeamPhone;

class DesktopApp
{
    Q_DECLARE_TR_FUNCTIONS(DesktopApp) // not a QObject, but its texts are translated in its own context

public:
    explicit DesktopApp(const CommandContext &context);
    ~DesktopApp();

    // Before the QApplication exists. Chromium refuses to start its sandbox as root, which would end the
    // app at once: as root, the web engine runs without it, and err gets one line saying so.
    static void allowWebEngineAsRoot(QTextStream &err);

    // Runs until the window closes; numberToDial (from a tel: link) is put in the number field.
    int run(const QString &numberToDial);
    // Everything run() does before the event loop: settings, database, server, phone, and the window, shown.
    // False when the app cannot start (a message box has said why). For run(), and for tests that drive
    // the window as a person would.
    bool start(const QString &numberToDial = QString());
    Ui::MainWindow *window() const { return m_window.get(); }
    // The recordings the simulator's callers left in this run (served as Twilio's REST API serves them).
    const std::shared_ptr<Simulator::RecordingVault> &simulatedRecordings() const { return m_recordings; }

    // The settings page asked for a restart: the caller starts a new process once this one has let go of
    // the instance channel and the port.
    bool restartRequested() const { return m_restart; }

private:
    // Team mode (Settings' team server, or SWITCHBOARD_SERVER_URL): the phone and its settings, signed in
    // to the team's server; no database, webhook server or Twilio secret here.
    bool startInTeam(const Team::ServerAccount &account, const QString &numberToDial);
    // What both modes do once the window is built: tel: links, the window shown, the phone registered.
    void finishStart(const QString &numberToDial);
    std::shared_ptr<Store::Database> openDatabase();
    void adoptPhoneClient();
    void loadAccount();
    // On the configured address, or on any free port when that one is taken (the banner says so).
    void startServer();
    // The auth token, or the local key from the secret store (made on the first start).
    QByteArray signingKey();
    void startPhone();
    void buildWindow();
    void showBanner();
    // What connecting and checking the account need of this app.
    Admin::AccountContext accountContext() const;
    // Connect Twilio account (Settings page, banner), or Disconnect.
    void openAccountDialog(bool connecting);
    // This phone's voicemail tab, and where each message's recording is: at the simulator while this run
    // keeps it, else at Twilio.
    void addVoicemail();
    // Call control on this desktop's own server: the phone holds and resumes its calls in this process,
    // through the server's Server::CallActions, with the account this desktop holds.
    void offerCallControl();
    // Missed calls are counted from the last time Recent was seen, kept in the settings; on the first
    // start, from now.
    void keepSeenMark(Phone::RecentCallsList *recentCalls);
    Result<std::optional<Rest::ApiAccess>> recordingAccess(const Store::Voicemail &message) const;
    // The phone's own numbers (its status line, which line rang) from the mapping.
    void showOwnNumbers();
    void simulateIncoming();
    void showSimulatedRoute(const QString &from, const QString &to, const QString &clientName,
                            const Simulator::CallOutcome &outcome);
    // Without a complete Twilio account the page runs the simulated device.
    bool isPhoneSimulated() const { return !m_tokenProblems.isEmpty(); }
    void restoreWindow();
    void saveWindow();

    const CommandContext &m_context;
    QSettings m_settings;
    std::unique_ptr<InstanceChannel> m_instances;
    std::unique_ptr<Config::SecretStore> m_secrets;
    Config::AppSettings m_app;
    Config::TwilioAccount m_account;
    QStringList m_notes; // for the banner
    QStringList m_tokenProblems; // why the phone is simulated; empty when it uses Twilio
    std::shared_ptr<Store::Database> m_database;
    // The simulator's calls, as Twilio's REST API changes them (call control): made before the server,
    // given the simulator once the phone has one.
    std::shared_ptr<Simulator::SimulatedCallApi> m_simulatedCalls;
    Server::ServerSettings m_serverSettings;
    std::unique_ptr<Server::WebhookServer> m_server;
    Server::ServerSettings m_callControlSettings; // m_serverSettings as the started server sees them
    std::unique_ptr<Server::CallActions> m_callControl;
    // What the simulator's callers leave on this phone, served by the server as Twilio's REST API would.
    std::shared_ptr<Simulator::RecordingVault> m_recordings;
    QString m_portNote; // the port was taken: where the server listens instead
    QString m_startFailure; // why it could not start at all
    std::unique_ptr<TeamPhone> m_team; // in team mode only
    std::unique_ptr<Engine::SoftphoneEngine> m_engine;
    std::unique_ptr<Engine::SimulatedPhone> m_simulatedPhone;
    std::unique_ptr<Ui::MainWindow> m_window;
    Phone::PhoneView *m_phone = nullptr;
    Admin::NumbersPage *m_numbers = nullptr;
    Admin::ClientsPage *m_clients = nullptr;
    Admin::CallLogPage *m_calls = nullptr;
    Admin::SettingsPage *m_settingsPage = nullptr;
    Admin::ServerPage *m_serverPage = nullptr;
    bool m_restart = false;
};

} // namespace App
