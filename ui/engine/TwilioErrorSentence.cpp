#include "ui/engine/TwilioErrorSentence.h"

namespace Engine {

QString TwilioErrorSentence::forError(int code, const QString &message)
{
    switch (code) {
    case 0:
        return tr("The phone's web page failed: %1").arg(message);
    case 31005: // connection error
    case 31009: // transport error
    case 53000: // signaling error
        return tr("Cannot reach Twilio: check the network connection (error %1).").arg(code);
    case 31003:
        return tr("The connection to Twilio timed out: check the network connection (error 31003).");
    case 20101: // invalid token
    case 31204: // invalid JWT
        return tr("Twilio refused the phone's access token (error %1): check the account SID, API key SID "
                  "and API key secret in the Twilio account settings.")
            .arg(code);
    case 20104: // expired token
    case 31205: // JWT expired
        return tr("Twilio refused the phone's access token as expired (error %1): check the computer's "
                  "clock and the token lifetime in the Twilio account settings.")
            .arg(code);
    case 31207:
        return tr("Twilio refused the phone's access token as valid for too long (error 31207): set a "
                  "token lifetime of 24 hours or less in the Twilio account settings.");
    case 31201:
        return tr("Twilio refused to authorise the phone (error 31201): check the API key SID, API key "
                  "secret and TwiML App SID in the Twilio account settings.");
    case 31401:
        return tr("The microphone was refused (error 31401): allow Switchboard to use the microphone, then "
                  "try again.");
    case 31402:
        return tr("The microphone cannot be used (error 31402): check that one is connected and not taken "
                  "by another program.");
    case 31486:
        return tr("The other side is busy.");
    case 31002:
    case 31603:
        return tr("The call was declined.");
    case 31008:
        return tr("The call was cancelled.");
    case 53405:
        return tr("The call's audio could not connect (error 53405): check the network, and that no "
                  "firewall blocks this computer's audio to Twilio.");
    default:
        return tr("Twilio reported error %1: %2")
            .arg(QString::number(code), message.isEmpty() ? tr("no details given") : message);
    }
}

} // namespace Engine
