#include "app/CommandLine.h"

#include "app/CallsCommand.h"
#include "app/ClientCommand.h"
#include "app/CommandContext.h"
#include "app/DatabaseOption.h"
#include "app/ExitCode.h"
#include "app/NumberCommand.h"
#include "app/ProgramName.h"
#include "app/ServeCommand.h"
#include "app/SimulateCommand.h"
#include "app/TokenCommand.h"
#include "app/TwilioCommand.h"
#include "app/VerboseOption.h"
#include "app/VoicemailCommand.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QTextStream>

namespace App {

namespace {

const char commandsText[]
    = "Commands:\n"
      "  serve [--listen HOST:PORT] [--public-url URL]\n"
      "                      run the webhook and token server without a window\n"
      "  client add|remove|list\n"
      "                      the clients that may register and ask for tokens\n"
      "  number add|remove|list\n"
      "                      which Twilio number rings which client\n"
      "  calls list          the call log, newest first\n"
      "  voicemail list|play|delete\n"
      "                      the messages callers left, their audio (from Twilio)\n"
      "  twilio connect|disconnect|check\n"
      "                      point a Twilio account's numbers at this server, and back\n"
      "  token --client NAME [--capability] [--ttl SECONDS] [--any-identity]\n"
      "                      print a Twilio token for an existing, enabled client\n"
      "  simulate incoming --from NUMBER --to NUMBER [--server URL]\n"
      "  simulate outgoing --client NAME --to NUMBER [--server URL]\n"
      "                      play Twilio's part of a call and print every step\n"
      "\n"
      "--database (before or after the command): postgresql://user@host:port/db (the\n"
      "password from PGPASSWORD or ~/.pgpass), sqlite:PATH or PATH; default:\n"
      "switchboard.sqlite in the user's data directory.\n"
      "--verbose (before or after the command): informational log lines on stderr too;\n"
      "without it a command prints only warnings and errors there (serve always logs\n"
      "one line per request).\n"
      "\n"
      "Run '%1 COMMAND --help' for a command's options.\n";

} // namespace

void CommandLine::prepare(const QString &name)
{
    setProgramName(name);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    // QT_LOGGING_RULES, for developers, wins over these rules.
    QLoggingCategory::setFilterRules(VerboseOption::loggingRules(QString(), false));
}

QString CommandLine::usage(const QString &usageHead)
{
    return usageHead + u'\n' + QString::fromLatin1(commandsText).arg(programName());
}

int CommandLine::run(int argc, char **argv, const QString &usageHead)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = programName();
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const bool verbose = VerboseOption::take(arguments);
    CommandContext context { out, err, QProcessEnvironment::systemEnvironment(), QString() };
    QString error;
    if (!DatabaseOption::take(arguments, &context.database, &error)) {
        err << program << ": " << error << '\n';
        return ExitCode::usage;
    }
    QLoggingCategory::setFilterRules(VerboseOption::loggingRules(arguments.value(0), verbose));
    if (const QString warning = DatabaseOption::passwordWarning(context.database); !warning.isEmpty())
        err << program << ": " << warning << '\n';

    const QString command = arguments.value(0);
    if (command == QLatin1String("serve"))
        return ServeCommand(context).run(arguments);
    if (command == QLatin1String("client"))
        return ClientCommand(context).run(arguments);
    if (command == QLatin1String("number"))
        return NumberCommand(context).run(arguments);
    if (command == QLatin1String("calls"))
        return CallsCommand(context).run(arguments);
    if (command == QLatin1String("voicemail"))
        return VoicemailCommand(context).run(arguments);
    if (command == QLatin1String("twilio"))
        return TwilioCommand(context).run(arguments);
    if (command == QLatin1String("token"))
        return TokenCommand(context).run(arguments);
    if (command == QLatin1String("simulate"))
        return SimulateCommand(context).run(arguments);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usage(usageHead);
        return ExitCode::success;
    }
    if (command == QLatin1String("--version")) {
        out << program << ' ' << SWITCHBOARD_VERSION << '\n';
        return ExitCode::success;
    }
    err << program << ": "
        << (command.isEmpty() ? QStringLiteral("a command is needed")
                              : QStringLiteral("unknown command '%1'").arg(command))
        << "\n\n"
        << usage(usageHead);
    return ExitCode::usage;
}

} // namespace App
