#pragma once

// How a simulated call ended, as its final status callback told the server.

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Simulator {

struct CallOutcome
{
    QString status; // completed, busy, no-answer, failed, canceled
    int durationSeconds = 0; // simulated seconds from the answer to the end; 0 when nobody answered
    QString dialStatus; // the last <Dial>'s DialCallStatus; empty when the call dialled nobody
    QStringList said; // what each <Say> spoke, in order
    bool recorded = false; // a <Record> ran (voicemail)
    QStringList problems; // unknown verbs, HTTP errors, bad TwiML
};

} // namespace Simulator

Q_DECLARE_METATYPE(Simulator::CallOutcome)
