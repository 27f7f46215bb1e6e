#pragma once

// What the call router may decide differently per deployment: timeouts, region, toll-fraud guard, wording.

#include "core/phone/DefaultRegion.h"
#include "core/phone/NumberType.h"
#include "core/routing/DialTimeout.h"
#include "core/routing/VoicemailLength.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Routing {

struct RoutingSettings
{
    // For numbers written without +CC; also the home region, the one outgoing calls reach by default.
    QString defaultRegion = Phone::defaultRegion();
    int dialTimeout = DialTimeout::defaultSeconds; // seconds a call rings: then voicemail, or the end
    // ISO regions ("JP", "US") outgoing calls may reach; empty: defaultRegion alone (TollFraudGuard).
    QStringList allowedRegions;
    // Number types refused by default (premium-rate, satellite, ...) that outgoing calls may reach anyway.
    QList<Phone::NumberType> allowedNumberTypes;
    int voicemailMaxLength = VoicemailLength::defaultSeconds; // <Record maxLength>, seconds
    // Twilio's transcription of each message (<Record transcribe>): billed per minute, English only.
    bool transcribeVoicemail = false;
    QString language = QStringLiteral("en-US"); // <Say language>
    // Call control (hold, transfer, added parties): every call goes through a conference of its own, the
    // server calls the other party in through Twilio's REST API, and each conference minute is billed.
    // Off: the seed's <Dial><Client> and <Dial><Number>, byte for byte.
    bool callControl = false;

    QString notInServiceMessage = QStringLiteral("The number you have called is not in service. Goodbye.");
    QString voicemailPrompt = QStringLiteral(
        "The person you are calling is not available. Please leave a message after the tone.");
    QString voicemailThanks = QStringLiteral("Thank you. Your message has been recorded. Goodbye.");
    QString callRefusedMessage = QStringLiteral("This call cannot be placed: %1. Goodbye.");
    QString holdMessage = QStringLiteral("Please hold. You will be back in the call shortly.");
    QString technicalProblemMessage
        = QStringLiteral("Sorry, a technical problem prevents this call. Goodbye.");
};

} // namespace Routing
