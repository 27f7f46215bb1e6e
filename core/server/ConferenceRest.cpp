#include "core/server/ConferenceRest.h"

#include "core/rest/TwilioRestClient.h"
#include "core/routing/RoutingDecision.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/SimulatedCalls.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

QString trueOrFalse(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString participantPath(const QString &conferenceSid, const QString &label)
{
    return QStringLiteral("Conferences/%1/Participants/%2.json").arg(conferenceSid, label);
}

} // namespace

ConferenceRest::ConferenceRest(const ServerSettings &settings)
    : m_settings(settings)
{ }

QString ConferenceRest::publicUrl(const QString &path) const
{
    QString base = m_settings.publicBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + path;
}

void ConferenceRest::send(const QString &room, bool creates, const QString &resource, const QUrlQuery &form,
                          const QString &what, const std::function<void(const Rest::ApiReply &)> &done) const
{
    const bool simulated = m_settings.simulatedCalls && m_settings.simulatedCalls->plays(room);
    const auto access = Rest::ApiAccess::forAccount(m_settings.account,
                                                    simulated ? m_settings.ownUrl : m_settings.twilioApiUrl);
    if (!access) {
        Rest::ApiReply none;
        none.problem = QStringLiteral("no Twilio REST access: %1").arg(access.error());
        done(none);
        return;
    }
    auto *client = new Rest::TwilioRestClient(*access);
    auto answered = [client, done](const Rest::ApiReply &answer) {
        client->deleteLater();
        done(answer);
    };
    if (creates)
        client->create(resource, form, what, answered);
    else
        client->update(resource, form, what, answered);
}

void ConferenceRest::callIn(const Routing::ConferenceParty &party, bool endsConference,
                            const CalledIn &done) const
{
    QUrlQuery statusQuery;
    statusQuery.addQueryItem(QStringLiteral("room"), party.room);
    statusQuery.addQueryItem(QStringLiteral("label"), party.label);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("From"), party.from);
    form.addQueryItem(QStringLiteral("To"), party.to);
    form.addQueryItem(QStringLiteral("Label"), party.label);
    form.addQueryItem(QStringLiteral("Timeout"), QString::number(party.timeoutSeconds));
    form.addQueryItem(QStringLiteral("Beep"), QStringLiteral("false"));
    form.addQueryItem(QStringLiteral("StartConferenceOnEnter"), QStringLiteral("true"));
    form.addQueryItem(QStringLiteral("EndConferenceOnExit"), trueOrFalse(endsConference));
    form.addQueryItem(QStringLiteral("StatusCallback"),
                      publicUrl(Routing::WebhookPaths::party()) + u'?'
                          + statusQuery.toString(QUrl::FullyEncoded));
    form.addQueryItem(QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST"));
    // No StatusCallbackEvent: Twilio's default, "completed", tells how the leg ended, which is all that is
    // acted on; its joining and leaving come through the conference's own callbacks, which the caller's
    // <Conference statusCallback> asked for. Not asked for here as well (ConferenceStatusCallback): its
    // events are a form array, which Prism cannot check, and a person answers long after the caller's
    // TwiML put it in the conference.
    send(party.room, true, QStringLiteral("Conferences/%1/Participants.json").arg(party.room), form,
         QStringLiteral("call %1 into conference %2").arg(party.to, party.room),
         [done](const Rest::ApiReply &answer) {
             if (!answer.isOk())
                 done(Failure(answer.problem));
             else
                 done(answer.json().value(QStringLiteral("call_sid")).toString());
         });
}

void ConferenceRest::setHold(const QString &room, const QString &conferenceSid, const QString &label,
                             bool hold, const Done &done) const
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("Hold"), trueOrFalse(hold));
    if (hold) {
        form.addQueryItem(QStringLiteral("HoldUrl"), publicUrl(Routing::WebhookPaths::hold()));
        form.addQueryItem(QStringLiteral("HoldMethod"), QStringLiteral("POST"));
    }
    send(room, false, participantPath(conferenceSid, label), form,
         QStringLiteral("%1 %2 of call %3")
             .arg(hold ? QStringLiteral("hold") : QStringLiteral("resume"), label, room),
         [done](const Rest::ApiReply &answer) { done(answer.problem); });
}

void ConferenceRest::setEndsConference(const QString &room, const QString &conferenceSid,
                                       const QString &label, bool ends, const Done &done) const
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("EndConferenceOnExit"), trueOrFalse(ends));
    send(room, false, participantPath(conferenceSid, label), form,
         QStringLiteral("let %1 of call %2 %3 the call on leaving")
             .arg(label, room, ends ? QStringLiteral("end") : QStringLiteral("not end")),
         [done](const Rest::ApiReply &answer) { done(answer.problem); });
}

void ConferenceRest::endLeg(const QString &room, const QString &callSid, bool calledOff, const QString &what,
                            const Done &done) const
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("Status"),
                      calledOff ? QStringLiteral("canceled") : QStringLiteral("completed"));
    updateCall(room, callSid, form,
               (calledOff ? QStringLiteral("call off %1") : QStringLiteral("hang up %1")).arg(what), done);
}

void ConferenceRest::updateCall(const QString &room, const QString &callSid, const QUrlQuery &form,
                                const QString &what, const Done &done) const
{
    send(room, false, QStringLiteral("Calls/%1.json").arg(callSid), form, what,
         [done](const Rest::ApiReply &answer) { done(answer.problem); });
}

void ConferenceRest::sendCallerOn(const QString &room, const QString &dialCallStatus) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("DialCallStatus"), dialCallStatus);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("Url"),
                      publicUrl(Routing::WebhookPaths::dialComplete()) + u'?'
                          + query.toString(QUrl::FullyEncoded));
    form.addQueryItem(QStringLiteral("Method"), QStringLiteral("POST"));
    updateCall(room, room, form, QStringLiteral("send call %1 on after %2").arg(room, dialCallStatus),
               [](const QString &problem) {
                   if (!problem.isEmpty())
                       qCInfo(lcServer).noquote() << problem;
               });
}

} // namespace Server
