#include "core/server/CallActions.h"

#include "core/phone/ClientAddress.h"
#include "core/routing/PartyLabel.h"
#include "core/server/ApiPaths.h"
#include "core/server/InTurn.h"
#include "core/store/CallStory.h"
#include "core/store/ConferenceStore.h"
#include "core/webhook/FormParameters.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

using Store::RoomParty;

Routing::RoutingSettings withCallControl(Routing::RoutingSettings settings)
{
    settings.callControl = true;
    return settings;
}

QJsonArray labelsOf(const QList<RoomParty> &parties)
{
    QJsonArray labels;
    for (const RoomParty &party : parties)
        labels.append(party.label);
    return labels;
}

// Notes in the call's story that self did event to party (none: to the call).
void tell(const std::shared_ptr<Store::Database> &database, const RoomParty &self, const QString &event,
          const RoomParty &party = RoomParty(), const QString &detail = QString())
{
    Store::StoryEvent told;
    told.event = event;
    told.party = party.label;
    told.address = party.address;
    told.actor = self.address;
    told.detail = detail;
    Store::CallStory(database).tell(self.room, told);
}

HttpResponse storeUnavailable()
{
    return HttpResponse::error(500, QStringLiteral("the call's state could not be read or stored"));
}

// How many parties phones brought into the room: the next one's number is one more.
int broughtIn(const QList<RoomParty> &parties)
{
    return int(std::count_if(parties.cbegin(), parties.cend(), [](const RoomParty &party) {
        return Routing::PartyLabel::isBroughtIn(party.label);
    }));
}

} // namespace

CallActions::CallActions(std::shared_ptr<Store::Database> database, const ServerSettings &settings)
    : m_database(std::move(database))
    , m_numbers(m_database, settings.routing.defaultRegion)
    , m_clients(m_database)
    , m_router(m_numbers, m_clients, withCallControl(settings.routing))
    , m_rest(settings)
{ }

std::optional<RoomParty> CallActions::ownParty(const QString &clientName, const QString &callSid,
                                               RequestRecord &record, const Reply &reply) const
{
    const auto own = Store::ConferenceStore(m_database).partyOfCall(callSid);
    if (!own) {
        record.outcome = own.error();
        reply(storeUnavailable(), std::move(record));
        return std::nullopt;
    }
    // Another client's call, or none: the same answer, so that a client learns nothing of calls not its own.
    if (!*own || (*own)->clientName != clientName || clientName.isEmpty()) {
        record.outcome = QStringLiteral("refused: %1 is not a call of client %2").arg(callSid, clientName);
        reply(HttpResponse::error(404, QStringLiteral("you are not on that call")), std::move(record));
        return std::nullopt;
    }
    return *own;
}

void CallActions::describe(const QString &clientName, const QString &callSid, RequestRecord record,
                           const Reply &reply) const
{
    const auto self = ownParty(clientName, callSid, record, reply);
    if (!self)
        return;
    // Only while on it: a client that left (transferred, declined) learns nothing of who comes later.
    if (!self->isPresent() && self->state != QLatin1String("calling")) {
        record.outcome
            = QStringLiteral("refused: client %1 is no longer on call %2").arg(clientName, self->room);
        reply(HttpResponse::error(404, QStringLiteral("you are not on that call")), std::move(record));
        return;
    }
    const auto parties = Store::ConferenceStore(m_database).parties(self->room);
    if (!parties) {
        record.outcome = parties.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    QJsonArray list;
    for (const RoomParty &party : *parties)
        list.append(QJsonObject { { QStringLiteral("label"), party.label },
                                  { QStringLiteral("address"), party.address },
                                  { QStringLiteral("state"), party.state },
                                  { QStringLiteral("onHold"), party.onHold },
                                  { QStringLiteral("you"), party.label == self->label } });
    record.outcome = QStringLiteral("call %1 has %2 parties").arg(self->room).arg(list.size());
    HttpResponse response = HttpResponse::json(200, { { QStringLiteral("parties"), list } });
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    reply(std::move(response), std::move(record));
}

void CallActions::perform(const Request &request, RequestRecord record, const Reply &reply) const
{
    auto refuse = [&](int status, const QString &sentence, const QString &outcome) {
        record.outcome = outcome;
        reply(HttpResponse::error(status, sentence), std::move(record));
    };
    const auto own = ownParty(request.clientName, request.callSid, record, reply);
    if (!own)
        return;
    const RoomParty &self = *own;
    Store::ConferenceStore store(m_database);
    const auto parties = store.parties(self.room);
    if (!parties) {
        record.outcome = parties.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    Parties present;
    for (const RoomParty &party : *parties)
        if (party.label != self.label && party.isPresent())
            present.append(party);
    if (self.conferenceSid.isEmpty() || !self.isPresent() || present.isEmpty())
        return refuse(409, QStringLiteral("the call is not connected yet"),
                      QStringLiteral("call %1 is not connected: nobody to act on").arg(self.room));

    const QString &action = request.action;
    if (action == ApiPaths::holdAction() || action == ApiPaths::resumeAction()) {
        // Every other party, whatever the store says of it: a conference callback that came late may have
        // noted a hold that is over, and Twilio takes a hold of a held party as nothing to do.
        setHold(self, present, action == ApiPaths::holdAction(), std::move(record), reply);
    } else if (action == ApiPaths::addAction() || action == ApiPaths::transferAction()) {
        bringIn(request, self, *parties, std::move(record), reply);
    } else if (action == ApiPaths::handOverAction()) {
        handOver(self, present, std::move(record), reply);
    } else if (action == ApiPaths::dropAction()) {
        drop(self, request.label, *parties, std::move(record), reply);
    } else {
        refuse(404, QStringLiteral("no such action: %1").arg(action.left(40)),
               QStringLiteral("unknown call action"));
    }
}

void CallActions::holdEach(const RoomParty &self, const Parties &parties, bool hold,
                           const ConferenceRest::Done &done) const
{
    const ConferenceRest &rest = m_rest;
    inTurn<RoomParty>(
        parties,
        [&rest, database = m_database, self, hold](const RoomParty &party, const ConferenceRest::Done &next) {
            rest.setHold(self.room, self.conferenceSid, party.label, hold,
                         [database, self, party, hold, next](const QString &problem) {
                             // The conference's callback says so too; noted now, so that the answer and
                             // the store agree, with who holds it, which the callback cannot tell.
                             if (problem.isEmpty()) {
                                 if (const auto noted = Store::ConferenceStore(database).setHold(
                                         party.room, party.label, hold, self.label);
                                     !noted)
                                     qCWarning(lcServer).noquote() << noted.error();
                                 tell(database, self,
                                      hold ? Store::StoryEvent::held() : Store::StoryEvent::resumed(), party);
                             }
                             next(problem);
                         });
        },
        done);
}

void CallActions::setHold(const RoomParty &self, const Parties &others, bool hold, RequestRecord record,
                          const Reply &reply) const
{
    holdEach(self, others, hold,
             [self, others, hold, record = std::move(record), reply](const QString &failure) mutable {
                 if (!failure.isEmpty()) {
                     record.outcome = failure;
                     reply(HttpResponse::error(502,
                                               hold
                                                   ? QStringLiteral("Twilio did not put the call on hold")
                                                   : QStringLiteral("Twilio did not take the call off hold")),
                           std::move(record));
                     return;
                 }
                 record.outcome = QStringLiteral("%1 %2 parties of call %3")
                                      .arg(hold ? QStringLiteral("held") : QStringLiteral("resumed"))
                                      .arg(others.size())
                                      .arg(self.room);
                 reply(HttpResponse::json(200,
                                          { { QStringLiteral("onHold"), hold },
                                            { QStringLiteral("parties"), labelsOf(others) } }),
                       std::move(record));
             });
}

void CallActions::leave(const RoomParty &self, const ConferenceRest::Done &done) const
{
    const ConferenceRest &rest = m_rest;
    rest.setEndsConference(self.room, self.conferenceSid, self.label, false,
                           [&rest, self, done](const QString &problem) {
                               if (!problem.isEmpty())
                                   return done(problem);
                               rest.endLeg(self.room, self.callSid, false,
                                           QStringLiteral("%1 of call %2").arg(self.label, self.room), done);
                           });
}

void CallActions::bringIn(const Request &request, const RoomParty &self, const Parties &parties,
                          RequestRecord record, const Reply &reply) const
{
    auto refuse = [&](int status, const QString &sentence) {
        record.outcome = QStringLiteral("refused: ") + sentence;
        reply(HttpResponse::error(status, sentence), std::move(record));
    };
    const bool transfer = request.action == ApiPaths::transferAction();
    const QString to = request.to.trimmed();
    if (to.isEmpty())
        return refuse(
            400, QStringLiteral("say whom to call: to=, a client, one of our numbers or a phone number"));
    Webhook::FormParameters asked;
    asked.append(QStringLiteral("From"), Phone::ClientAddress::addressOf(self.clientName));
    asked.append(QStringLiteral("To"), to);
    asked.append(QStringLiteral("CallSid"), self.room);
    const Routing::RoutingDecision decision = m_router.outgoing(asked);
    if (decision.refused || !decision.party) {
        QString why = decision.outcome;
        if (why.startsWith(QLatin1String("refused: ")))
            why = why.mid(9);
        return refuse(422, why);
    }
    Routing::ConferenceParty party = *decision.party;
    if (!party.clientName.isEmpty() && party.clientName == self.clientName)
        return refuse(422, QStringLiteral("you are already on this call"));
    for (const RoomParty &other : parties)
        if (other.address == party.to && (other.isPresent() || other.state == QLatin1String("calling")))
            return refuse(422, QStringLiteral("%1 is already on this call").arg(party.to));
    // A colleague sees who called, as if the call had come to them.
    for (const RoomParty &other : parties)
        if (other.label == Routing::PartyLabel::caller() && other.address.startsWith(u'+')
            && !party.clientName.isEmpty())
            party.from = other.address;

    Store::ConferenceStore store(m_database);
    RoomParty claimed;
    claimed.room = self.room;
    claimed.clientName = party.clientName;
    claimed.address = party.to;
    claimed.state = QStringLiteral("calling");
    // Two requests at once may count the same parties: the label is claimed, the loser takes the next.
    for (int number = broughtIn(parties) + 1; claimed.label.isEmpty() && number <= broughtIn(parties) + 10;
         ++number) {
        RoomParty candidate = claimed;
        candidate.label
            = transfer ? Routing::PartyLabel::transferTarget(number) : Routing::PartyLabel::added(number);
        const auto taken = store.claimParty(candidate);
        if (!taken) {
            record.outcome = taken.error();
            reply(storeUnavailable(), std::move(record));
            return;
        }
        if (*taken)
            claimed.label = candidate.label;
    }
    if (claimed.label.isEmpty())
        return refuse(409, QStringLiteral("too many parties are being added at once; try again"));
    party.label = claimed.label;

    Parties toHold;
    for (const RoomParty &other : parties)
        if (other.label != self.label && other.isPresent() && !other.onHold)
            toHold.append(other);
    const bool blind = transfer && !request.talkFirst;
    const QString doing = blind ? QStringLiteral("transfer")
        : transfer              ? QStringLiteral("talk-first transfer")
                                : QStringLiteral("add");
    record.outcome = QStringLiteral("%1 of call %2 to %3 as %4").arg(doing, self.room, party.to, party.label);

    // What ends the attempt without the party: it is noted as never there, and whom it held comes back
    // (resuming one not held is nothing to Twilio).
    auto failed = [this, self, party, toHold, record, reply](int status, const QString &sentence,
                                                             const QString &problem) mutable {
        if (const auto noted
            = Store::ConferenceStore(m_database).setState(self.room, party.label, QStringLiteral("failed"));
            !noted)
            qCWarning(lcServer).noquote() << noted.error();
        holdEach(self, toHold, false, [](const QString &) {});
        record.outcome = problem;
        reply(HttpResponse::error(status, sentence), std::move(record));
    };
    auto answered = [self, party, toHold, blind](RequestRecord done, const Reply &answer) {
        answer(HttpResponse::json(202,
                                  { { QStringLiteral("label"), party.label },
                                    { QStringLiteral("to"), party.to },
                                    { QStringLiteral("state"), QStringLiteral("calling") },
                                    { QStringLiteral("left"), blind },
                                    { QStringLiteral("held"), labelsOf(toHold) } }),
               std::move(done));
    };
    // Blind: the transferrer leaves once the target is being called, so that a target Twilio will not call
    // leaves the transferrer on the call with its caller given back, never the caller holding for nobody.
    auto called = [this, self, party, blind, transfer, answered, record,
                   reply](const QString &callSid) mutable {
        RoomParty target;
        target.room = self.room;
        target.label = party.label;
        target.callSid = callSid;
        if (const auto noted = Store::ConferenceStore(m_database).addParty(target); !noted)
            qCWarning(lcServer).noquote() << "party" << party.label << "of" << self.room
                                          << "is called, but not noted:" << noted.error();
        target.address = party.to;
        tell(m_database, self, transfer ? Store::StoryEvent::transfer() : Store::StoryEvent::calling(),
             target, transfer ? (blind ? QStringLiteral("blind") : QStringLiteral("talk-first")) : QString());
        if (!blind)
            return answered(std::move(record), reply);
        leave(self, [party, answered, record, reply](const QString &left) mutable {
            if (left.isEmpty())
                return answered(std::move(record), reply);
            // The target is being called and the transferrer is still there: it can hand over by hand.
            record.outcome = left;
            reply(HttpResponse::error(502,
                                      QStringLiteral("%1 is being called, but Twilio did not let you leave "
                                                     "the call: hand it over once they answer")
                                          .arg(party.to)),
                  std::move(record));
        });
    };
    holdEach(self, toHold, true, [this, party, blind, failed, called](const QString &problem) mutable {
        if (!problem.isEmpty())
            return failed(502, QStringLiteral("Twilio did not put the call on hold"), problem);
        m_rest.callIn(party, blind, [party, failed, called](Result<QString> callSid) mutable {
            if (!callSid)
                return failed(502, QStringLiteral("Twilio could not call %1").arg(party.to), callSid.error());
            called(*callSid);
        });
    });
}

void CallActions::handOver(const RoomParty &self, const Parties &present, RequestRecord record,
                           const Reply &reply) const
{
    Parties talking;
    Parties held;
    for (const RoomParty &party : present)
        (party.onHold ? held : talking).append(party);
    if (talking.isEmpty() || (held.isEmpty() && talking.size() < 2)) {
        record.outcome = QStringLiteral("refused: nobody to hand call %1 to").arg(self.room);
        reply(HttpResponse::error(409, QStringLiteral("there is nobody to hand the call to")),
              std::move(record));
        return;
    }
    // Whoever stays ends the call by leaving, as a party does on an ordinary call.
    Parties stay;
    for (const RoomParty &party : talking)
        if (Routing::PartyLabel::isBroughtIn(party.label))
            stay.append(party);
    const ConferenceRest &rest = m_rest;
    auto endsOnLeaving = [&rest, self](const RoomParty &party, const ConferenceRest::Done &next) {
        rest.setEndsConference(self.room, self.conferenceSid, party.label, true, next);
    };
    inTurn<RoomParty>(
        stay, endsOnLeaving,
        [this, self, talking, held, record = std::move(record), reply](const QString &problem) mutable {
            if (!problem.isEmpty()) {
                record.outcome = problem;
                reply(HttpResponse::error(502, QStringLiteral("Twilio did not hand the call over")),
                      std::move(record));
                return;
            }
            holdEach(
                self, held, false,
                [this, self, talking, held, record = std::move(record),
                 reply](const QString &resumed) mutable {
                    if (!resumed.isEmpty()) {
                        record.outcome = resumed;
                        reply(
                            HttpResponse::error(502, QStringLiteral("Twilio did not take the call off hold")),
                            std::move(record));
                        return;
                    }
                    leave(self,
                          [database = m_database, self, talking, held, record = std::move(record),
                           reply](const QString &left) mutable {
                              if (!left.isEmpty()) {
                                  record.outcome = left;
                                  reply(HttpResponse::error(
                                            502, QStringLiteral("Twilio did not let you leave the call")),
                                        std::move(record));
                                  return;
                              }
                              tell(database, self, Store::StoryEvent::handedOver());
                              record.outcome
                                  = QStringLiteral("%1 handed call %2 over").arg(self.label, self.room);
                              reply(HttpResponse::json(
                                        200, { { QStringLiteral("parties"), labelsOf(talking + held) } }),
                                    std::move(record));
                          });
                });
        });
}

void CallActions::drop(const RoomParty &self, const QString &label, const Parties &parties,
                       RequestRecord record, const Reply &reply) const
{
    if (label.isEmpty()) {
        record.outcome = QStringLiteral("refused: drop without a label");
        reply(HttpResponse::error(400, QStringLiteral("say which party to drop: label=")), std::move(record));
        return;
    }
    const auto found = std::find_if(parties.cbegin(), parties.cend(),
                                    [&](const RoomParty &party) { return party.label == label; });
    if (!Routing::PartyLabel::isBroughtIn(label) || found == parties.cend()) {
        record.outcome
            = QStringLiteral("refused: call %1 has no party %2 to drop").arg(self.room, label.left(40));
        reply(HttpResponse::error(404, QStringLiteral("no such party on the call")), std::move(record));
        return;
    }
    const RoomParty &party = *found;
    const bool calling = party.state == QLatin1String("calling");
    if ((!calling && !party.isPresent()) || party.callSid.isEmpty()) {
        record.outcome = QStringLiteral("refused: %1 of call %2 is %3").arg(label, self.room, party.state);
        reply(HttpResponse::error(409,
                                  calling ? QStringLiteral("the party is still being dialled; try again")
                                          : QStringLiteral("the party is not on the call")),
              std::move(record));
        return;
    }
    m_rest.endLeg(self.room, party.callSid, calling, QStringLiteral("%1 of call %2").arg(label, self.room),
                  [database = m_database, self, party, label, room = self.room, record = std::move(record),
                   reply](const QString &problem) mutable {
                      if (!problem.isEmpty()) {
                          record.outcome = problem;
                          reply(HttpResponse::error(502, QStringLiteral("Twilio did not hang up that party")),
                                std::move(record));
                          return;
                      }
                      tell(database, self, Store::StoryEvent::dropped(), party);
                      record.outcome = QStringLiteral("dropped %1 of call %2").arg(label, room);
                      reply(HttpResponse::json(200, { { QStringLiteral("parties"), QJsonArray { label } } }),
                            std::move(record));
                  });
}

} // namespace Server
