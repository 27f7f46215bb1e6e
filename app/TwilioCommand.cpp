#include "app/TwilioCommand.h"

#include "app/CommandAccount.h"
#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/config/AppSettings.h"
#include "core/config/EnvironmentFile.h"
#include "core/config/SecretStore.h"
#include "core/phone/PhoneNumber.h"
#include "core/setup/AccountConnector.h"
#include "core/setup/LocalConnection.h"
#include "core/setup/SetupChecker.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"
#include "core/store/TwilioChanges.h"

#include <QEventLoop>
#include <QFile>
#include <QSettings>
#include <QSysInfo>

namespace App {

namespace {

const char actionsHelp[]
    = "Actions:\n"
      "  connect [--public-url URL] [--number NUMBER=CLIENT]... [--yes] [--env-file FILE]\n"
      "                 point the account's numbers, a TwiML App and an API key at this server\n"
      "  disconnect [--yes] [--env-file FILE]\n"
      "                 put back everything connect changed, delete what it created\n"
      "  check [--server URL]\n"
      "                 say what no longer points at this server, and how to fix it\n"
      "The credentials: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and\n"
      "TWILIO_API_SECRET), else the account saved by the desktop app. SWITCHBOARD_TWILIO_API_URL\n"
      "names another Twilio API (serve --simulate-twilio plays one).\n";

const char again[] = "Run the same command again to complete it: nothing is changed twice.";

template<typename T, typename Start> T waitFor(Start start)
{
    std::optional<T> answer;
    QEventLoop loop;
    start([&answer, &loop](T value) {
        answer = std::move(value);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

} // namespace

struct TwilioCommand::SignIn
{
    Config::TwilioAccount account;
    Rest::ApiAccess access;
};

TwilioCommand::TwilioCommand(const CommandContext &context)
    : m_context(context)
{ }

int TwilioCommand::run(const QStringList &arguments)
{
    const QString action = arguments.value(1);
    if (action == QLatin1String("connect"))
        return connect(arguments.mid(1));
    if (action == QLatin1String("disconnect"))
        return disconnect(arguments.mid(1));
    if (action == QLatin1String("check"))
        return check(arguments.mid(1));
    return SubcommandParser::answerWithoutAction(m_context.out, m_context.err, QStringLiteral("twilio"),
                                                 action, QString::fromLatin1(actionsHelp));
}

std::optional<TwilioCommand::SignIn> TwilioCommand::signIn(const QString &command) const
{
    const CommandAccount loaded = CommandAccount::load(m_context.environment);
    Config::TwilioAccount account = loaded.account;
    if (account.accountSid.isEmpty()) {
        m_context.err
            << programName() << ' ' << command
            << ": no Twilio account: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (the Account SID and Auth "
               "Token of Twilio's console), or connect one in the desktop app\n";
        return std::nullopt;
    }
    if (const QString problem = Config::TwilioAccount::sidProblem(account.accountSid, QStringLiteral("AC"),
                                                                  QStringLiteral("TWILIO_ACCOUNT_SID"));
        !problem.isEmpty()) {
        m_context.err << programName() << ' ' << command << ": " << problem
                      << (loaded.savedProblem.isEmpty() ? QString()
                                                        : QStringLiteral(" (") + loaded.savedProblem + u')')
                      << '\n';
        return std::nullopt;
    }
    auto access = Setup::AccountConnector::accessFor(account, m_context.environment);
    if (!access) {
        m_context.err << programName() << ' ' << command << ": " << access.error() << '\n';
        return std::nullopt;
    }
    return SignIn { account, *access };
}

bool TwilioCommand::confirm(const QString &question) const
{
    m_context.out << question << " [y/N] ";
    m_context.out.flush();
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return false;
    const QByteArray line = input.readLine(64);
    if (!line.endsWith('\n'))
        m_context.out << '\n'; // no answer typed: the next line starts on its own
    const QString answer = QString::fromLocal8Bit(line).trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

int TwilioCommand::connect(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("twilio connect"), QString(),
        QStringLiteral("Connects the Twilio account to this server: each chosen number's webhooks, a TwiML\n"
                       "App for the phones' outgoing calls, and an API key for their tokens (its secret\n"
                       "goes to the secret store). Every change is shown as old -> new first; nothing\n"
                       "changes until you confirm (or give --yes). 'twilio disconnect' puts it back."));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        QStringLiteral("Where Twilio reaches this server: your tunnel, or the team's server (default: the "
                       "saved one)."),
        QStringLiteral("URL"));
    const QCommandLineOption numberOption(
        QStringLiteral("number"),
        QStringLiteral("A number of the account this server answers, and the client it rings; repeat for "
                       "more."),
        QStringLiteral("NUMBER=CLIENT"));
    const QCommandLineOption yesOption(QStringLiteral("yes"), QStringLiteral("Apply without asking."));
    const QCommandLineOption envFileOption(
        QStringLiteral("env-file"),
        QStringLiteral(
            "A service's environment file (/etc/switchboard/switchboard-server.env): the API key,\n"
            "its secret and the TwiML App go there rather than to this user's settings."),
        QStringLiteral("FILE"));
    parser.addOptions({ publicUrlOption, numberOption, yesOption, envFileOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    QSettings settings;
    const Config::AppSettings saved = Config::AppSettings::load(settings);
    const QString publicUrl = parser.isSet(publicUrlOption) ? parser.value(publicUrlOption) : saved.publicUrl;
    const auto urls = Setup::WebhookUrls::forPublicUrl(publicUrl);
    if (!urls)
        return parser.usageError(err, urls.error() + QStringLiteral(" (--public-url)"));

    if (parser.isSet(envFileOption))
        if (const QString problem = Config::EnvironmentFile(parser.value(envFileOption)).problem();
            !problem.isEmpty())
            return parser.usageError(err, QStringLiteral("--env-file: ") + problem);
    const auto database = m_context.openDatabase(QStringLiteral("twilio connect"));
    if (!database)
        return ExitCode::failure;
    QList<Setup::NumberChoice> chosen;
    const Store::ClientStore clients(database);
    for (const QString &text : parser.values(numberOption)) {
        const QString number = text.section(u'=', 0, 0).trimmed();
        const QString client = text.section(u'=', 1).trimmed();
        const auto parsed = Phone::PhoneNumber::parse(number, saved.region);
        if (!parsed || client.isEmpty())
            return parser.usageError(
                err,
                QStringLiteral("--number %1: write it NUMBER=CLIENT, like +815031234567=desktop%2")
                    .arg(text, parsed ? QString() : QStringLiteral(" (") + parsed.error() + u')'));
        if (const auto found = clients.find(client); found && found->disabled)
            return parser.usageError(err,
                                     QStringLiteral("--number %1: client %2 is disabled; enable it on the "
                                                    "Clients page first")
                                         .arg(text, client));
        if (!clients.find(client))
            return parser.usageError(
                err,
                QStringLiteral("--number %1: there is no client %2; add it first with '%3 client add %2'")
                    .arg(text, client, programName()));
        chosen.append({ parsed->e164(), client });
    }

    const auto signedIn = signIn(QStringLiteral("twilio connect"));
    if (!signedIn)
        return ExitCode::failure;
    // Twilio's own API would point the numbers at an address it cannot reach; the simulator can.
    if (signedIn->access.baseUrl == Rest::ApiAccess::defaultBaseUrl())
        if (const QString problem = urls->privateHostProblem(); !problem.isEmpty())
            return parser.usageError(err, problem + QStringLiteral(" (--public-url)"));
    Setup::AccountConnector connector(signedIn->access, database);
    Setup::AccountConnector::Known known;
    known.appSid = signedIn->account.twimlAppSid;
    if (!signedIn->account.apiKeySecret.isEmpty())
        known.keySid = signedIn->account.apiKeySid;
    const auto look
        = waitFor<Result<Setup::AccountLook>>([&](auto done) { connector.look(known, std::move(done)); });
    if (!look) {
        err << programName() << " twilio connect: " << look.error() << '\n';
        return ExitCode::failure;
    }
    out << "Account " << look->account.sid << " (" << look->account.friendlyName << "), "
        << look->account.type << ".\n";
    if (look->account.isTrial())
        out << look->account.limits() << '\n';
    out << "Its numbers:\n";
    for (const Setup::RemoteResource &number : look->numbers)
        out << "  "
            << Setup::PlannedChange { Setup::RemoteResource::Kind::Number, {}, {}, number.label, {} }.name()
            << "  voice URL: "
            << (number.fields.value(QStringLiteral("VoiceUrl")).isEmpty()
                    ? QStringLiteral("(not set)")
                    : number.fields.value(QStringLiteral("VoiceUrl")))
            << '\n';
    if (look->numbers.isEmpty())
        out << "  none: buy one in Twilio's console, then connect again\n";

    const auto plan = Setup::SetupPlan::make(
        *look, chosen, *urls, QStringLiteral("Switchboard on %1").arg(QSysInfo::machineHostName()));
    if (!plan) {
        err << programName() << " twilio connect: " << plan.error() << '\n';
        return ExitCode::failure;
    }
    if (chosen.isEmpty())
        out << "\nNo number is chosen: add --number NUMBER=CLIENT for each number this server answers.\n";
    out << "\nChanges at Twilio:\n";
    for (const QString &line : plan->lines())
        out << "  " << line << '\n';
    if (!parser.isSet(yesOption) && !plan->changesNothing()
        && !confirm(QStringLiteral("Apply these changes?"))) {
        out << "Nothing was changed.\n";
        return ExitCode::failure;
    }

    Config::SecretStore secrets = Config::SecretStore::ofThisUser();
    Setup::LocalConnection local(settings, secrets, database, saved.region);
    if (parser.isSet(envFileOption))
        local.setEnvironmentFile(parser.value(envFileOption));
    if (const auto kept = local.saveSignIn(signedIn->account, urls->publicUrl); !kept) {
        err << programName() << " twilio connect: the account cannot be saved here: " << kept.error()
            << "\nNothing was changed.\n";
        return ExitCode::failure;
    }
    const Setup::SetupReport report = waitFor<Setup::SetupReport>(
        [&](auto done) { connector.apply(*plan, local.steps(), std::move(done)); });
    for (const QString &line : report.lines(QString::fromLatin1(again)))
        out << line << '\n';
    if (!report.succeeded())
        return ExitCode::failure;
    out << plan->summary() << '\n';
    return ExitCode::success;
}

int TwilioCommand::disconnect(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("twilio disconnect"), QString(),
        QStringLiteral("Puts back every field 'twilio connect' changed at Twilio, as it was "
                       "before, and\ndeletes the TwiML App and API key it created."));
    const QCommandLineOption yesOption(QStringLiteral("yes"), QStringLiteral("Do it without asking."));
    const QCommandLineOption envFileOption(
        QStringLiteral("env-file"),
        QStringLiteral(
            "The environment file connect wrote to: the key and app it deleted are emptied there."),
        QStringLiteral("FILE"));
    parser.addOptions({ yesOption, envFileOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    const auto signedIn = signIn(QStringLiteral("twilio disconnect"));
    if (!signedIn)
        return ExitCode::failure;
    const auto database = m_context.openDatabase(QStringLiteral("twilio disconnect"));
    if (!database)
        return ExitCode::failure;
    const auto noted = Store::TwilioChanges(database, signedIn->account.accountSid).list();
    if (!noted) {
        err << programName() << " twilio disconnect: " << noted.error() << '\n';
        return ExitCode::failure;
    }
    if (noted->isEmpty()) {
        out << "Nothing to put back: account " << signedIn->account.accountSid
            << " holds no change of Switchboard's (it was never connected here, or is disconnected "
               "already).\n";
        return ExitCode::success;
    }
    out << "To put back in account " << signedIn->account.accountSid << ":\n";
    for (const QString &line : Setup::AccountConnector::undoLines(*noted))
        out << "  " << line << '\n';
    if (!parser.isSet(yesOption) && !confirm(QStringLiteral("Put these back?"))) {
        out << "Nothing was changed.\n";
        return ExitCode::failure;
    }
    Setup::AccountConnector connector(signedIn->access, database);
    QSettings settings;
    Config::SecretStore secrets = Config::SecretStore::ofThisUser();
    Setup::LocalConnection local(settings, secrets, database, Config::AppSettings::load(settings).region);
    if (parser.isSet(envFileOption))
        local.setEnvironmentFile(parser.value(envFileOption));
    const Setup::SetupReport report = waitFor<Setup::SetupReport>(
        [&](auto done) { connector.disconnect(local.steps(), std::move(done)); });
    for (const QString &line : report.lines(QString::fromLatin1(again)))
        out << line << '\n';
    if (!report.succeeded())
        return ExitCode::failure;
    out << "Account " << signedIn->account.accountSid << " is as it was before Switchboard connected it.\n"
        << "Kept here: the Numbers page's numbers, and the account SID and auth token (the Settings page,\n"
        << "or 'number remove' and the secret store, to forget them).\n";
    return ExitCode::success;
}

int TwilioCommand::check(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("twilio check"), QString(),
        QStringLiteral("Checks that the account still points at this server: the credentials, each number\n"
                       "of the Numbers page, the TwiML App, the API key, and that the public URL leads\n"
                       "here (a one-time nonce sent through it must arrive at the server). Each problem\n"
                       "is one line with its fix. Exit status 0 when all is well."));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        QStringLiteral("Where Twilio reaches this server (default: the saved one)."), QStringLiteral("URL"));
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QStringLiteral("This server, asked directly (default: the saved listening address)."),
        QStringLiteral("URL"));
    parser.addOptions({ publicUrlOption, serverOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(
            err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    QSettings settings;
    const Config::AppSettings saved = Config::AppSettings::load(settings);
    const auto urls = Setup::WebhookUrls::forPublicUrl(
        parser.isSet(publicUrlOption) ? parser.value(publicUrlOption) : saved.publicUrl);
    if (!urls)
        return parser.usageError(err, urls.error() + QStringLiteral(" (--public-url)"));
    const QUrl server(parser.isSet(serverOption) ? parser.value(serverOption)
                                                 : QStringLiteral("http://") + saved.listen.toString());
    if (!server.isValid()
        || (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https")))
        return parser.usageError(
            err, QStringLiteral("--server must be an http(s) URL, like http://127.0.0.1:8080"));

    const auto signedIn = signIn(QStringLiteral("twilio check"));
    if (!signedIn)
        return ExitCode::failure;
    const auto database = m_context.openDatabase(QStringLiteral("twilio check"));
    if (!database)
        return ExitCode::failure;
    Setup::SetupChecker checker(signedIn->access, database);
    const QList<Setup::CheckFinding> findings = waitFor<QList<Setup::CheckFinding>>(
        [&](auto done) { checker.run(signedIn->account, *urls, saved.region, server, std::move(done)); });
    for (const QString &line : Setup::SetupCheck::lines(findings))
        out << line << '\n';
    return Setup::SetupCheck::allOk(findings) ? ExitCode::success : ExitCode::failure;
}

} // namespace App
