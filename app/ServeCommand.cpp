#include "app/ServeCommand.h"

#include "app/ExitCode.h"
#include "app/SubcommandParser.h"
#include "app/UnixSignalWatcher.h"
#include "core/config/ListenAddress.h"
#include "core/server/ForwardedClientAddress.h"
#include "core/server/WebhookServer.h"

#include <QCoreApplication>
#include <QUrl>

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
    const QCommandLineOption regionOption(QStringLiteral("region"),
                                          QStringLiteral("Region for numbers without +CC (default JP)."),
                                          QStringLiteral("CC"), QStringLiteral("JP"));
    const QCommandLineOption allowCountryOption(
        QStringLiteral("allow-country"),
        QStringLiteral(
            "Country calling code outgoing calls may reach, e.g. 81; repeat for more. Default: all."),
        QStringLiteral("CODE"));
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
    parser.addOptions({ listenOption, publicUrlOption, regionOption, allowCountryOption, threadsOption,
                        trustedProxyOption, insecureOption });
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
    settings.routing.defaultRegion = parser.value(regionOption).toUpper();
    for (const QString &code : parser.values(allowCountryOption)) {
        bool ok = false;
        const int number = QString(code).remove(u'+').toInt(&ok);
        if (!ok || number <= 0 || number > 999)
            return parser.usageError(
                err, QStringLiteral("--allow-country takes a calling code like 81, not '%1'").arg(code));
        settings.routing.allowedCountryCodes << QString::number(number);
    }
    if (parser.isSet(threadsOption)) {
        bool ok = false;
        settings.requestThreads = parser.value(threadsOption).toInt(&ok);
        if (!ok || settings.requestThreads < 1 || settings.requestThreads > 64)
            return parser.usageError(err,
                                     QStringLiteral("--threads takes a number from 1 to 64, not '%1'")
                                         .arg(parser.value(threadsOption)));
    }
    for (const QString &proxy : parser.values(trustedProxyOption)) {
        const auto subnet = Server::ForwardedClientAddress::parseSubnet(proxy);
        if (!subnet)
            return parser.usageError(err, QStringLiteral("--trusted-proxy: ") + subnet.error());
        settings.trustedProxies.append(*subnet);
    }
    settings.verifySignatures = !parser.isSet(insecureOption);
    settings.account = Config::TwilioAccount::fromEnvironment(m_context.environment);
    if (settings.verifySignatures && settings.account.authToken.isEmpty()) {
        err << "switchboard serve: TWILIO_AUTH_TOKEN is not set: it is needed to check Twilio's webhook "
               "signatures\n";
        return ExitCode::failure;
    }
    if (const QStringList problems = settings.account.problemsForAccessToken(); !problems.isEmpty())
        err << "switchboard serve: POST /token cannot issue access tokens: "
            << problems.join(QStringLiteral("; ")) << '\n';

    const auto database = m_context.openDatabase(QStringLiteral("serve"));
    if (!database)
        return ExitCode::failure;
    Server::WebhookServer server(database, settings);
    const auto port = server.start();
    if (!port) {
        err << "switchboard serve: " << port.error() << '\n';
        return ExitCode::failure;
    }
    out << "Listening on " << server.localUrl().toString() << "; Twilio's URLs:\n"
        << "  A call comes in:   " << server.publicBaseUrl() << "/voice/incoming\n"
        << "  TwiML App voice:   " << server.publicBaseUrl() << "/voice/outgoing\n"
        << "  Status callback:   " << server.publicBaseUrl() << "/voice/status\n";
    out.flush();

    UnixSignalWatcher terminationWatcher;
    QObject::connect(&terminationWatcher, &UnixSignalWatcher::terminationRequested, qApp,
                     [&](int signalNumber) {
                         err << "switchboard serve: signal " << signalNumber << ", shutting down\n";
                         err.flush();
                         server.stop();
                         QCoreApplication::exit(ExitCode::success);
                     });
    return QCoreApplication::exec();
}
