#pragma once

// The Twilio account settings tokens are made from, and the checks on their form.

#include "core/common/Result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Config {

struct TwilioAccount
{
    QString accountSid; // AC...
    QByteArray authToken; // signs capability tokens and webhook signatures
    QString apiKeySid; // SK...
    QByteArray apiKeySecret; // signs access tokens
    QString twimlAppSid; // AP...

    // From TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_TWIML_APP_SID.
    static TwilioAccount fromEnvironment(const QProcessEnvironment &environment);

    // What is needed for each kind of token: a list of sentences, each naming the variable to fix.
    QStringList problemsForCapabilityToken() const;
    QStringList problemsForAccessToken() const;

    // An access token for a Voice SDK client named identity: it may receive calls and place them through
    // the TwiML App. now: seconds since the epoch it is issued at.
    Result<QByteArray> voiceAccessToken(const QString &identity, int ttlSeconds, qint64 now) const;
    // The same rights as a capability token (the seed's legacy SDK), signed with the auth token.
    Result<QByteArray> voiceCapabilityToken(const QString &clientName, int ttlSeconds, qint64 now) const;

    // Empty when sid is prefix + 32 hex digits (Twilio's SID form), else why not.
    static QString sidProblem(const QString &sid, const QString &prefix, const QString &what);
    // Whether typed can still become such a SID by typing on: a form can say at once what cannot.
    static bool couldBecomeSid(const QString &typed, const QString &prefix);
};

} // namespace Config
