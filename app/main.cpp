// switchboard: the desktop softphone with no arguments, or a command-line tool with a subcommand.

#include "app/CommandContext.h"
#include "app/CommandLine.h"
#include "app/DatabaseOption.h"
#include "app/DesktopApp.h"
#include "app/ExitCode.h"
#include "app/InstanceChannel.h"
#include "app/SelfRestart.h"
#include "app/VerboseOption.h"
#include "core/phone/TelUri.h"
#include "ui/EnglishPlurals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QTextStream>

namespace {

const char usageHead[] = "Usage: switchboard [--database URL] [--verbose] [COMMAND] [OPTIONS]\n"
                         "\n"
                         "With no command, starts the desktop phone; with a tel: link, hands the number to\n"
                         "the running one (or starts it). switchboard-server runs the same commands on a\n"
                         "server without a desktop.\n";

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
    App::CommandLine::prepare(QStringLiteral("switchboard"));

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
    return App::CommandLine::run(argc, argv, QString::fromLatin1(usageHead));
}
