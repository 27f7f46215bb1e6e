// switchboard: the desktop softphone with no arguments, or a command-line tool with a subcommand.

#include "app/CallsCommand.h"
#include "app/ClientCommand.h"
#include "app/CommandContext.h"
#include "app/DatabaseOption.h"
#include "app/DesktopApp.h"
#include "app/ExitCode.h"
#include "app/InstanceChannel.h"
#include "app/NumberCommand.h"
#include "app/SelfRestart.h"
#include "app/ServeCommand.h"
#include "app/SimulateCommand.h"
#include "app/TokenCommand.h"
#include "app/VerboseOption.h"
#include "core/phone/TelUri.h"
#include "ui/EnglishPlurals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QTextStream>

namespace {

const char usageText[] = "Usage: switchboard [--database URL] [--verbose] [COMMAND] [OPTIONS]\n"
                         "\n"
                         "With no command, starts the desktop phone; with a tel: link, hands the number to\n"
                         "the running one (or starts it).\n"
                         "\n"
                         "Commands:\n"
                         "  serve [--listen HOST:PORT] [--public-url URL]\n"
                         "                      run the webhook and token server without a window\n"
                         "  client add|remove|list\n"
                         "                      the clients that may register and ask for tokens\n"
                         "  number add|remove|list\n"
                         "                      which Twilio number rings which client\n"
                         "  calls list          the call log, newest first\n"
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
                         "Run 'switchboard COMMAND --help' for a command's options.\n";

// The desktop app; telLink (a tel: URI the desktop handed us) goes to the running instance if there is one,
// and without one that instance's window comes to the front instead of a second phone starting.
int runGui(int argc, char **argv, const QString &database, const QString &telLink)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QString number;
    if (!telLink.isEmpty()) {
        const auto parsed = Phone::TelUri::parse(telLink);
        if (!parsed) {
            err << "switchboard: " << telLink << ": " << parsed.error() << '\n';
            return App::ExitCode::usage;
        }
        number = *parsed;
        if (const auto path = App::InstanceChannel::defaultPath();
            path && App::InstanceChannel::sendToRunning(*path, QStringLiteral("dial ") + number))
            return App::ExitCode::success; // the running phone has it now
    } else if (const auto path = App::InstanceChannel::defaultPath();
               path && App::InstanceChannel::sendToRunning(*path, QStringLiteral("raise"))) {
        // One phone per user: a second one would answer the same client's calls on another port.
        out << "switchboard: already running; its window was brought to the front\n";
        return App::ExitCode::success;
    }
    if (const QString warning = App::DatabaseOption::passwordWarning(database); !warning.isEmpty())
        err << "switchboard: " << warning << '\n';
    App::DesktopApp::allowWebEngineAsRoot(err);
    QCoreApplication::setAttribute(
        Qt::AA_ShareOpenGLContexts); // QtWebEngine needs this before the app exists
    QApplication app(argc, argv);
    Ui::EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    App::CommandContext context { out, err, QProcessEnvironment::systemEnvironment(), database };
    int result = App::ExitCode::success;
    bool restart = false;
    {
        App::DesktopApp desktop(context);
        result = desktop.run(number);
        restart = desktop.restartRequested();
    }
    if (restart
        && !App::SelfRestart(QCoreApplication::arguments().mid(1), QProcessEnvironment::systemEnvironment())
                .start(QCoreApplication::applicationFilePath()))
        err << "switchboard: could not start again; start it yourself\n";
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    // QT_LOGGING_RULES, for developers, wins over these rules.
    QLoggingCategory::setFilterRules(App::VerboseOption::loggingRules(QString(), false));

    // Nothing but --database (and --verbose) and perhaps a tel: link: the desktop app, which needs a
    // QApplication.
    {
        QStringList arguments;
        for (int index = 1; index < argc; ++index)
            arguments << QString::fromLocal8Bit(argv[index]);
        QString database;
        QString error;
        if (App::VerboseOption::take(arguments))
            QLoggingCategory::setFilterRules(App::VerboseOption::loggingRules(QString(), true));
        if (App::DatabaseOption::take(arguments, &database, &error)
            && (arguments.isEmpty()
                || (arguments.size() == 1 && Phone::TelUri::looksLikeTelUri(arguments.first()))))
            return runGui(argc, argv, database, arguments.value(0));
    }

    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = app.arguments().mid(1);
    const bool verbose = App::VerboseOption::take(arguments);
    App::CommandContext context { out, err, QProcessEnvironment::systemEnvironment(), QString() };
    QString error;
    if (!App::DatabaseOption::take(arguments, &context.database, &error)) {
        err << "switchboard: " << error << '\n';
        return App::ExitCode::usage;
    }
    QLoggingCategory::setFilterRules(App::VerboseOption::loggingRules(arguments.value(0), verbose));
    if (const QString warning = App::DatabaseOption::passwordWarning(context.database); !warning.isEmpty())
        err << "switchboard: " << warning << '\n';

    const QString command = arguments.value(0);
    if (command == QLatin1String("serve"))
        return App::ServeCommand(context).run(arguments);
    if (command == QLatin1String("client"))
        return App::ClientCommand(context).run(arguments);
    if (command == QLatin1String("number"))
        return App::NumberCommand(context).run(arguments);
    if (command == QLatin1String("calls"))
        return App::CallsCommand(context).run(arguments);
    if (command == QLatin1String("token"))
        return App::TokenCommand(context).run(arguments);
    if (command == QLatin1String("simulate"))
        return App::SimulateCommand(context).run(arguments);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usageText;
        return App::ExitCode::success;
    }
    if (command == QLatin1String("--version")) {
        out << "switchboard " << SWITCHBOARD_VERSION << '\n';
        return App::ExitCode::success;
    }
    err << "switchboard: "
        << (command.isEmpty() ? QStringLiteral("a command is needed after --database")
                              : QStringLiteral("unknown command '%1'").arg(command))
        << "\n\n"
        << usageText;
    return App::ExitCode::usage;
}
