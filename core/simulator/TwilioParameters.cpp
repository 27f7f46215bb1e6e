#include "core/simulator/TwilioParameters.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/webhook/CallStatus.h"

#include <QLocale>
#include <QRandomGenerator>

namespace Simulator {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

struct Party
{
    QString address; // E.164 when it could be read, else as given
    QString country;
    QString nationalDigits; // the seed's CalledVia/ForwardedFrom form: 05031234567
};

Party partyOf(const QString &text, const QString &region)
{
    const auto number = Phone::PhoneNumber::parse(text, region);
    if (!number)
        return { text, QString(), QString() };
    QString digits = number->national();
    digits.removeIf([](QChar c) { return !c.isDigit(); });
    return { number->e164(), number->regionCode(), digits };
}

} // namespace

QString TwilioParameters::newSid(const QString &prefix)
{
    static const char hex[] = "0123456789abcdef";
    QString sid = prefix;
    sid.reserve(prefix.size() + 32);
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < 32; ++i)
        sid += QLatin1Char(hex[random->bounded(16)]);
    return sid;
}

Webhook::FormParameters TwilioParameters::incomingCall(const QString &accountSid, const QString &callSid,
                                                       const QString &from, const QString &to,
                                                       const QString &region)
{
    const Party caller = partyOf(from, region);
    const Party called = partyOf(to, region);
    // Twilio knows no more of a caller's location than the country: city, state and zip stay empty,
    // as in the seed.
    return {
        { QStringLiteral("AccountSid"), accountSid },
        { QStringLiteral("ApiVersion"), apiVersion },
        { QStringLiteral("Called"), called.address },
        { QStringLiteral("CalledCity"), QString() },
        { QStringLiteral("CalledCountry"), called.country },
        { QStringLiteral("CalledState"), QString() },
        { QStringLiteral("CalledVia"), called.nationalDigits },
        { QStringLiteral("CalledZip"), QString() },
        { QStringLiteral("Caller"), caller.address },
        { QStringLiteral("CallerCity"), QString() },
        { QStringLiteral("CallerCountry"), caller.country },
        { QStringLiteral("CallerState"), QString() },
        { QStringLiteral("CallerZip"), QString() },
        { QStringLiteral("CallSid"), callSid },
        { QStringLiteral("CallStatus"), CallStatuses::name(CallStatus::Ringing) },
        { QStringLiteral("Direction"), QStringLiteral("inbound") },
        { QStringLiteral("ForwardedFrom"), called.nationalDigits },
        { QStringLiteral("From"), caller.address },
        { QStringLiteral("FromCity"), QString() },
        { QStringLiteral("FromCountry"), caller.country },
        { QStringLiteral("FromState"), QString() },
        { QStringLiteral("FromZip"), QString() },
        { QStringLiteral("To"), called.address },
        { QStringLiteral("ToCity"), QString() },
        { QStringLiteral("ToCountry"), called.country },
        { QStringLiteral("ToState"), QString() },
        { QStringLiteral("ToZip"), QString() },
    };
}

Webhook::FormParameters TwilioParameters::participantCall(const QString &accountSid, const QString &callSid,
                                                          const QString &from, const QString &to)
{
    return {
        { QStringLiteral("AccountSid"), accountSid },
        { QStringLiteral("ApiVersion"), apiVersion },
        { QStringLiteral("CallSid"), callSid },
        { QStringLiteral("CallStatus"), CallStatuses::name(CallStatus::Queued) },
        { QStringLiteral("Direction"), QStringLiteral("outbound-api") },
        { QStringLiteral("From"), from },
        { QStringLiteral("To"), to },
    };
}

Webhook::FormParameters TwilioParameters::outgoingCall(const QString &accountSid,
                                                       const QString &applicationSid, const QString &callSid,
                                                       const QString &clientName, const QString &to)
{
    const QString client = Phone::ClientAddress::addressOf(clientName);
    // Called stays empty even when the client names a To: Twilio only passes the client's parameters on.
    return {
        { QStringLiteral("AccountSid"), accountSid },
        { QStringLiteral("ApiVersion"), apiVersion },
        { QStringLiteral("ApplicationSid"), applicationSid },
        { QStringLiteral("Called"), QString() },
        { QStringLiteral("Caller"), client },
        { QStringLiteral("CallSid"), callSid },
        { QStringLiteral("CallStatus"), CallStatuses::name(CallStatus::Ringing) },
        { QStringLiteral("Direction"), QStringLiteral("inbound") },
        { QStringLiteral("From"), client },
        { QStringLiteral("To"), to },
    };
}

Webhook::FormParameters TwilioParameters::statusCallback(const Webhook::FormParameters &call,
                                                         const QString &status, int sequenceNumber,
                                                         int duration, const QDateTime &timestamp)
{
    Webhook::FormParameters parameters;
    for (const char *name : { "AccountSid", "ApiVersion", "CallSid" })
        parameters.append(QLatin1String(name), call.value(QLatin1String(name)));
    parameters.append(QStringLiteral("CallStatus"), status);
    if (duration >= 0)
        parameters.append(QStringLiteral("CallDuration"), QString::number(duration));
    parameters.append(QStringLiteral("Timestamp"), rfc2822(timestamp));
    parameters.append(QStringLiteral("SequenceNumber"), QString::number(sequenceNumber));
    parameters.append(QStringLiteral("CallbackSource"), QStringLiteral("call-progress-events"));
    for (const char *name : { "Direction", "From", "To" })
        parameters.append(QLatin1String(name), call.value(QLatin1String(name)));
    return parameters;
}

QString TwilioParameters::rfc2822(const QDateTime &time)
{
    // The C locale: English day and month names whatever the user's language.
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss '+0000'"));
}

} // namespace Simulator
