#include "core/setup/SetupCheck.h"

#include "core/setup/PlannedChange.h"

#include <algorithm>

namespace Setup {
namespace {

QString numberName(const QString &e164)
{
    return PlannedChange { RemoteResource::Kind::Number, PlannedChange::Action::Keep, {}, e164, {} }.name();
}

CheckFinding problem(const QString &sentence, const QString &fix, const QString &number = {})
{
    return { false, sentence, fix, number };
}

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(not set)") : value;
}

} // namespace

QList<CheckFinding> SetupCheck::findings(const AccountLook &look, const WebhookUrls &urls,
                                         const QStringList &mappedNumbers, const QString &appSid,
                                         const QString &keySid)
{
    QList<CheckFinding> found;
    found.append({ true,
                   QStringLiteral("Twilio accepts the credentials of account %1 (%2).")
                       .arg(look.account.sid, look.account.friendlyName),
                   {},
                   {} });
    if (look.account.isTrial())
        found.append({ true, look.account.limits(), {}, {} });

    const QString connect = QStringLiteral("connect the account again (Settings page, or 'twilio connect')");
    const QString pointBack
        = QStringLiteral("point it back at this server: the Fix button on the Server page, or "
                         "connect the account again ('twilio connect').");
    for (const QString &e164 : mappedNumbers) {
        const auto number = std::find_if(look.numbers.cbegin(), look.numbers.cend(),
                                         [&](const RemoteResource &n) { return n.label == e164; });
        if (number == look.numbers.cend()) {
            found.append(
                problem(QStringLiteral("%1 is on the Numbers page but is not a number of account %2, "
                                       "so it never rings here.")
                            .arg(numberName(e164), look.account.sid),
                        QStringLiteral("remove it from the Numbers page, or buy or port it to the account "
                                       "in Twilio's console.")));
            continue;
        }
        const QString voiceUrl = number->fields.value(QStringLiteral("VoiceUrl"));
        const QString app = number->fields.value(QStringLiteral("VoiceApplicationSid"));
        if (!app.isEmpty())
            found.append(
                problem(QStringLiteral("%1 is answered by TwiML App %2, not by this server: its calls "
                                       "never ring here.")
                            .arg(numberName(e164), app),
                        pointBack, e164));
        else if (voiceUrl != urls.incoming)
            found.append(
                problem(QStringLiteral("%1's voice URL is %2, not %3: its calls never ring here (was it "
                                       "changed in Twilio's console?).")
                            .arg(numberName(e164), shown(voiceUrl), urls.incoming),
                        pointBack, e164));
        else if (number->fields.value(QStringLiteral("VoiceMethod")) != QLatin1String("POST"))
            found.append(
                problem(QStringLiteral("%1's voice URL is requested with %2, not POST: Twilio's "
                                       "requests would be refused.")
                            .arg(numberName(e164), number->fields.value(QStringLiteral("VoiceMethod"))),
                        pointBack, e164));
        else if (number->fields.value(QStringLiteral("StatusCallback")) != urls.status)
            found.append(
                problem(QStringLiteral("%1 rings here, but its status callback is %2, not %3: the call "
                                       "log misses how its calls end.")
                            .arg(numberName(e164),
                                 shown(number->fields.value(QStringLiteral("StatusCallback"))), urls.status),
                        pointBack, e164));
        else
            found.append(
                { true, QStringLiteral("%1 rings here (%2).").arg(numberName(e164), urls.incoming), {}, {} });
    }
    if (mappedNumbers.isEmpty())
        found.append(problem(QStringLiteral("No number on the Numbers page: no call rings here."),
                             QStringLiteral("choose the numbers this server answers: %1.").arg(connect)));

    if (appSid.isEmpty() || !look.app || look.app->sid != appSid)
        found.append(problem(
            appSid.isEmpty() ? QStringLiteral("No TwiML App is set: the phones cannot call out.")
                             : QStringLiteral("TwiML App %1 is not in account %2 any more: the phones cannot "
                                              "call out.")
                                   .arg(appSid, look.account.sid),
            QStringLiteral("%1.").arg(connect)));
    else if (look.app->fields.value(QStringLiteral("VoiceUrl")) != urls.outgoing)
        found.append(problem(
            QStringLiteral("TwiML App %1's voice URL is %2, not %3: the phones' calls out go "
                           "elsewhere.")
                .arg(appSid, shown(look.app->fields.value(QStringLiteral("VoiceUrl"))), urls.outgoing),
            QStringLiteral("%1.").arg(connect)));
    else
        found.append(
            { true,
              QStringLiteral("The phones call out through TwiML App %1 (%2).").arg(appSid, urls.outgoing),
              {},
              {} });

    if (!look.signInKeySid.isEmpty())
        found.append(
            { true,
              QStringLiteral("The phones' tokens are signed with API key %1.").arg(look.signInKeySid),
              {},
              {} });
    else if (keySid.isEmpty() || !look.key)
        found.append(problem(keySid.isEmpty()
                                 ? QStringLiteral("No API key is set: the phones get no tokens.")
                                 : QStringLiteral("API key %1 no longer exists at Twilio (or its secret "
                                                  "is not kept here): the phones' tokens are refused.")
                                       .arg(keySid),
                             QStringLiteral("%1; a new key is made.").arg(connect)));
    else
        found.append(
            { true, QStringLiteral("The phones' tokens are signed with API key %1.").arg(keySid), {}, {} });
    return found;
}

QStringList SetupCheck::lines(const QList<CheckFinding> &findings)
{
    QStringList lines;
    for (const CheckFinding &finding : findings)
        lines << (finding.ok ? QStringLiteral("ok: ") + finding.sentence
                             : QStringLiteral("PROBLEM: %1 Fix: %2").arg(finding.sentence, finding.fix));
    return lines;
}

bool SetupCheck::allOk(const QList<CheckFinding> &findings)
{
    return std::all_of(findings.cbegin(), findings.cend(), [](const CheckFinding &f) { return f.ok; });
}

} // namespace Setup
