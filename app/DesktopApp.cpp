#include "app/DesktopApp.h"

#include "app/ExitCode.h"
#include "app/InstanceChannel.h"
#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"
#include "core/config/TwilioAccount.h"
#include "core/server/WebhookServer.h"
#include "core/store/Database.h"
#include "core/store/NumberStore.h"
#include "ui/MainWindow.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SimulatedPhone.h"
#include "ui/engine/SoftphoneEngine.h"
#include "ui/engine/TokenSource.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"
#include "ui/phone/SimulateCallDialog.h"

#include <QApplication>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

DesktopApp::DesktopApp(const CommandContext &context)
    : m_context(context)
{ }

int DesktopApp::run(const QString &numberToDial)
{
    QSettings settings;
    // The admin pages will edit these; until then QSettings (or its file) is where they live.
    const QString clientName
        = settings.value(QStringLiteral("phone/client"), QStringLiteral("desktop")).toString();
    const QString region = settings.value(QStringLiteral("phone/region"), QStringLiteral("JP")).toString();
    const auto port = quint16(settings.value(QStringLiteral("server/port"), 8080).toUInt());

    InstanceChannel instances;
    if (const auto listening = instances.listen(InstanceChannel::defaultName()); !listening)
        m_context.err << "switchboard: " << listening.error() << " (tel: links will start another window)\n";

    const auto database = m_context.openDatabase(QStringLiteral("desktop app"));
    if (!database) {
        QMessageBox::critical(nullptr, QObject::tr("Switchboard"),
                              QObject::tr("The database could not be opened; see the terminal for why."));
        return ExitCode::failure;
    }

    // The account as the settings hold it (secrets in the keychain, or the user-only file without one);
    // TWILIO_* variables that are set win for this run.
    Config::SecretStore secrets(QStringLiteral("Switchboard"),
                                QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                                    + QStringLiteral("/secrets.json"));
    QStringList notes;
    Config::TwilioAccount saved;
    if (const auto loaded = Config::AccountSettings(settings, secrets).load())
        saved = *loaded;
    else
        notes << QObject::tr("The saved account could not be read: %1").arg(loaded.error());
    if (secrets.backend() == Config::SecretStore::Backend::File)
        notes << QObject::tr("Secrets are kept in %1.").arg(secrets.backendDescription());
    const Config::TwilioAccount account
        = Config::AccountSettings::withEnvironment(saved, m_context.environment);
    Engine::TokenSource tokens(account, clientName);
    const bool simulated = !tokens.problems().isEmpty();

    // The embedded server, on loopback. Without an account, its signatures are checked with a key made up
    // for this run, which only the simulated phone (this process) knows.
    Server::ServerSettings serverSettings;
    serverSettings.port = port;
    serverSettings.routing.defaultRegion = region;
    serverSettings.account = account;
    if (serverSettings.account.authToken.isEmpty())
        serverSettings.account.authToken = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    auto server = std::make_unique<Server::WebhookServer>(database, serverSettings);
    QString serverProblem;
    if (const auto started = server->start(); !started) {
        // The port is taken (another server, a second user): any free one does for the simulated phone
        // and for trying things out; Twilio's URLs must then change, which the banner says.
        serverSettings.port = 0;
        server = std::make_unique<Server::WebhookServer>(database, serverSettings);
        if (const auto fallback = server->start())
            serverProblem = QObject::tr("port %1 is taken (%2), so it listens on %3 instead")
                                .arg(port)
                                .arg(started.error(), server->localUrl().toString());
        else
            serverProblem = QObject::tr("the webhook server could not start: %1").arg(fallback.error());
    }

    Engine::SoftphoneEngine engine;
    Engine::PhoneBridge *bridge = engine.bridge();
    bridge->setDefaultRegion(region);
    std::unique_ptr<Engine::SimulatedPhone> simulatedPhone;
    if (simulated) {
        Simulator::SimulatorSettings simulatorSettings;
        simulatorSettings.serverUrl = server->localUrl();
        simulatorSettings.publicBaseUrl = server->publicBaseUrl();
        simulatorSettings.authToken = serverSettings.account.authToken;
        simulatedPhone = std::make_unique<Engine::SimulatedPhone>(bridge, simulatorSettings);
        bridge->setSimulatedBackend(clientName);
    } else {
        bridge->setTwilioBackend(clientName, tokens.provider(), tokens.renewInterval());
    }

    auto *phone = new PhoneView(bridge, region);
    // The phone's own number: the first enabled one mapped to its client (the status line shows it).
    phone->setOwnAddress(QStringLiteral("client:") + clientName);
    QList<QPair<QString, QString>> ownNumbers;
    for (const auto &mapping : Store::NumberStore(database, region).numbersOf(clientName)) {
        if (!mapping.enabled)
            continue;
        if (ownNumbers.isEmpty())
            phone->setOwnAddress(mapping.e164, mapping.label);
        ownNumbers.append({ mapping.e164, mapping.label });
    }
    phone->setOwnNumbers(ownNumbers);
    phone->setLabelLookup([database, region](const QString &address) {
        const auto mapping = Store::NumberStore(database, region).find(address);
        return mapping ? mapping->label : QString();
    });
    phone->addRecentCalls(new RecentCallsList(database, clientName, region));
    MainWindow window(phone);
    QStringList banner;
    if (simulated) {
        banner << QObject::tr("Simulated phone: no Twilio account is set up, so calls are simulated "
                              "through your own webhook server on %1. Phone > Simulate incoming call "
                              "rings this phone.")
                      .arg(server->localUrl().toString());
    }
    if (!serverProblem.isEmpty())
        banner << serverProblem;
    banner << notes;
    window.setBanner(banner.join(u'\n'),
                     simulated ? QObject::tr("Missing: %1").arg(tokens.problems().join(QStringLiteral("; ")))
                               : QString());
    window.setSimulationEnabled(simulated && server->isListening());

    QObject::connect(phone, &PhoneView::ringing, &window, &MainWindow::announceCall);
    QObject::connect(&window, &MainWindow::simulateIncomingRequested, &window, [&] {
        QStringList ownNumbers;
        for (const auto &mapping : Store::NumberStore(database, region).numbersOf(clientName))
            ownNumbers << mapping.e164;
        SimulateCallDialog dialog(ownNumbers, clientName, &window);
        if (dialog.exec() == QDialog::Accepted && simulatedPhone)
            simulatedPhone->simulateIncoming(dialog.from(), dialog.to());
    });
    QObject::connect(&instances, &InstanceChannel::messageReceived, &window, [&](const QString &message) {
        if (message.startsWith(QLatin1String("dial "))) {
            phone->prepareCall(message.mid(5));
            window.showNormal();
            window.raise();
            window.activateWindow();
        }
    });

    if (!numberToDial.isEmpty())
        phone->prepareCall(numberToDial);
    window.show();
    engine.load();
    bridge->registerPhone();
    const int result = QApplication::exec();
    server->stop();
    return result;
}
