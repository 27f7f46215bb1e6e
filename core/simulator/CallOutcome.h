#pragma once

// How a simulated call ended, as its final status callback told the server.

#include "core/store/CallResult.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Simulator {

struct CallOutcome
{
    QString status; // Twilio's status of the caller's leg: completed, busy, no-answer, failed, canceled
    // What it came to for the person on our side, as the server's call log tells it.
    Store::CallResult result = Store::CallResult::Unknown;
    int durationSeconds = 0; // simulated seconds from the answer to the end; 0 when nobody answered
    QString dialStatus; // the last <Dial>'s DialCallStatus; empty when the call dialled nobody
    QStringList said; // what each <Say> spoke, in order
    bool recorded = false; // a <Record> ran (voicemail)
    QStringList problems; // unknown verbs, HTTP errors, bad TwiML
};

} // namespace Simulator

Q_DECLARE_METATYPE(Simulator::CallOutcome)
