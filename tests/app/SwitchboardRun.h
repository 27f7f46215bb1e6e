#pragma once

// Runs a built binary once, as a shell user would, and keeps what it said: `switchboard`, or the program
// that SWITCHBOARD_TEST_EXECUTABLE names (the _server runs of a test use `switchboard-server`).

#include <QByteArray>
#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>
#include <QTest>

struct SwitchboardRun
{
    int exitCode = -1; // -1 when it crashed or did not finish in time
    QByteArray out;
    QByteArray err;

    static QString executable()
    {
        return qEnvironmentVariable("SWITCHBOARD_TEST_EXECUTABLE", QStringLiteral(SWITCHBOARD_EXECUTABLE));
    }

    // serveEvents: the test's event loop runs meanwhile, for servers the test itself plays (Twilio's API).
    static SwitchboardRun start(const QStringList &arguments, const QProcessEnvironment &environment,
                                const QByteArray &input = {}, bool serveEvents = false)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(executable(), arguments);
        process.write(input);
        process.closeWriteChannel();
        SwitchboardRun result;
        if (serveEvents) {
            QDeadlineTimer deadline(30000);
            while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
                QTest::qWait(10);
            if (process.state() != QProcess::NotRunning)
                return result;
        } else if (!process.waitForFinished(30000)) {
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }
};
