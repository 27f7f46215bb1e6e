#pragma once

// The --verbose option, which every command takes wherever it stands on the command line: by default a
// command prints only warnings and errors on stderr (its results go to stdout); --verbose adds the
// informational log lines. `serve` logs every request either way: that is its job.

#include <QString>
#include <QStringList>

namespace App {

class VerboseOption
{
public:
    // Takes every "--verbose" out of arguments; true when there was one.
    static bool take(QStringList &arguments);

    // The logging rules for command (its first word; empty for the desktop app). QT_LOGGING_RULES, set by
    // a developer, still wins over them.
    static QString loggingRules(const QString &command, bool verbose);
};

} // namespace App
