// Reads the value of a failed Result, for TestResult to see that value() stops the program with the reason.
// Built with QT_FORCE_ASSERTS so that the assertion is there in release builds too.

#include "core/common/Result.h"

#include <cstdio>
#include <cstdlib>

int main()
{
    // No core file for an expected stop: report the fatal message and leave.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        if (type == QtFatalMsg)
            std::_Exit(3);
    });
    const Result<int> failed = Failure(QStringLiteral("the reason that was ignored"));
    const int value = failed.value();
    std::fprintf(stderr, "value read: %d\n", value);
    return 0;
}
