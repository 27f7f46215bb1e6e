#include "app/SimulateCommand.h"

#include "app/AutoAnsweringDevice.h"
#include "app/CallScript.h"
#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/config/SecretStore.h"
#include "core/config/TwilioAccount.h"
#include "core/config/WebhookSigningKey.h"
#include "core/phone/ClientAddress.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/SimulatedCallApi.h"
#include "core/webhook/CallStatus.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QSettings>
#include <QUrl>

#include <memory>
#include <optional>

namespace App {

namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

constexpr char actionsHelp[]
    = "Usage: %1 simulate incoming --from NUMBER --to NUMBER [options]\n"
      "       %1 simulate outgoing --client NAME --to NUMBER [options]\n\n"
      "Plays Twilio's part of one call against a Switchboard server and prints every request, its\n"
      "answer and the outcome. Without --server, a server is started for the occasion on the database.\n"
      "Run `%1 simulate incoming --help` for the options.\n";

// Seconds as the command line gives them ("1", "0.5"): simulated time.
std::optional<std::chrono::milliseconds> seconds(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 24 * 3600)
        return std::nullopt;
    return std::chrono::milliseconds(qRound64(value * 1000));
}

// Parameters as name=value, several to a line.
void printParameters(QTextStream &out, const Webhook::FormParameters &parameters)
{
    QString line;
    for (const auto &[name, value] : parameters.pairs()) {
        const QString item = name + u'=' + value;
        if (!line.isEmpty() && line.size() + item.size() > 96) {
            out << "    " << line << '\n';
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral("  ")) + item;
    }
    if (!line.isEmpty())
        out << "    " << line << '\n';
}

// The key requests to a running server are signed with, and what to call it in messages (never the key).
struct ServerKey
{
    QByteArray secret;
    QString description;
    bool desktopApps = false; // read from this user's desktop app's settings and secret store
};

// Whether server is where this user's desktop app listens: this machine, its listening address, or the
// public URL its Settings page names. Only there is the desktop app's own key sent.
bool isDesktopAppsServer(const QUrl &server, const Config::AppSettings &app)
{
    const QHostAddress host(server.host());
    if (server.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || host.isLoopback()
        || (!host.isNull() && host == app.listen.address))
        return true;
    const QUrl publicUrl(app.publicUrl);
    return !app.publicUrl.isEmpty() && publicUrl.host().compare(server.host(), Qt::CaseInsensitive) == 0
        && publicUrl.port(publicUrl.scheme() == QLatin1String("https") ? 443 : 80)
        == server.port(server.scheme() == QLatin1String("https") ? 443 : 80);
}

// TWILIO_AUTH_TOKEN when it is set (the key a `switchboard serve` checks with); otherwise, for the desktop
// app's server, the key the desktop app checks with: the auth token saved in Settings, or the local key it
// made on its first start. Both are read from the same settings and secret store as the app's.
Result<ServerKey> serverKey(const QUrl &server, const Config::AppSettings &app,
                            const QProcessEnvironment &environment)
{
    const Config::TwilioAccount fromEnvironment = Config::TwilioAccount::fromEnvironment(environment);
    if (!fromEnvironment.authToken.isEmpty())
        return ServerKey { fromEnvironment.authToken, QStringLiteral("TWILIO_AUTH_TOKEN"), false };
    if (!isDesktopAppsServer(server, app))
        return Failure(QStringLiteral(
            "TWILIO_AUTH_TOKEN is not set: the server checks Twilio's signatures with its auth token, so "
            "the simulator needs it to sign (the desktop app's own key is used only for a server on this "
            "computer or at the public URL in its Settings)"));
    QSettings settings;
    Config::SecretStore secrets = Config::SecretStore::ofThisUser();
    const auto account = Config::AccountSettings(settings, secrets).load();
    if (!account)
        return Failure(
            QStringLiteral("the desktop app's signing key could not be read: %1").arg(account.error()));
    const auto key = Config::WebhookSigningKey::find(*account, secrets);
    if (!key)
        return Failure(
            QStringLiteral("the desktop app's signing key could not be read: %1").arg(key.error()));
    if (!key->has_value())
        return Failure(QStringLiteral(
            "TWILIO_AUTH_TOKEN is not set, and this user's desktop app has no signing key yet (it makes "
            "one on its first start): start the desktop app, or set TWILIO_AUTH_TOKEN to the auth token "
            "the server checks signatures with"));
    return ServerKey { (*key)->secret(), (*key)->description(), true };
}

} // namespace

SimulateCommand::SimulateCommand(const CommandContext &context)
    : m_context(context)
{ }

int SimulateCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    const QString action = arguments.value(1);
    const bool incoming = action == QLatin1String("incoming");
    if (!incoming && action != QLatin1String("outgoing"))
        return SubcommandParser::answerWithoutAction(out, err, QStringLiteral("simulate"), action,
                                                     QString::fromLatin1(actionsHelp).arg(programName()));

    SubcommandParser parser(
        QStringLiteral("simulate ") + action, QString(),
        incoming
            ? QStringLiteral("An outside phone calls one of our numbers: Twilio's webhooks, signed, to the\n"
                             "server; the client it rings answers after --answer-after seconds (or never).")
            : QStringLiteral(
                "A client places a call, as the Voice SDK's connect() would: Twilio's webhooks,\n"
                "signed, to the server; a dialled number answers after --far-end-answers-after."));
    const QCommandLineOption fromOption(QStringLiteral("from"), QStringLiteral("The calling phone's number."),
                                        QStringLiteral("NUMBER"));
    const QCommandLineOption clientOption(QStringLiteral("client"), QStringLiteral("The client that calls."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption toOption(
        QStringLiteral("to"),
        incoming ? QStringLiteral("The number called (one of ours).")
                 : QStringLiteral("The number or client:NAME to call, in any usual form."),
        QStringLiteral("NUMBER"));
    const QCommandLineOption callerIdOption(
        QStringLiteral("caller-id"),
        QStringLiteral("The client's own number to show (the seed's callerPhoneNumber)."),
        QStringLiteral("NUMBER"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("A running server, e.g. http://127.0.0.1:8080. Requests are signed with\n"
                       "TWILIO_AUTH_TOKEN when it is set (a `serve`'s); otherwise, for this user's\n"
                       "desktop app (on this computer, or at its public URL), with the key it checks:\n"
                       "its account's auth token, or its local key from the secret store. Default: a\n"
                       "server started for the occasion."),
        QStringLiteral("URL"));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        QStringLiteral("The URL the server checks signatures against (its --public-url). Default: for\n"
                       "the desktop app, the public URL on its Settings page; otherwise --server."),
        QStringLiteral("URL"));
    const QCommandLineOption answerAfterOption(
        QStringLiteral("answer-after"),
        QStringLiteral("A ringing client answers after S seconds (default 1)."), QStringLiteral("S"),
        QStringLiteral("1"));
    const QCommandLineOption noAnswerOption(QStringLiteral("no-answer"),
                                            QStringLiteral("A ringing client never answers."));
    const QCommandLineOption farEndAnswerOption(
        QStringLiteral("far-end-answers-after"),
        QStringLiteral("A dialled number answers after S seconds (default 2)."), QStringLiteral("S"),
        QStringLiteral("2"));
    const QCommandLineOption farEndBusyOption(QStringLiteral("far-end-busy"),
                                              QStringLiteral("A dialled number is busy."));
    const QCommandLineOption talkOption(
        QStringLiteral("talk"),
        QStringLiteral("The client hangs up S seconds after answering, or after the call control "
                       "steps (default 2)."),
        QStringLiteral("S"), QStringLiteral("2"));
    // Call control, scripted: what the answering client does during an incoming call.
    const QCommandLineOption holdAfterOption(
        QStringLiteral("hold-after"),
        QStringLiteral("Call control: the client holds the caller S seconds after answering."),
        QStringLiteral("S"));
    const QCommandLineOption resumeAfterOption(QStringLiteral("resume-after"),
                                               QStringLiteral("...and takes them off hold S seconds later."),
                                               QStringLiteral("S"));
    const QCommandLineOption transferToOption(
        QStringLiteral("transfer-to"),
        QStringLiteral("Call control: then the client transfers the call to ADDRESS (client:NAME or a "
                       "number); blind unless --warm."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption warmOption(
        QStringLiteral("warm"),
        QStringLiteral("With --transfer-to: the client talks to ADDRESS first, then hands the call over."));
    const QCommandLineOption addPartyOption(
        QStringLiteral("add-party"),
        QStringLiteral("Call control: the client adds ADDRESS to the call, and merges once it answered."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption secondCallOption(
        QStringLiteral("second-call-from"),
        QStringLiteral("A second caller rings --to while the client is on the call (call waiting)."),
        QStringLiteral("NUMBER"));
    const QCommandLineOption timeScaleOption(
        QStringLiteral("time-scale"),
        QStringLiteral("Let simulated time pass N times faster (Dial timeouts, pauses, delays)."),
        QStringLiteral("N"), QStringLiteral("1"));
    if (incoming)
        parser.addOptions({ fromOption, toOption, answerAfterOption, noAnswerOption, holdAfterOption,
                            resumeAfterOption, transferToOption, warmOption, addPartyOption,
                            secondCallOption });
    else
        parser.addOptions({ clientOption, toOption, callerIdOption, farEndAnswerOption, farEndBusyOption,
                            answerAfterOption });
    parser.addOptions({ talkOption, serverOption, publicUrlOption, timeScaleOption });
    if (const int done = parser.parse(arguments.mid(1), out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    const QString caller = parser.value(incoming ? fromOption : clientOption).trimmed();
    const QString callee = parser.value(toOption).trimmed();
    if (caller.isEmpty())
        return parser.usageError(
            err, incoming ? QStringLiteral("--from is missing") : QStringLiteral("--client is missing"));
    if (callee.isEmpty())
        return parser.usageError(err, QStringLiteral("--to is missing"));
    const auto answerAfter = seconds(parser.value(answerAfterOption));
    const auto talk = seconds(parser.value(talkOption));
    // Options of the other action are not defined here: their defaults stand.
    const auto farEndAnswer = incoming ? seconds(farEndAnswerOption.defaultValues().constFirst())
                                       : seconds(parser.value(farEndAnswerOption));
    const bool noAnswer = incoming && parser.isSet(noAnswerOption);
    if (!answerAfter)
        return parser.usageError(err, QStringLiteral("--answer-after takes seconds, like 1 or 0.5"));
    if (!talk)
        return parser.usageError(err, QStringLiteral("--talk takes seconds, like 2"));
    if (!farEndAnswer)
        return parser.usageError(err, QStringLiteral("--far-end-answers-after takes seconds, like 2"));
    if (noAnswer && parser.isSet(answerAfterOption))
        return parser.usageError(err, QStringLiteral("--answer-after and --no-answer exclude each other"));
    // The script, for incoming calls only (the options of outgoing calls do not include it).
    CallScript::Steps steps;
    if (incoming) {
        for (const auto &[option, slot] : { qMakePair(&holdAfterOption, &steps.holdAfter),
                                            qMakePair(&resumeAfterOption, &steps.resumeAfter) }) {
            if (!parser.isSet(*option))
                continue;
            *slot = seconds(parser.value(*option));
            if (!*slot)
                return parser.usageError(
                    err, QStringLiteral("--%1 takes seconds, like 2").arg(option->names().constFirst()));
        }
        steps.transferTo = parser.value(transferToOption).trimmed();
        steps.warm = parser.isSet(warmOption);
        steps.addParty = parser.value(addPartyOption).trimmed();
        steps.secondCallFrom = parser.value(secondCallOption).trimmed();
        if (steps.resumeAfter && !steps.holdAfter)
            return parser.usageError(err, QStringLiteral("--resume-after goes with --hold-after"));
        if (steps.warm && steps.transferTo.isEmpty())
            return parser.usageError(err, QStringLiteral("--warm goes with --transfer-to"));
        if (!steps.transferTo.isEmpty() && !steps.addParty.isEmpty())
            return parser.usageError(err, QStringLiteral("--transfer-to and --add-party exclude each other"));
        if ((parser.isSet(transferToOption) && steps.transferTo.isEmpty())
            || (parser.isSet(addPartyOption) && steps.addParty.isEmpty())
            || (parser.isSet(secondCallOption) && steps.secondCallFrom.isEmpty()))
            return parser.usageError(err,
                                     QStringLiteral("--transfer-to, --add-party and --second-call-from take "
                                                    "an address or number"));
        if (!steps.isEmpty() && noAnswer)
            return parser.usageError(
                err, QStringLiteral("a call nobody answers has nothing to script: drop --no-answer"));
        if (!steps.isEmpty() && parser.isSet(serverOption))
            return parser.usageError(
                err,
                QStringLiteral("the call control options act in this process, on a server "
                               "started for the occasion: drop --server"));
    }
    bool scaleOk = false;
    const double timeScale = parser.value(timeScaleOption).toDouble(&scaleOk);
    if (!scaleOk || timeScale < 0.01 || timeScale > 10000)
        return parser.usageError(err, QStringLiteral("--time-scale takes a number from 0.01 to 10000"));

    // Numbers without +CC, and the server started for the occasion, as the app's Settings page says.
    const Config::AppSettings app = Config::AppSettings::load(QSettings());
    Simulator::SimulatorSettings settings;
    settings.region = app.region;
    settings.timeScale = timeScale;
    settings.farEndAnswerAfter = *farEndAnswer;
    settings.farEndBusy = !incoming && parser.isSet(farEndBusyOption);

    // Against a running server, sign as Twilio would, with the key that server checks (serverKey());
    // otherwise start one whose checks use a token made up for the occasion, so that the whole path runs,
    // signatures included.
    std::unique_ptr<Server::WebhookServer> localServer;
    std::shared_ptr<Store::Database> database;
    // The local server changes the simulator's own calls (call control's REST requests) here.
    auto callApi = std::make_shared<Simulator::SimulatedCallApi>(nullptr);
    Server::ServerSettings actionSettings; // the local server's, as it sees them once it listens
    std::unique_ptr<Server::CallActions> actions;
    QString serverKeyDescription;
    bool keyIsDesktopApps = false;
    if (parser.isSet(serverOption)) {
        const QUrl server(parser.value(serverOption), QUrl::StrictMode);
        if (!server.isValid()
            || (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https"))
            || server.host().isEmpty())
            return parser.usageError(
                err, QStringLiteral("--server must be an http(s) URL, like http://127.0.0.1:8080"));
        const auto key = serverKey(server, app, m_context.environment);
        if (!key) {
            err << programName() << " simulate: " << key.error() << '\n';
            return ExitCode::failure;
        }
        serverKeyDescription = key->description;
        keyIsDesktopApps = key->desktopApps;
        settings.serverUrl = server;
        settings.authToken = key->secret;
        // The desktop app checks signatures against its public URL when it has one, as Twilio signs.
        if (parser.isSet(publicUrlOption))
            settings.publicBaseUrl = parser.value(publicUrlOption);
        else if (keyIsDesktopApps && !app.publicUrl.isEmpty())
            settings.publicBaseUrl = app.publicUrl;
        else
            settings.publicBaseUrl = server.toString();
        out << "Signing with " << serverKeyDescription << " for " << settings.publicBaseUrl << '\n';
    } else {
        if (parser.isSet(publicUrlOption))
            return parser.usageError(err, QStringLiteral("--public-url goes with --server"));
        database = m_context.openDatabase(QStringLiteral("simulate"));
        if (!database)
            return ExitCode::failure;
        Server::ServerSettings serverSettings;
        serverSettings.routing = app.routing(); // the desktop app's, as its own server has them
        serverSettings.port = 0;
        serverSettings.requestThreads = 1;
        serverSettings.account.authToken = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        serverSettings.account.accountSid = QStringLiteral("AC") + QString(32, u'0'); // the simulator's
        serverSettings.simulatedCalls = callApi;
        if (!steps.isEmpty() && !serverSettings.routing.callControl) {
            serverSettings.routing.callControl = true;
            out << "Call control is on for this call (the options ask for it)\n";
        }
        localServer = std::make_unique<Server::WebhookServer>(database, serverSettings);
        const auto port = localServer->start();
        if (!port) {
            err << programName() << " simulate: " << port.error() << '\n';
            return ExitCode::failure;
        }
        settings.serverUrl = localServer->localUrl();
        settings.authToken = serverSettings.account.authToken;
        settings.accountSid = serverSettings.account.accountSid;
        actionSettings = serverSettings;
        actionSettings.publicBaseUrl = localServer->publicBaseUrl();
        actionSettings.ownUrl = localServer->localUrl();
        actions = std::make_unique<Server::CallActions>(database, actionSettings);
        out << "No --server given: started one on " << settings.serverUrl.toString() << " for this call\n";
    }

    AutoAnsweringDevice device(out, noAnswer ? std::nullopt : answerAfter, *talk, timeScale);
    Simulator::CallSimulator simulator(settings, &device);
    callApi->setSimulator(&simulator);
    // Every call placed is followed to its end before the command ends: the caller's, and a second one.
    int underWay = 0;
    int exitCode = ExitCode::success;
    const auto oneEnded = [&] {
        if (--underWay > 0)
            return;
        if (localServer)
            localServer->stop(); // writes the call log out
        QCoreApplication::exit(exitCode);
    };
    std::unique_ptr<CallScript> script;
    if (!steps.isEmpty()) {
        script = std::make_unique<CallScript>(out, *actions, steps, timeScale, [&](const QString &from) {
            Simulator::SimulatedCall *second = simulator.placeIncoming(from, callee);
            ++underWay;
            QObject::connect(second, &Simulator::SimulatedCall::progressed, second,
                             [&out](const QString &what) {
                                 out << "  [second call] " << what << '\n';
                                 out.flush();
                             });
            QObject::connect(second, &Simulator::SimulatedCall::finished, second,
                             [&out, oneEnded](const Simulator::CallOutcome &outcome) {
                                 out << "  [second call] outcome: "
                                     << Store::CallResults::name(outcome.result)
                                     << " (Twilio's status: " << outcome.status << ")\n";
                                 out.flush();
                                 oneEnded();
                             });
        });
        device.setFirstAnswered([&](Simulator::SimulatedCall *leg, const QString &clientName) {
            script->start(leg, clientName,
                          [&device, leg = QPointer<Simulator::SimulatedCall>(leg)](bool onCall) {
                              if (onCall && leg)
                                  device.hangUpAfterTalking(leg);
                              device.releaseTalks();
                          });
        });
    }
    Simulator::SimulatedCall *call = nullptr;
    if (incoming) {
        call = simulator.placeIncoming(caller, callee);
    } else {
        Webhook::FormParameters parameters;
        if (parser.isSet(callerIdOption)) // the seed's way to choose the caller ID
            parameters.append(QStringLiteral("callerPhoneNumber"), parser.value(callerIdOption));
        call = simulator.placeOutgoing(caller, callee, parameters);
        device.hangUpAfterTalking(call);
    }
    out << (incoming ? QStringLiteral("Incoming call %1 from %2 to %3\n").arg(call->callSid(), caller, callee)
                     : QStringLiteral("%1 calls %2 (%3)\n")
                           .arg(Phone::ClientAddress::addressOf(caller), callee, call->callSid()));
    out.flush();

    QObject::connect(
        call, &Simulator::SimulatedCall::exchanged, call, [&out](const Simulator::HttpExchange &exchange) {
            out << "-> " << exchange.method << ' ' << exchange.url << '\n';
            printParameters(out, exchange.parameters);
            if (!exchange.error.isEmpty())
                out << "<- " << exchange.error << '\n';
            else
                out << "<- " << exchange.status
                    << (exchange.body.isEmpty() ? QString() : u' ' + QString::fromUtf8(exchange.body))
                    << '\n';
            out.flush();
        });
    QObject::connect(call, &Simulator::SimulatedCall::progressed, call, [&out](const QString &what) {
        out << "  " << what << '\n';
        out.flush();
    });
    // Twilio reports a call the server refused (a <Say> and a <Hangup>) as "completed": what it said, and
    // whether it dialled or recorded anyone, tell the real outcome.
    ++underWay;
    QObject::connect(
        call, &Simulator::SimulatedCall::finished, call, [&](const Simulator::CallOutcome &outcome) {
            const bool refused = outcome.problems.isEmpty() && outcome.dialStatus.isEmpty()
                && !outcome.recorded && !CallStatuses::is(outcome.status, CallStatus::Canceled)
                && outcome.result != Store::CallResult::Answered; // call control: in a conference
            if (!outcome.problems.isEmpty() || CallStatuses::is(outcome.status, CallStatus::Failed))
                out << "Outcome: failed"
                    << (outcome.problems.isEmpty() ? QString()
                                                   : QStringLiteral(": ") + outcome.problems.first())
                    << '\n';
            else if (refused)
                out << "Outcome: refused by the server"
                    << (outcome.said.isEmpty() ? QString()
                                               : QStringLiteral(", which said: ") + outcome.said.join(u' '))
                    << " (Twilio's status: " << outcome.status << ")\n";
            else
                out << "Outcome: " << Store::CallResults::name(outcome.result)
                    << (outcome.result == Store::CallResult::Answered
                            ? QStringLiteral(", %1 s").arg(outcome.durationSeconds)
                            : QString())
                    << " (Twilio's status: " << outcome.status << ")\n";
            for (const QString &problem : outcome.problems)
                err << programName() << " simulate: " << problem << '\n';
            exitCode = outcome.problems.isEmpty() && !refused
                    && !CallStatuses::is(outcome.status, CallStatus::Failed)
                ? ExitCode::success
                : ExitCode::failure;
            oneEnded();
        });
    // A refusal of the desktop app's key says which key was tried, and what to do when the server is not
    // the desktop app.
    bool signatureRefused = false;
    QObject::connect(call, &Simulator::SimulatedCall::exchanged, call,
                     [&signatureRefused](const Simulator::HttpExchange &exchange) {
                         signatureRefused = signatureRefused || exchange.status == 403;
                     });
    QObject::connect(call, &Simulator::SimulatedCall::finished, call, [&](const Simulator::CallOutcome &) {
        if (signatureRefused && keyIsDesktopApps)
            err << programName() << " simulate: the server refused the signature made with "
                << serverKeyDescription
                << ": if it is not this user's desktop app, set TWILIO_AUTH_TOKEN to the auth token it "
                   "checks signatures with\n";
    });
    QCoreApplication::exec();
    out.flush();
    err.flush();
    return exitCode;
}

} // namespace App
