#include "app/TokenCommand.h"

#include "app/CommandAccount.h"
#include "app/ExitCode.h"
#include "app/ProgramName.h"
#include "app/SubcommandParser.h"
#include "core/config/TwilioAccount.h"
#include "core/phone/ClientAddress.h"
#include "core/store/ClientStore.h"
#include "core/token/TokenLifetime.h"

#include <QDateTime>

namespace App {

TokenCommand::TokenCommand(const CommandContext &context)
    : m_context(context)
{ }

int TokenCommand::refuseUnknownClient(const QString &name) const
{
    // A token for a name the database does not know would sign in a phone that no number rings and no
    // Clients page shows: almost always a typo.
    const auto database = m_context.openDatabase(QStringLiteral("token"));
    if (!database)
        return ExitCode::failure;
    const auto client = Store::ClientStore(database).find(name);
    QString problem;
    if (!client)
        problem
            = QStringLiteral("no client named %1 (`%2 client list` shows them; `%2 client add %1` adds it)")
                  .arg(name, programName());
    else if (client->disabled)
        problem
            = QStringLiteral("client %1 is disabled (the desktop app's Clients page enables it)").arg(name);
    if (problem.isEmpty())
        return ExitCode::success;
    m_context.err << programName() << " token: " << problem << "; --any-identity signs for it anyway\n";
    return ExitCode::failure;
}

int TokenCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("token"), QString(),
        QStringLiteral(
            "Prints a token for a client of the database that exists and is enabled.\n\n"
            "The account is the desktop app's (its Settings page, secrets from its secret store);\n"
            "TWILIO_* variables that are set win for this run, as in the app.\n"
            "Access token (default): needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET,\n"
            "TWILIO_TWIML_APP_SID. Capability token (--capability, the legacy SDK's): needs\n"
            "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_TWIML_APP_SID."));
    const QCommandLineOption clientOption(QStringLiteral("client"),
                                          QStringLiteral("The client's name (letters, digits, _)."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption capabilityOption(
        QStringLiteral("capability"), QStringLiteral("Print a capability token instead of an access token."));
    const QCommandLineOption ttlOption(QStringLiteral("ttl"),
                                       QStringLiteral("Lifetime in seconds, from %1 to %2 (default %3).")
                                           .arg(Token::TokenLifetime::minSeconds)
                                           .arg(Token::TokenLifetime::maxSeconds)
                                           .arg(Token::TokenLifetime::defaultSeconds),
                                       QStringLiteral("SECONDS"),
                                       QString::number(Token::TokenLifetime::defaultSeconds));
    const QCommandLineOption anyIdentityOption(
        QStringLiteral("any-identity"),
        QStringLiteral("Sign for --client even when the database has no such enabled client."));
    parser.addOptions({ clientOption, capabilityOption, ttlOption, anyIdentityOption });
    if (const int done = parser.parse(arguments, out, err); done >= 0)
        return done;
    const auto usageError = [&](const QString &message) { return parser.usageError(err, message); };
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    const QString client = parser.value(clientOption);
    if (!parser.isSet(clientOption))
        return usageError(QStringLiteral("--client NAME is required"));
    if (const QString problem = Phone::ClientAddress::nameProblem(client); !problem.isEmpty())
        return usageError(QStringLiteral("invalid --client: ") + problem);
    bool ttlIsNumber = false;
    const int ttl = parser.value(ttlOption).toInt(&ttlIsNumber);
    if (!ttlIsNumber)
        return usageError(
            QStringLiteral("--ttl must be a whole number of seconds, not '%1'").arg(parser.value(ttlOption)));
    if (const QString problem = Token::TokenLifetime::problem(ttl); !problem.isEmpty())
        return usageError(QStringLiteral("--ttl: ") + problem);

    const CommandAccount loaded = CommandAccount::load(m_context.environment);
    const Config::TwilioAccount &account = loaded.account;
    const bool capability = parser.isSet(capabilityOption);
    const QStringList problems
        = capability ? account.problemsForCapabilityToken() : account.problemsForAccessToken();
    if (!problems.isEmpty()) {
        for (const QString &problem : problems)
            err << programName() << " token: " << problem << '\n';
        if (!loaded.savedProblem.isEmpty())
            err << programName()
                << " token: the account saved in the desktop app could not be read: " << loaded.savedProblem
                << '\n';
        else
            err << programName() << " token: set " << (problems.size() == 1 ? "it" : "them")
                << ", or save the account on the desktop app's Settings page\n";
        return ExitCode::failure;
    }
    if (!parser.isSet(anyIdentityOption))
        if (const int refused = refuseUnknownClient(client); refused != ExitCode::success)
            return refused;

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const Result<QByteArray> token = capability ? account.voiceCapabilityToken(client, ttl, now)
                                                : account.voiceAccessToken(client, ttl, now);
    if (!token) {
        err << programName() << " token: " << token.error() << '\n';
        return ExitCode::failure;
    }
    out << *token << '\n';
    return ExitCode::success;
}

} // namespace App
