#pragma once

// QCommandLineParser set up the way every subcommand wants it: --help, usage errors that name the
// subcommand, and exit codes that shell users expect.

#include <QCommandLineParser>
#include <QTextStream>

namespace App {

class SubcommandParser : public QCommandLineParser
{
public:
    // name: "client add"; arguments: what follows it in the usage line, "NAME".
    SubcommandParser(const QString &name, const QString &arguments, const QString &description);

    // Parses arguments (which start with the subcommand's words). Returns an exit code when the
    // command is done already (help shown: 0, or an error printed: 2), or -1 to go on.
    int parse(const QStringList &arguments, QTextStream &out, QTextStream &err);

    // Prints "switchboard NAME: message" and the hint to --help; returns the usage exit code.
    int usageError(QTextStream &err, const QString &message) const;

    // For commands made of actions ("client add"): answers a missing action (usage, exit 2), --help
    // (usage, exit 0) or an unknown action (error and usage, exit 2). Returns the exit code.
    static int answerWithoutAction(QTextStream &out, QTextStream &err, const QString &command,
                                   const QString &action, const QString &actionsHelp);
    static bool isHelp(const QString &argument)
    {
        return argument == QLatin1String("--help") || argument == QLatin1String("-h");
    }

private:
    QString m_name;
    QString m_arguments;
    QCommandLineOption m_help;
};

} // namespace App
