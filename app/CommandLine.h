#pragma once

// The command-line half that both programs share: `switchboard` (whose form without a command is the
// desktop phone) and `switchboard-server` (commands only, no Widgets, no web engine). It reads --database
// and --verbose wherever they stand, and runs serve, client, number, calls, token or simulate.

#include <QString>

namespace App {

class CommandLine
{
public:
    // First thing in main(): the program's name for messages, the application's names (which choose the
    // settings and data folders) and the default logging rules.
    static void prepare(const QString &programName);

    // Runs the command in argv in a QCoreApplication it makes; returns the exit code. usageHead is the
    // program's own usage line and introduction, which the list of commands follows.
    static int run(int argc, char **argv, const QString &usageHead);

    // usageHead followed by the commands and the options every command takes.
    static QString usage(const QString &usageHead);
};

} // namespace App
