#include "app/TokenCommand.h"

#include "app/ExitCode.h"
#include "app/SubcommandParser.h"
#include "core/config/TwilioAccount.h"
#include "core/phone/ClientAddress.h"
#include "core/token/AccessToken.h"
#include "core/token/CapabilityToken.h"
#include "core/token/TokenLifetime.h"

#include <QDateTime>

TokenCommand::TokenCommand(const CommandContext &context)
    : m_context(context)
{ }

int TokenCommand::run(const QStringList &arguments)
{
    QTextStream &out = m_context.out;
    QTextStream &err = m_context.err;
    SubcommandParser parser(
        QStringLiteral("token"), QString(),
        QStringLiteral(
            "Prints a token for a Twilio client.\n\n"
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
    parser.addOptions({ clientOption, capabilityOption, ttlOption });
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

    const auto account = Config::TwilioAccount::fromEnvironment(m_context.environment);
    const bool capability = parser.isSet(capabilityOption);
    const QStringList problems
        = capability ? account.problemsForCapabilityToken() : account.problemsForAccessToken();
    if (!problems.isEmpty()) {
        for (const QString &problem : problems)
            err << "switchboard token: " << problem << '\n';
        return ExitCode::failure;
    }

    Result<QByteArray> token = Result<QByteArray>::failure({});
    if (capability) {
        Token::CapabilityToken capabilityToken(account.accountSid, account.authToken);
        capabilityToken.allowClientIncoming(client);
        capabilityToken.allowClientOutgoing(account.twimlAppSid);
        token = capabilityToken.generate(ttl);
    } else {
        token = account.voiceAccessToken(client, ttl, QDateTime::currentSecsSinceEpoch());
    }
    if (!token) {
        err << "switchboard token: " << token.error() << '\n';
        return ExitCode::failure;
    }
    out << *token << '\n';
    return ExitCode::success;
}
