// switchboard: the desktop softphone with no arguments, or a command-line tool with a subcommand.

#include "app/ExitCode.h"
#include "app/TokenCommand.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace {

const char usageText[] = "Usage: switchboard [COMMAND] [OPTIONS]\n"
                         "\n"
                         "With no command, starts the desktop phone.\n"
                         "\n"
                         "Commands:\n"
                         "  token --client NAME [--capability] [--ttl SECONDS]\n"
                         "                      print a Twilio token for a client\n"
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (command.isEmpty())
        return runGui(argc, argv);

    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = app.arguments().mid(1);
    if (command == QLatin1String("token"))
        return TokenCommand(out, err).run(arguments, QProcessEnvironment::systemEnvironment());
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usageText;
        return ExitCode::success;
    }
    if (command == QLatin1String("--version")) {
        out << "switchboard " << SWITCHBOARD_VERSION << '\n';
        return ExitCode::success;
    }
    err << "switchboard: unknown command '" << command << "'\n\n" << usageText;
    return ExitCode::usage;
}
