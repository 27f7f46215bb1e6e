#pragma once

// What the simulator plays Twilio against: the server, the account it signs for, and how the far end behaves.

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

namespace Simulator {

struct SimulatorSettings
{
    QUrl serverUrl; // where the requests go, e.g. http://127.0.0.1:8080
    QString publicBaseUrl; // what Twilio signs for (the server's --public-url); empty: serverUrl
    QByteArray authToken; // signs every request
    QString accountSid; // "AC" + 32 hex; empty: the simulator makes one up
    QString applicationSid; // TwiML App SID sent with outgoing calls; empty: made up
    QString incomingPath = QStringLiteral("/voice/incoming");
    QString outgoingPath = QStringLiteral("/voice/outgoing");
    QString statusPath = QStringLiteral("/voice/status");
    // Every wait (Dial timeout, Pause, far-end delays) is divided by this: tests use e.g. 50.
    double timeScale = 1.0;
    std::chrono::milliseconds farEndAnswerAfter { 2000 }; // a dialled <Number> answers after this...
    bool farEndBusy = false; // ...or is busy
    std::chrono::milliseconds farEndHangUpAfter { 0 }; // 0: the far end never hangs up by itself
    int requestTimeoutMs = 10000;
};

} // namespace Simulator
