#include "core/server/CallControl.h"

#include "core/rest/TwilioRestClient.h"
#include "core/routing/PartyLabel.h"
#include "core/routing/RoutingDecision.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/SimulatedCalls.h"
#include "core/store/CallLog.h"
#include "core/store/ConferenceStore.h"
#include "core/webhook/CallStatus.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

QString joined()
{
    return QStringLiteral("joined");
}
QString answered()
{
    return QStringLiteral("answered");
}
QString calling()
{
    return QStringLiteral("calling");
}
QString left()
{
    return QStringLiteral("left");
}

HttpResponse storeUnavailable()
{
    return HttpResponse::error(500, QStringLiteral("the call's state could not be stored"));
}

// Runs step on each item in turn, each once the one before is done; finished gets the first problem, or an
// empty sentence.
template<typename Item>
void eachInTurn(QList<Item> items, const std::function<void(const Item &, const CallControl::Done &)> &step,
                const CallControl::Done &finished)
{
    if (items.isEmpty()) {
        finished(QString());
        return;
    }
    const Item first = items.takeFirst();
    step(first, [items = std::move(items), step, finished](const QString &problem) {
        if (!problem.isEmpty())
            finished(problem);
        else
            eachInTurn(items, step, finished);
    });
}

} // namespace

CallControl::CallControl(std::shared_ptr<Store::Database> database, const ServerSettings &settings,
                         StoreThenReply storeThenReply)
    : m_database(std::move(database))
    , m_settings(settings)
    , m_storeThenReply(std::move(storeThenReply))
{ }

std::optional<Store::CallEvent> CallControl::outcomeOf(const QString &event, const QString &label,
                                                       const QString &room) const
{
    Store::CallEvent outcome;
    outcome.callSid = room;
    // Not final, and without a sequence: Twilio's own callbacks keep the row's status (Store::CallUpsert).
    outcome.status = CallStatuses::name(CallStatus::InProgress);
    outcome.timestamp = QDateTime::currentDateTimeUtc();
    if (event == QLatin1String("participant-join") && label == Routing::PartyLabel::callee()) {
        outcome.outcome = Store::CallResult::Answered;
        return outcome;
    }
    if (event != QLatin1String("participant-leave") || label != Routing::PartyLabel::caller())
        return std::nullopt;
    Store::ConferenceStore store(m_database);
    const auto callee = store.party(room, Routing::PartyLabel::callee());
    const auto caller = store.party(room, Routing::PartyLabel::caller());
    if (!callee || !*callee || (*callee)->state != calling() || !caller || !*caller)
        return std::nullopt;
    // A client's own call is one it gave up on; an outside caller's is a missed call.
    const bool incoming = (*caller)->clientName.isEmpty();
    outcome.outcome = Store::CallResults::ofDial(CallStatuses::name(CallStatus::Canceled), incoming);
    return outcome;
}

Rest::TwilioRestClient *CallControl::restClient(const QString &room, QString *problem) const
{
    // A call the server's own simulator placed is changed there; every other at Twilio.
    const bool simulated = m_settings.simulatedCalls && m_settings.simulatedCalls->plays(room);
    const auto access = Rest::ApiAccess::forAccount(m_settings.account,
                                                    simulated ? m_settings.ownUrl : m_settings.twilioApiUrl);
    if (!access) {
        *problem = QStringLiteral("no Twilio REST access: %1").arg(access.error());
        return nullptr;
    }
    return new Rest::TwilioRestClient(*access);
}

QString CallControl::publicUrl(const QString &path) const
{
    QString base = m_settings.publicBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + path;
}

void CallControl::callParty(const Routing::ConferenceParty &party, const Store::RoomParty &caller,
                            const Done &done) const
{
    Store::ConferenceStore store(m_database);
    Store::RoomParty callee;
    callee.room = party.room;
    callee.label = party.label;
    callee.clientName = party.clientName;
    callee.address = party.to;
    callee.state = calling();
    if (const auto noted = store.addParty(caller); !noted)
        return done(noted.error());
    if (const auto noted = store.addParty(callee); !noted)
        return done(noted.error());
    QString problem;
    Rest::TwilioRestClient *client = restClient(party.room, &problem);
    if (!client)
        return done(problem);

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
    form.addQueryItem(QStringLiteral("EndConferenceOnExit"), QStringLiteral("true"));
    form.addQueryItem(QStringLiteral("StatusCallback"),
                      publicUrl(Routing::WebhookPaths::party()) + u'?'
                          + statusQuery.toString(QUrl::FullyEncoded));
    form.addQueryItem(QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST"));
    // No StatusCallbackEvent: Twilio's default, "completed", tells how the leg ended, which is all that is
    // acted on; its joining and leaving come through the conference's own callbacks.
    client->create(QStringLiteral("Conferences/%1/Participants.json").arg(party.room), form,
                   QStringLiteral("call %1 into conference %2").arg(party.to, party.room),
                   [client, database = m_database, callee, done](const Rest::ApiReply &answer) mutable {
                       client->deleteLater();
                       if (!answer.isOk())
                           return done(answer.problem);
                       callee.callSid = answer.json().value(QStringLiteral("call_sid")).toString();
                       callee.state.clear(); // a callback may have told more already
                       if (const auto noted = Store::ConferenceStore(database).addParty(callee); !noted)
                           qCWarning(lcServer).noquote() << "party" << callee.label << "of" << callee.room
                                                         << "is called, but not noted:" << noted.error();
                       done(QString());
                   });
}

void CallControl::partyStatus(const Webhook::FormParameters &parameters, RequestRecord record,
                              const Reply &reply) const
{
    const QString room = parameters.value(QStringLiteral("room"));
    const QString label = parameters.value(QStringLiteral("label"));
    const QString callSid = parameters.value(QStringLiteral("CallSid"));
    const QString status = parameters.value(QStringLiteral("CallStatus"));
    const auto parsed = CallStatuses::parse(status);
    if (room.isEmpty() || label.isEmpty() || callSid.isEmpty() || !parsed) {
        reply(HttpResponse::error(400,
                                  QStringLiteral("a party's status needs room, label, CallSid and a "
                                                 "CallStatus")),
              std::move(record));
        return;
    }
    Store::ConferenceStore store(m_database);
    const auto known = store.party(room, label);
    if (!known) {
        record.outcome = known.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    if (!*known) {
        record.outcome = QStringLiteral("call %1 has no party %2").arg(room, label);
        reply(HttpResponse::error(404, QStringLiteral("no such party")), std::move(record));
        return;
    }
    const QString before = (*known)->state;
    const bool tookPart = before == joined() || before == answered() || before == left();
    QString state;
    if (*parsed == CallStatus::InProgress)
        state = answered();
    else if (CallStatuses::isFinal(*parsed))
        state = tookPart ? left() : status;
    else if (!tookPart)
        state = calling();
    Store::RoomParty party = **known;
    party.callSid = callSid;
    party.state = state;
    if (const auto noted = store.addParty(party); !noted) {
        record.outcome = noted.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    // Never there: the caller, who waits alone, goes on as after a <Dial> that ended so.
    if (CallStatuses::isFinal(*parsed) && !tookPart && label == Routing::PartyLabel::callee()) {
        const QString dialStatus = *parsed == CallStatus::Completed || *parsed == CallStatus::Canceled
            ? CallStatuses::name(CallStatus::NoAnswer)
            : status;
        sendCallerOn(room, dialStatus);
        record.outcome = QStringLiteral("%1 of %2 ended %3 before answering: the caller goes on")
                             .arg(label, room, status);
    } else {
        record.outcome = QStringLiteral("%1 of %2 is %3").arg(label, room, status);
    }
    reply(HttpResponse::noContent(), std::move(record));
}

void CallControl::sendCallerOn(const QString &room, const QString &dialCallStatus) const
{
    QString problem;
    Rest::TwilioRestClient *client = restClient(room, &problem);
    if (!client) {
        qCWarning(lcServer).noquote() << "call" << room << "cannot go on:" << problem;
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("DialCallStatus"), dialCallStatus);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("Url"),
                      publicUrl(Routing::WebhookPaths::dialComplete()) + u'?'
                          + query.toString(QUrl::FullyEncoded));
    form.addQueryItem(QStringLiteral("Method"), QStringLiteral("POST"));
    client->update(QStringLiteral("Calls/%1.json").arg(room), form,
                   QStringLiteral("send call %1 on after %2").arg(room, dialCallStatus),
                   [client, room](const Rest::ApiReply &answer) {
                       client->deleteLater();
                       // The caller may have hung up meanwhile: nothing is left to send on.
                       if (!answer.isOk())
                           qCInfo(lcServer).noquote() << answer.problem;
                   });
}

void CallControl::callOff(const QString &room) const
{
    const auto parties = Store::ConferenceStore(m_database).parties(room);
    if (!parties) {
        qCWarning(lcServer).noquote() << parties.error();
        return;
    }
    for (const Store::RoomParty &party : *parties) {
        if (party.state != calling() || party.callSid.isEmpty())
            continue;
        QString problem;
        Rest::TwilioRestClient *client = restClient(room, &problem);
        if (!client) {
            qCWarning(lcServer).noquote()
                << "party" << party.label << "of" << room << "cannot be called off:" << problem;
            return;
        }
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("Status"), QStringLiteral("canceled"));
        client->update(QStringLiteral("Calls/%1.json").arg(party.callSid), form,
                       QStringLiteral("call off %1 of call %2").arg(party.label, room),
                       [client](const Rest::ApiReply &answer) {
                           client->deleteLater();
                           if (!answer.isOk())
                               qCInfo(lcServer).noquote() << answer.problem;
                       });
    }
}

void CallControl::conferenceEvent(const Webhook::FormParameters &parameters, RequestRecord record,
                                  const Reply &reply) const
{
    const QString room = parameters.value(QStringLiteral("FriendlyName"));
    const QString conferenceSid = parameters.value(QStringLiteral("ConferenceSid"));
    const QString event = parameters.value(QStringLiteral("StatusCallbackEvent"));
    if (room.isEmpty() || conferenceSid.isEmpty() || event.isEmpty()) {
        reply(HttpResponse::error(400,
                                  QStringLiteral("a conference callback needs FriendlyName, "
                                                 "ConferenceSid and StatusCallbackEvent")),
              std::move(record));
        return;
    }
    Store::ConferenceStore store(m_database);
    Result<void> noted = store.setConferenceSid(room, conferenceSid);
    const QString label = parameters.value(QStringLiteral("ParticipantLabel"));
    const QString callSid = parameters.value(QStringLiteral("CallSid"));
    if (noted && !label.isEmpty() && event.startsWith(QLatin1String("participant-"))) {
        Store::RoomParty party;
        party.room = room;
        party.label = label;
        party.callSid = callSid;
        if (event == QLatin1String("participant-join"))
            party.state = joined();
        else if (event == QLatin1String("participant-leave"))
            party.state = left();
        noted = store.addParty(party);
        if (noted
            && (event == QLatin1String("participant-hold") || event == QLatin1String("participant-unhold")))
            noted = store.setHold(room, label, event == QLatin1String("participant-hold"));
        // addParty() gave the party the room's SID if it is new.
        if (noted && event == QLatin1String("participant-join"))
            noted = store.setConferenceSid(room, conferenceSid);
    }
    if (!noted) {
        record.outcome = noted.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    const std::optional<Store::CallEvent> outcome = outcomeOf(event, label, room);
    if (event == QLatin1String("conference-end")
        || (event == QLatin1String("participant-leave") && label == Routing::PartyLabel::caller()))
        callOff(room);
    record.outcome = QStringLiteral("conference %1: %2%3")
                         .arg(room, event, label.isEmpty() ? QString() : QStringLiteral(" of ") + label);
    if (outcome && m_storeThenReply) {
        m_storeThenReply(*outcome, HttpResponse::noContent(), storeUnavailable(), std::move(record), reply);
        return;
    }
    reply(HttpResponse::noContent(), std::move(record));
}

void CallControl::setHold(const QString &clientName, const QString &callSid, bool hold, RequestRecord record,
                          const Reply &reply) const
{
    Store::ConferenceStore store(m_database);
    const auto own = store.partyOfCall(callSid);
    if (!own) {
        record.outcome = own.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    // Another client's call, or none: the same answer, so that a client learns nothing of calls not its own.
    if (!*own || (*own)->clientName != clientName) {
        record.outcome = QStringLiteral("refused: %1 is not a call of client %2").arg(callSid, clientName);
        reply(HttpResponse::error(404, QStringLiteral("you are not on that call")), std::move(record));
        return;
    }
    const Store::RoomParty self = **own;
    const auto parties = store.parties(self.room);
    if (!parties) {
        record.outcome = parties.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    QList<Store::RoomParty> others;
    for (const Store::RoomParty &party : *parties)
        if (party.label != self.label && party.state == joined())
            others.append(party);
    if (self.conferenceSid.isEmpty() || others.isEmpty()) {
        record.outcome = QStringLiteral("call %1 is not connected: nobody to hold").arg(self.room);
        reply(HttpResponse::error(409, QStringLiteral("the call is not connected yet")), std::move(record));
        return;
    }
    QString problem;
    Rest::TwilioRestClient *client = restClient(self.room, &problem);
    if (!client) {
        record.outcome = problem;
        reply(HttpResponse::error(503, QStringLiteral("this server cannot reach Twilio's REST API")),
              std::move(record));
        return;
    }
    const QString holdUrl = publicUrl(Routing::WebhookPaths::hold());
    auto step = [client, self, hold, holdUrl](const Store::RoomParty &party, const Done &done) {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("Hold"), hold ? QStringLiteral("true") : QStringLiteral("false"));
        if (hold) {
            form.addQueryItem(QStringLiteral("HoldUrl"), holdUrl);
            form.addQueryItem(QStringLiteral("HoldMethod"), QStringLiteral("POST"));
        }
        client->update(
            QStringLiteral("Conferences/%1/Participants/%2.json").arg(self.conferenceSid, party.label), form,
            QStringLiteral("%1 %2 of call %3")
                .arg(hold ? QStringLiteral("hold") : QStringLiteral("resume"), party.label, self.room),
            [done](const Rest::ApiReply &answer) { done(answer.problem); });
    };
    eachInTurn<Store::RoomParty>(
        others, step,
        [client, database = m_database, self, others, hold, record = std::move(record),
         reply](const QString &failure) mutable {
            client->deleteLater();
            if (!failure.isEmpty()) {
                record.outcome = failure;
                reply(HttpResponse::error(502,
                                          hold ? QStringLiteral("Twilio did not put the call on hold")
                                               : QStringLiteral("Twilio did not take the call off hold")),
                      std::move(record));
                return;
            }
            QJsonArray labels;
            for (const Store::RoomParty &party : others) {
                labels.append(party.label);
                // The conference's callback says so too; noted now, so that the answer and the store agree.
                if (const auto noted
                    = Store::ConferenceStore(database).setHold(party.room, party.label, hold);
                    !noted)
                    qCWarning(lcServer).noquote() << noted.error();
            }
            record.outcome = QStringLiteral("%1 call %2")
                                 .arg(hold ? QStringLiteral("held") : QStringLiteral("resumed"), self.room);
            reply(HttpResponse::json(
                      200, { { QStringLiteral("onHold"), hold }, { QStringLiteral("parties"), labels } }),
                  std::move(record));
        });
}

} // namespace Server
