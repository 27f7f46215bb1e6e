#pragma once

// Turns a Twilio Voice SDK error (code and message, as the page reports them) into a sentence a person
// can act on.

#include <QCoreApplication>
#include <QString>

namespace Engine {

class TwilioErrorSentence
{
    Q_DECLARE_TR_FUNCTIONS(TwilioErrorSentence)

public:
    // code 0: the page itself failed (no Twilio code); message says how.
    static QString forError(int code, const QString &message);
};

} // namespace Engine
