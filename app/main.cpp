// switchboard: the desktop softphone with no arguments, or a command-line tool with a subcommand.

#include "app/CallsCommand.h"
#include "app/ClientCommand.h"
#include "app/CommandContext.h"
#include "app/ExitCode.h"
#include "app/NumberCommand.h"
#include "app/ServeCommand.h"
#include "app/SimulateCommand.h"
#include "app/TokenCommand.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

namespace {

const char usageText[] = "Usage: switchboard [--database URL] [COMMAND] [OPTIONS]\n"
                         "\n"
                         "With no command, starts the desktop phone.\n"
                         "\n"
                         "Commands:\n"
                         "  serve [--listen HOST:PORT] [--public-url URL]\n"
                         "                      run the webhook and token server without a window\n"
                         "  client add|remove|list\n"
                         "                      the clients that may register and ask for tokens\n"
                         "  number add|remove|list\n"
                         "                      which Twilio number rings which client\n"
                         "  calls list          the call log, newest first\n"
                         "  token --client NAME [--capability] [--ttl SECONDS]\n"
                         "                      print a Twilio token for a client\n"
                         "  simulate incoming --from NUMBER --to NUMBER [--server URL]\n"
                         "  simulate outgoing --client NAME --to NUMBER [--server URL]\n"
                         "                      play Twilio's part of a call and print every step\n"
                         "\n"
                         "--database (before or after the command): postgresql://user:pass@host:port/db,\n"
                         "sqlite:PATH or PATH; default: switchboard.sqlite in the user's data directory.\n"
                         "\n"
                         "Run 'switchboard COMMAND --help' for a command's options.\n";

int runGui(int argc, char **argv)
{
    QCoreApplication::setAttribute(
        Qt::AA_ShareOpenGLContexts); // QtWebEngine needs this before the app exists
    QApplication app(argc, argv);
    MainWindow window;
    window.show();
    return app.exec();
}

// Takes "--database URL" or "--database=URL" out of arguments, wherever it stands.
// Returns false (with error set) when it is given twice or without a value.
bool takeDatabaseOption(QStringList &arguments, QString &database, QString &error)
{
    bool seen = false;
    for (qsizetype i = 0; i < arguments.size();) {
        const QString argument = arguments.at(i);
        QString value;
        if (argument == QLatin1String("--database")) {
            if (i + 1 >= arguments.size()) {
                error = QStringLiteral("--database needs a value: a postgresql:// URL or a SQLite file");
                return false;
            }
            value = arguments.at(i + 1);
            arguments.remove(i, 2);
        } else if (argument.startsWith(QLatin1String("--database="))) {
            value = argument.mid(int(sizeof("--database=")) - 1);
            arguments.remove(i);
        } else {
            ++i;
            continue;
        }
        if (seen) {
            error = QStringLiteral("--database is given twice");
            return false;
        }
        seen = true;
        database = value;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    // Debug lines are for developers, who turn them on with QT_LOGGING_RULES (which wins over this).
    QLoggingCategory::setFilterRules(QStringLiteral("switchboard.*.debug=false"));

    if (argc <= 1)
        return runGui(argc, argv);

    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = app.arguments().mid(1);
    CommandContext context { out, err, QProcessEnvironment::systemEnvironment(), QString() };
    QString error;
    if (!takeDatabaseOption(arguments, context.database, error)) {
        err << "switchboard: " << error << '\n';
        return ExitCode::usage;
    }

    const QString command = arguments.value(0);
    if (command == QLatin1String("serve"))
        return ServeCommand(context).run(arguments);
    if (command == QLatin1String("client"))
        return ClientCommand(context).run(arguments);
    if (command == QLatin1String("number"))
        return NumberCommand(context).run(arguments);
    if (command == QLatin1String("calls"))
        return CallsCommand(context).run(arguments);
    if (command == QLatin1String("token"))
        return TokenCommand(context).run(arguments);
    if (command == QLatin1String("simulate"))
        return SimulateCommand(context).run(arguments);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usageText;
        return ExitCode::success;
    }
    if (command == QLatin1String("--version")) {
        out << "switchboard " << SWITCHBOARD_VERSION << '\n';
        return ExitCode::success;
    }
    err << "switchboard: "
        << (command.isEmpty() ? QStringLiteral("a command is needed after --database")
                              : QStringLiteral("unknown command '%1'").arg(command))
        << "\n\n"
        << usageText;
    return ExitCode::usage;
}
