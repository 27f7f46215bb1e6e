#pragma once

// What the simulator plays Twilio against: the server, the account it signs for, and how the far end behaves.

#include "core/phone/DefaultRegion.h"
#include "core/routing/WebhookPaths.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Simulator {

class RecordingVault;

struct SimulatorSettings
{
    QUrl serverUrl; // where the requests go, e.g. http://127.0.0.1:8080
    QString publicBaseUrl; // what Twilio signs for (the server's --public-url); empty: serverUrl
    QByteArray authToken; // signs every request
    QString accountSid; // "AC" + 32 hex; empty: the simulator makes one up
    QString applicationSid; // TwiML App SID sent with outgoing calls; empty: made up
    // Where calls start; tests point them elsewhere to play a TwiML document of their own.
    QString incomingPath = Routing::WebhookPaths::incoming();
    QString outgoingPath = Routing::WebhookPaths::outgoing();
    QString statusPath = Routing::WebhookPaths::status();
    // Numbers typed without +CC (--from 090-...) and <Number>s in TwiML are read in this region: the
    // server's, so that both sides agree on which number was meant.
    QString region = Phone::defaultRegion();
    // Every wait (Dial timeout, Pause, far-end delays) is divided by this: tests use e.g. 50.
    double timeScale = 1.0;
    std::chrono::milliseconds farEndAnswerAfter { 2000 }; // a dialled <Number> answers after this...
    bool farEndBusy = false; // ...or is busy
    std::chrono::milliseconds farEndHangUpAfter { 0 }; // 0: the far end never hangs up by itself
    int requestTimeoutMs = 10000;
    // What a caller says after <Record>: a message of this many seconds (at most its maxLength).
    int messageSeconds = 5;
    // Where recordings are kept and served (serve --simulate-twilio); null: a recording is only its URL.
    std::shared_ptr<RecordingVault> recordings;
    // The base of each RecordingUrl: the simulated REST API (the server's own URL), else Twilio's.
    QString apiBaseUrl = QStringLiteral("https://api.twilio.com");
};

} // namespace Simulator
