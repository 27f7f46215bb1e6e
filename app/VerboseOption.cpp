#include "app/VerboseOption.h"

namespace App {

bool VerboseOption::take(QStringList &arguments)
{
    return arguments.removeAll(QStringLiteral("--verbose")) > 0;
}

QString VerboseOption::loggingRules(const QString &command, bool verbose)
{
    // Debug lines are for developers, who turn them on with QT_LOGGING_RULES; so is QtWebEngine's report
    // of its GPU and sandbox set-up (twenty lines at every start), unless --verbose.
    QString rules = QStringLiteral("switchboard.*.debug=false");
    if (!verbose)
        rules += QStringLiteral("\nqt.webenginecontext.info=false");
    // The desktop app's terminal keeps its informational lines: nobody reads them but who asked for them
    // by starting it from a terminal, and the window says what matters.
    if (verbose || command.isEmpty())
        return rules;
    rules += QStringLiteral("\nswitchboard.*.info=false");
    if (command == QLatin1String("serve")) // the request log, one line per request, and where it listens
        rules += QStringLiteral("\nswitchboard.server*.info=true");
    return rules;
}

} // namespace App
