#include "app/SubcommandParser.h"

#include "app/ExitCode.h"
#include "app/ProgramName.h"

namespace App {

SubcommandParser::SubcommandParser(const QString &name, const QString &arguments, const QString &description)
    : m_name(name)
    , m_arguments(arguments)
    , m_help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."))
{
    setApplicationDescription(description);
    addOption(m_help);
}

int SubcommandParser::parse(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    if (!QCommandLineParser::parse(arguments))
        return usageError(err, errorText());
    if (isSet(m_help)) {
        // helpText() starts with "Usage: <program path> [options]"; show the subcommand's usage instead.
        const QString help = helpText();
        out << "Usage: " << programName() << " " << m_name << " [options] " << m_arguments
            << help.mid(help.indexOf(u'\n'))
            << "\nEvery command also takes --database URL and --verbose (see " << programName()
            << " --help).\n";
        return ExitCode::success;
    }
    return -1;
}

int SubcommandParser::usageError(QTextStream &err, const QString &message) const
{
    err << programName() << " " << m_name << ": " << message << "\nTry '" << programName() << ' ' << m_name
        << " --help'.\n";
    return ExitCode::usage;
}

int SubcommandParser::answerWithoutAction(QTextStream &out, QTextStream &err, const QString &command,
                                          const QString &action, const QString &actionsHelp)
{
    const bool help = isHelp(action);
    QTextStream &stream = help ? out : err;
    if (!help && !action.isEmpty())
        stream << programName() << " " << command << ": unknown action '" << action << "'\n\n";
    stream << "Usage: " << programName() << " " << command << " ACTION [options]\n\n" << actionsHelp;
    return help ? ExitCode::success : ExitCode::usage;
}

} // namespace App
