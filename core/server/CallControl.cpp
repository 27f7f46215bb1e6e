#include "core/server/CallControl.h"

#include "core/routing/PartyLabel.h"
#include "core/routing/RoutingDecision.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/SimulatedCalls.h"
#include "core/store/CallLog.h"
#include "core/store/CallStory.h"
#include "core/store/ConferenceStore.h"
#include "core/webhook/CallStatus.h"

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

} // namespace

CallControl::CallControl(std::shared_ptr<Store::Database> database, const ServerSettings &settings,
                         StoreThenReply storeThenReply)
    : m_database(std::move(database))
    , m_settings(settings)
    , m_storeThenReply(std::move(storeThenReply))
    , m_rest(m_settings)
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
    m_rest.callIn(party, true, [database = m_database, callee, done](Result<QString> callSid) mutable {
        if (!callSid)
            return done(callSid.error());
        callee.callSid = *callSid;
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
        state = before == joined() ? joined() : answered(); // the conference may have told first
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
        m_rest.sendCallerOn(room, dialStatus);
        record.outcome = QStringLiteral("%1 of %2 ended %3 before answering: the caller goes on")
                             .arg(label, room, status);
    } else if (CallStatuses::isFinal(*parsed) && !tookPart && Routing::PartyLabel::isBroughtIn(label)) {
        Store::StoryEvent told;
        told.event = Store::StoryEvent::noShow();
        told.party = label;
        told.address = party.address;
        told.detail = status;
        Store::CallStory(m_database).tell(room, told);
        afterNoShow(room);
        record.outcome = QStringLiteral("%1 of %2 ended %3 before answering").arg(label, room, status);
    } else {
        record.outcome = QStringLiteral("%1 of %2 is %3").arg(label, room, status);
    }
    reply(HttpResponse::noContent(), std::move(record));
}

void CallControl::callOff(const QString &room, const QString &onlyLabel) const
{
    const auto parties = Store::ConferenceStore(m_database).parties(room);
    if (!parties) {
        qCWarning(lcServer).noquote() << parties.error();
        return;
    }
    for (const Store::RoomParty &party : *parties) {
        if (party.state != calling() || party.callSid.isEmpty()
            || (!onlyLabel.isEmpty() && party.label != onlyLabel))
            continue;
        m_rest.endLeg(room, party.callSid, true, QStringLiteral("%1 of call %2").arg(party.label, room),
                      [](const QString &problem) {
                          if (!problem.isEmpty())
                              qCInfo(lcServer).noquote() << problem;
                      });
    }
}

void CallControl::resume(const Store::RoomParty &party) const
{
    m_rest.setHold(party.room, party.conferenceSid, party.label, false,
                   [database = m_database, party](const QString &problem) {
                       if (!problem.isEmpty()) {
                           qCWarning(lcServer).noquote() << problem;
                           return;
                       }
                       if (const auto noted
                           = Store::ConferenceStore(database).setHold(party.room, party.label, false);
                           !noted)
                           qCWarning(lcServer).noquote() << noted.error();
                       Store::StoryEvent told;
                       told.event = Store::StoryEvent::resumed();
                       told.party = party.label;
                       told.address = party.address;
                       Store::CallStory(database).tell(party.room, told);
                   });
}

void CallControl::afterNoShow(const QString &room) const
{
    const auto parties = Store::ConferenceStore(m_database).parties(room);
    if (!parties) {
        qCWarning(lcServer).noquote() << parties.error();
        return;
    }
    const auto presentLabel = [&](const QString &label) {
        return std::any_of(parties->cbegin(), parties->cend(), [&](const Store::RoomParty &party) {
            return party.label == label && party.isPresent();
        });
    };
    QList<Store::RoomParty> held;
    QList<Store::RoomParty> present;
    for (const Store::RoomParty &party : *parties) {
        if (party.isPresent())
            present.append(party);
        if (party.isPresent() && party.onHold)
            held.append(party);
    }
    const bool bringerStayed = std::any_of(held.cbegin(), held.cend(), [&](const Store::RoomParty &party) {
        return !party.heldBy.isEmpty() && presentLabel(party.heldBy);
    });
    if (held.isEmpty())
        return;
    if (bringerStayed) {
        for (const Store::RoomParty &party : held)
            resume(party);
        return;
    }
    if (presentLabel(Routing::PartyLabel::caller())) {
        m_rest.sendCallerOn(room, CallStatuses::name(CallStatus::NoAnswer));
        return;
    }
    for (const Store::RoomParty &party : present) {
        m_rest.endLeg(room, party.callSid, false,
                      QStringLiteral("%1 of call %2, left alone").arg(party.label, room),
                      [](const QString &problem) {
                          if (!problem.isEmpty())
                              qCInfo(lcServer).noquote() << problem;
                      });
    }
}

void CallControl::settle(const QString &room, const QString &event, const QString &label) const
{
    const auto parties = Store::ConferenceStore(m_database).parties(room);
    if (!parties) {
        qCWarning(lcServer).noquote() << parties.error();
        return;
    }
    QList<Store::RoomParty> free;
    for (const Store::RoomParty &party : *parties)
        if (party.isPresent() && !party.onHold)
            free.append(party);
    const bool broughtInLeft
        = event == QLatin1String("participant-leave") && Routing::PartyLabel::isBroughtIn(label);
    for (const Store::RoomParty &party : *parties) {
        if (!party.isPresent() || !party.onHold || party.heldBy.isEmpty())
            continue;
        const bool holderThere = std::any_of(free.cbegin(), free.cend(), [&](const Store::RoomParty &other) {
            return other.label == party.heldBy;
        });
        if (holderThere ? broughtInLeft && free.size() == 1 : !free.isEmpty())
            resume(party);
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
    if (!label.isEmpty()
        && (event == QLatin1String("participant-join") || event == QLatin1String("participant-leave"))) {
        Store::StoryEvent told;
        told.event = event == QLatin1String("participant-join") ? Store::StoryEvent::joined()
                                                                : Store::StoryEvent::left();
        told.party = label;
        if (const auto known = store.party(room, label); known && *known)
            told.address = (*known)->address;
        Store::CallStory(m_database).tell(room, told);
    }
    const std::optional<Store::CallEvent> outcome = outcomeOf(event, label, room);
    if (event == QLatin1String("conference-end"))
        callOff(room);
    else if (event == QLatin1String("participant-leave") && label == Routing::PartyLabel::caller())
        callOff(room, Routing::PartyLabel::callee()); // the caller gave up before the party answered
    if (event == QLatin1String("participant-join") || event == QLatin1String("participant-leave"))
        settle(room, event, label);
    record.outcome = QStringLiteral("conference %1: %2%3")
                         .arg(room, event, label.isEmpty() ? QString() : QStringLiteral(" of ") + label);
    if (outcome && m_storeThenReply) {
        m_storeThenReply(*outcome, HttpResponse::noContent(), storeUnavailable(), std::move(record), reply);
        return;
    }
    reply(HttpResponse::noContent(), std::move(record));
}

} // namespace Server
