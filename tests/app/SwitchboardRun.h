#pragma once

// Runs a built binary once, as a shell user would, and keeps what it said: `switchboard`, or the program
// that SWITCHBOARD_TEST_EXECUTABLE names (the _server runs of a test use `switchboard-server`).

#include <QByteArray>
#include <QProcess>
#include <QStringList>

struct SwitchboardRun
{
    int exitCode = -1; // -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;

    static QString executable()
    {
        return qEnvironmentVariable("SWITCHBOARD_TEST_EXECUTABLE", QStringLiteral(SWITCHBOARD_EXECUTABLE));
    }

    static SwitchboardRun start(const QStringList &arguments, const QProcessEnvironment &environment,
                                const QByteArray &input = {})
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(executable(), arguments);
        process.write(input);
        process.closeWriteChannel();
        SwitchboardRun result;
        if (!process.waitForFinished(30000))
            return result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }
};
