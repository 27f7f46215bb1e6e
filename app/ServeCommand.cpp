#include "app/ServeCommand.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "app/UnixSignalWatcher.h"
#include "core/common/Result.h"
#include "core/config/ListenAddress.h"
#include "core/phone/RegionCode.h"
#include "core/rest/ApiAccess.h"
#include "core/routing/DialTimeout.h"
#include "core/routing/TollFraudGuard.h"
#include "core/routing/VoicemailLength.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/ForwardedClientAddress.h"
#include "core/server/WebhookServer.h"
#include "core/simulator/AccountResources.h"
#include "core/simulator/DeviceHub.h"
#include "core/simulator/RecordingVault.h"
#include "core/simulator/SimulatedCallApi.h"

#include <QCoreApplication>
#include <QUrl>

namespace App {
namespace {

// A flag's seconds, checked as the settings check them: the number, or the sentence that names the flag.
Result<int> secondsOf(const QCommandLineParser &parser, const QCommandLineOption &option,
                      QString (*problem)(int))
{
    const QString flag = QStringLiteral("--") + option.names().constFirst();
    bool isNumber = false;
    const int seconds = parser.value(option).toInt(&isNumber);
    if (!isNumber)
        return Failure(
            QStringLiteral("%1 must be a whole number of seconds, not '%2'").arg(flag, parser.value(option)));
    if (const QString why = problem(seconds); !why.isEmpty())
        return Failure(flag + QStringLiteral(": ") + why);
    return seconds;
}

} // namespace

ServeCommand::ServeCommand(const CommandContext &context)
    : m_context(context)
{ }

int ServeCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("serve"), QString(),
        QStringLiteral("Runs the webhook and token server without a window, until interrupted.\n"
                       "Webhook signatures are checked with TWILIO_AUTH_TOKEN; tokens are made from\n"
                       "TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_TWIML_APP_SID."));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"), QStringLiteral("Address and port to listen on (default 127.0.0.1:8080)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        QStringLiteral("The base URL Twilio calls (e.g. your tunnel's https://...); signatures are checked "
                       "against it. Default: the listening address."),
        QStringLiteral("URL"));
    const QCommandLineOption regionOption(
        QStringLiteral("region"),
        QStringLiteral("Region for numbers without +CC, and the one outgoing calls reach by default "
                       "(default %1).")
            .arg(Phone::defaultRegion()),
        QStringLiteral("CC"), Phone::defaultRegion());
    const QCommandLineOption allowRegionOption(
        QStringLiteral("allow-region"),
        QStringLiteral("ISO region outgoing calls may reach, e.g. US; repeat for more. Default: the --region "
                       "alone, like Twilio's default Geo Permissions."),
        QStringLiteral("CC"));
    const QCommandLineOption allowNumberTypeOption(
        QStringLiteral("allow-number-type"),
        QStringLiteral("A number type outgoing calls may reach although it is refused by default: %1; "
                       "repeat for more.")
            .arg(Phone::numberTypeNamesRefusedByDefault().join(QStringLiteral(", "))),
        QStringLiteral("TYPE"));
    const QCommandLineOption dialTimeoutOption(
        QStringLiteral("dial-timeout"),
        QStringLiteral("Seconds a call rings before it goes to voicemail (a call to one of the numbers) or "
                       "ends unanswered (a call placed), from %1 to %2 (default %3).")
            .arg(Routing::DialTimeout::minSeconds)
            .arg(Routing::DialTimeout::maxSeconds)
            .arg(Routing::DialTimeout::defaultSeconds),
        QStringLiteral("SECONDS"), QString::number(Routing::DialTimeout::defaultSeconds));
    const QCommandLineOption voicemailLengthOption(
        QStringLiteral("voicemail-length"),
        QStringLiteral("Longest voicemail a caller may leave, in seconds, from %1 to %2 (default %3).")
            .arg(Routing::VoicemailLength::minSeconds)
            .arg(Routing::VoicemailLength::maxSeconds)
            .arg(Routing::VoicemailLength::defaultSeconds),
        QStringLiteral("SECONDS"), QString::number(Routing::VoicemailLength::defaultSeconds));
    const QCommandLineOption transcribeOption(
        QStringLiteral("transcribe-voicemail"),
        QStringLiteral("Have Twilio transcribe each voicemail (billed per minute; English only)."));
    const QCommandLineOption callControlOption(
        QStringLiteral("call-control"),
        QStringLiteral("Hold, transfer and added parties: each call goes through a conference of its own, "
                       "which Twilio bills per participant-minute. Needs the account's REST access."));
    // Gone: a calling code allowed every country that shares it (1 is also Jamaica). Kept to say so.
    QCommandLineOption allowCountryOption(QStringLiteral("allow-country"), QString(), QStringLiteral("CODE"));
    allowCountryOption.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption insecureOption(
        QStringLiteral("insecure-skip-signature-check"),
        QStringLiteral("Accept webhooks without a valid X-Twilio-Signature. Local experiments only."));
    const QCommandLineOption threadsOption(
        QStringLiteral("threads"),
        QStringLiteral("Threads that serve requests, 1 to 64 (default: one per core, at most 4)."),
        QStringLiteral("N"));
    const QCommandLineOption trustedProxyOption(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("Address or subnet (e.g. 127.0.0.1, 10.0.0.0/8) of a reverse proxy whose "
                       "X-Forwarded-For or Forwarded header names the client, for POST /token's limits; "
                       "repeat for more. Default: none, every such header is ignored."),
        QStringLiteral("ADDRESS[/BITS]"));
    const QCommandLineOption synchronousOption(
        QStringLiteral("sqlite-synchronous"),
        QStringLiteral("When a webhook's call-log event is durable, and the webhook answered: normal "
                       "(default; once written to the call journal next to the database, which survives a "
                       "crash of the process) or full (once committed with an fsync, which also survives a "
                       "power loss; slower)."),
        QStringLiteral("MODE"), QStringLiteral("normal"));
    const QCommandLineOption simulateTwilioOption(
        QStringLiteral("simulate-twilio"),
        QStringLiteral("Play Twilio too, for trying a team setup without an account: phones signed in to\n"
                       "this server ring and call through its simulator, and POST /simulator/incoming\n"
                       "(HTTP Basic: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, JSON {\"from\", \"to\"})\n"
                       "places a call to one of the numbers. Nothing reaches Twilio."));
    parser.addOptions({ listenOption, publicUrlOption, regionOption, allowRegionOption, allowNumberTypeOption,
                        transcribeOption, callControlOption, dialTimeoutOption, voicemailLengthOption,
                        allowCountryOption, threadsOption, synchronousOption, trustedProxyOption,
                        insecureOption, simulateTwilioOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    Server::ServerSettings settings;
    const auto listen = Config::ListenAddress::parse(parser.value(listenOption));
    if (!listen)
        return parser.usageError(err, QStringLiteral("--listen: ") + listen.error());
    settings.address = listen->address;
    settings.port = listen->port;
    if (parser.isSet(publicUrlOption)) {
        const QUrl url(parser.value(publicUrlOption), QUrl::StrictMode);
        if (!url.isValid()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
            return parser.usageError(err,
                                     QStringLiteral("--public-url must be an http(s) URL without query, like "
                                                    "https://example.ngrok.app"));
        settings.publicBaseUrl = parser.value(publicUrlOption);
    }
    if (const QString problem = Routing::TollFraudGuard::regionProblem(parser.value(regionOption));
        !problem.isEmpty())
        return parser.usageError(err, QStringLiteral("--region: ") + problem);
    settings.routing.defaultRegion = Phone::RegionCode::normalized(parser.value(regionOption));
    if (parser.isSet(allowCountryOption))
        return parser.usageError(
            err,
            QStringLiteral("--allow-country is replaced by --allow-region, which takes ISO regions: a "
                           "calling code such as 1 also allowed Jamaica. Write --allow-region US (repeat "
                           "it for more regions)"));
    const auto regions = Routing::TollFraudGuard::parseRegions(parser.values(allowRegionOption));
    if (!regions)
        return parser.usageError(err, QStringLiteral("--allow-region: ") + regions.error());
    settings.routing.allowedRegions = *regions;
    const auto types = Routing::TollFraudGuard::parseNumberTypes(parser.values(allowNumberTypeOption));
    if (!types)
        return parser.usageError(err, QStringLiteral("--allow-number-type: ") + types.error());
    settings.routing.allowedNumberTypes = *types;
    const auto dialTimeout = secondsOf(parser, dialTimeoutOption, &Routing::DialTimeout::problem);
    if (!dialTimeout)
        return parser.usageError(err, dialTimeout.error());
    settings.routing.dialTimeout = *dialTimeout;
    const auto voicemailLength = secondsOf(parser, voicemailLengthOption, &Routing::VoicemailLength::problem);
    if (!voicemailLength)
        return parser.usageError(err, voicemailLength.error());
    settings.routing.voicemailMaxLength = *voicemailLength;
    settings.routing.transcribeVoicemail = parser.isSet(transcribeOption);
    settings.routing.callControl = parser.isSet(callControlOption);
    if (parser.isSet(threadsOption)) {
        bool ok = false;
        settings.requestThreads = parser.value(threadsOption).toInt(&ok);
        if (!ok || settings.requestThreads < 1 || settings.requestThreads > 64)
            return parser.usageError(err,
                                     QStringLiteral("--threads takes a number from 1 to 64, not '%1'")
                                         .arg(parser.value(threadsOption)));
    }
    const auto synchronous = Store::DatabaseLocation::synchronousFromName(parser.value(synchronousOption));
    if (!synchronous)
        return parser.usageError(err,
                                 QStringLiteral("--sqlite-synchronous takes normal or full, not '%1'")
                                     .arg(parser.value(synchronousOption)));
    for (const QString &proxy : parser.values(trustedProxyOption)) {
        const auto subnet = Server::ForwardedClientAddress::parseSubnet(proxy);
        if (!subnet)
            return parser.usageError(err, QStringLiteral("--trusted-proxy: ") + subnet.error());
        settings.trustedProxies.append(*subnet);
    }
    settings.verifySignatures = !parser.isSet(insecureOption);
    settings.account = Config::TwilioAccount::fromEnvironment(m_context.environment);
    // Where the voicemail phones play and delete is fetched: Twilio, unless tests or a proxy say otherwise.
    if (const QString api = m_context.environment.value(Rest::ApiAccess::baseUrlVariable()); !api.isEmpty()) {
        settings.twilioApiUrl = QUrl(api, QUrl::StrictMode);
        if (const QString problem = Rest::ApiAccess::baseUrlProblem(settings.twilioApiUrl);
            !problem.isEmpty()) {
            err << programName() << " serve: " << problem << " (" << Rest::ApiAccess::baseUrlVariable()
                << ")\n";
            return ExitCode::failure;
        }
    }
    if (settings.verifySignatures && settings.account.authToken.isEmpty()) {
        err << programName()
            << " serve: TWILIO_AUTH_TOKEN is not set: it is needed to check Twilio's webhook "
               "signatures\n";
        return ExitCode::failure;
    }
    if (const QStringList problems = settings.account.problemsForAccessToken(); !problems.isEmpty())
        err << programName()
            << " serve: POST /token cannot issue access tokens: " << problems.join(QStringLiteral("; "))
            << '\n';
    err.flush(); // now, not when the server stops

    std::shared_ptr<Simulator::DeviceHub> devices;
    std::shared_ptr<Simulator::RecordingVault> recordings;
    std::shared_ptr<Simulator::SimulatedCallApi> simulatedCalls;
    if (parser.isSet(simulateTwilioOption)) {
        if (settings.account.authToken.isEmpty() || settings.account.accountSid.isEmpty()) {
            err << programName()
                << " serve: --simulate-twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (made-up values "
                   "will do): the simulator signs its webhooks with them, and they guard its routes\n";
            return ExitCode::failure;
        }
        devices = std::make_shared<Simulator::DeviceHub>();
        settings.simulatedTwilio = devices;
        recordings = std::make_shared<Simulator::RecordingVault>();
        settings.simulatedRecordings = recordings;
        simulatedCalls = std::make_shared<Simulator::SimulatedCallApi>(nullptr);
        settings.simulatedCalls = simulatedCalls;
        const auto accountOptions = Simulator::AccountResources::optionsFrom(
            settings.account.accountSid,
            m_context.environment.value(QStringLiteral("SWITCHBOARD_SIMULATED_ACCOUNT")),
            m_context.environment.value(QStringLiteral("SWITCHBOARD_SIMULATED_NUMBERS")));
        if (!accountOptions) {
            err << programName() << " serve: " << accountOptions.error() << '\n';
            return ExitCode::failure;
        }
        settings.simulatedAccount = std::make_shared<Simulator::AccountResources>(*accountOptions);
    }

    const auto database = m_context.openDatabase(QStringLiteral("serve"), *synchronous);
    if (!database)
        return ExitCode::failure;
    Server::WebhookServer server(database, settings);
    const auto port = server.start();
    if (!port) {
        err << programName() << " serve: " << port.error() << '\n';
        return ExitCode::failure;
    }
    if (devices) {
        Simulator::SimulatorSettings simulated;
        simulated.serverUrl = server.localUrl();
        simulated.publicBaseUrl = server.publicBaseUrl();
        simulated.authToken = settings.account.authToken;
        simulated.accountSid = settings.account.accountSid;
        simulated.applicationSid = settings.account.twimlAppSid;
        simulated.region = settings.routing.defaultRegion;
        simulated.recordings = recordings;
        simulated.apiBaseUrl = server.publicBaseUrl();
        devices->start(simulated);
        simulatedCalls->setSimulator(devices->simulator());
        out << "Playing Twilio (--simulate-twilio): phones signed in here ring through the simulator; "
               "nothing reaches Twilio.\n"
            << "  Its REST API (recordings, calls, the account's numbers, apps and keys):\n"
               "    SWITCHBOARD_TWILIO_API_URL="
            << server.publicBaseUrl() << '\n';
    }
    out << "Listening on " << server.localUrl().toString() << "; Twilio's URLs:\n"
        << "  A call comes in:   " << server.publicBaseUrl() << Routing::WebhookPaths::incoming() << '\n'
        << "  TwiML App voice:   " << server.publicBaseUrl() << Routing::WebhookPaths::outgoing() << '\n'
        << "  Status callback:   " << server.publicBaseUrl() << Routing::WebhookPaths::status() << '\n';
    QStringList refusedTypes = Phone::numberTypeNamesRefusedByDefault();
    for (const Phone::NumberType type : settings.routing.allowedNumberTypes)
        refusedTypes.removeAll(Phone::numberTypeName(type));
    const Routing::TollFraudGuard guard(settings.routing.defaultRegion, settings.routing.allowedRegions,
                                        settings.routing.allowedNumberTypes);
    out << "Outgoing calls reach " << guard.regions().join(QStringLiteral(", ")) << " only"
        << (refusedTypes.isEmpty() ? QString()
                                   : QStringLiteral("; never ") + refusedTypes.join(QStringLiteral(", ")))
        << " (--allow-region, --allow-number-type).\n";
    out << "Calls ring for " << settings.routing.dialTimeout << " s; voicemail takes up to "
        << settings.routing.voicemailMaxLength << " s"
        << (settings.routing.transcribeVoicemail ? ", transcribed by Twilio" : "")
        << " (--dial-timeout, --voicemail-length, --transcribe-voicemail).\n";
    out << (settings.routing.callControl
                ? "Call control is on: each call goes through a conference of its own (--call-control).\n"
                : "Call control is off: calls are connected directly, without hold or transfer "
                  "(--call-control).\n");
    out.flush();

    UnixSignalWatcher terminationWatcher;
    QObject::connect(&terminationWatcher, &UnixSignalWatcher::terminationRequested, qApp,
                     [&](int signalNumber) {
                         err << programName() << " serve: signal " << signalNumber << ", shutting down\n";
                         err.flush();
                         server.stop();
                         QCoreApplication::exit(ExitCode::success);
                     });
    return QCoreApplication::exec();
}

} // namespace App
