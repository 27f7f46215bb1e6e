#pragma once

// What the call router may decide differently per deployment: timeouts, region, toll-fraud guard, wording.

#include <QString>
#include <QStringList>

namespace Routing {

struct RoutingSettings
{
    QString defaultRegion = QStringLiteral("JP"); // for numbers written without +CC, as in the seed
    int dialTimeout = 60; // seconds a client rings before voicemail
    QString dialCompletePath = QStringLiteral("/voice/dial-complete");
    // Country calling codes ("81", "1") outgoing calls may reach; empty allows every country.
    QStringList allowedCountryCodes;
    int voicemailMaxLength = 120;
    QString language = QStringLiteral("en-US"); // <Say language>

    QString notInServiceMessage = QStringLiteral("The number you have called is not in service. Goodbye.");
    QString voicemailPrompt = QStringLiteral(
        "The person you are calling is not available. Please leave a message after the tone.");
    QString voicemailThanks = QStringLiteral("Thank you. Your message has been recorded. Goodbye.");
    QString callRefusedMessage = QStringLiteral("This call cannot be placed: %1. Goodbye.");
    QString technicalProblemMessage
        = QStringLiteral("Sorry, a technical problem prevents this call. Goodbye.");
};

} // namespace Routing
