#include "core/simulator/SimulatedCallApi.h"

#include "core/phone/ClientAddress.h"
#include "core/server/SimulatedRestApi.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/ConferenceRoom.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace Simulator {
namespace {

using Server::HttpResponse;
using Server::SimulatedRestApi;

HttpResponse invalid(const QString &message)
{
    return SimulatedRestApi::twilioError(400, 21211, message);
}

HttpResponse notFound(const QString &what)
{
    return SimulatedRestApi::twilioError(404, 20404,
                                         QStringLiteral("The requested resource %1 was not found").arg(what));
}

std::optional<bool> flag(const Webhook::FormParameters &form, const QString &name, bool fallback)
{
    if (!form.contains(name))
        return fallback;
    const QString value = form.value(name).toLower();
    if (value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("false"))
        return false;
    return std::nullopt;
}

QJsonObject participantJson(const QString &accountSid, const ConferenceRoom &room, const QString &callSid,
                            const QString &label, bool hold, const QString &status)
{
    return { { QStringLiteral("account_sid"), accountSid },
             { QStringLiteral("call_sid"), callSid },
             { QStringLiteral("conference_sid"), room.sid() },
             { QStringLiteral("label"), label },
             { QStringLiteral("hold"), hold },
             { QStringLiteral("muted"), false },
             { QStringLiteral("status"), status },
             { QStringLiteral("uri"),
               QStringLiteral("/2010-04-01/Accounts/%1/Conferences/%2/Participants/%3.json")
                   .arg(accountSid, room.sid(), callSid) } };
}

} // namespace

SimulatedCallApi::SimulatedCallApi(CallSimulator *simulator, QObject *parent)
    : QObject(parent)
    , m_mailbox(this)
    , m_simulator(simulator)
{ }

void SimulatedCallApi::setSimulator(CallSimulator *simulator)
{
    if (m_simulator)
        m_simulator->disconnect(this);
    m_simulator = simulator;
    if (!simulator)
        return;
    connect(simulator, &CallSimulator::callPlaced, this, [this](SimulatedCall *call) {
        const std::lock_guard lock(m_mutex);
        m_played.insert(call->callSid());
    });
}

bool SimulatedCallApi::plays(const QString &callSid) const
{
    const std::lock_guard lock(m_mutex);
    return m_played.contains(callSid);
}

SimulatedCallApi::~SimulatedCallApi()
{
    m_mailbox.close();
}

void SimulatedCallApi::customEvent(QEvent *event)
{
    if (!m_mailbox.deliver(event))
        QObject::customEvent(event);
}

void SimulatedCallApi::request(const QByteArray &method, const QString &resource,
                               const Webhook::FormParameters &form, Answer answer)
{
    if (method != "POST") {
        answer(HttpResponse::methodNotAllowed("POST"), QString());
        return;
    }
    const bool posted = m_mailbox.post([this, resource, form, answer] {
        QString what;
        HttpResponse response = perform(resource, form, &what);
        answer(std::move(response), what);
    });
    if (!posted)
        answer(SimulatedRestApi::twilioError(503, 20503, QStringLiteral("The simulator has stopped")),
               QString());
}

HttpResponse SimulatedCallApi::perform(const QString &resource, const Webhook::FormParameters &form,
                                       QString *what)
{
    if (!m_simulator)
        return SimulatedRestApi::twilioError(503, 20503, QStringLiteral("The simulator has stopped"));
    static const QRegularExpression call(QStringLiteral("^Calls/(CA[0-9a-fA-F]{32})\\.json$"));
    static const QRegularExpression participants(QStringLiteral("^Conferences/([^/]+)/Participants\\.json$"));
    static const QRegularExpression participant(
        QStringLiteral("^Conferences/(CF[0-9a-fA-F]{32})/Participants/([^/]+)\\.json$"));
    if (const auto match = call.match(resource); match.hasMatch())
        return updateCall(match.captured(1), form, what);
    if (const auto match = participants.match(resource); match.hasMatch())
        return addParticipant(QUrl::fromPercentEncoding(match.captured(1).toUtf8()), form, what);
    if (const auto match = participant.match(resource); match.hasMatch())
        return updateParticipant(match.captured(1), QUrl::fromPercentEncoding(match.captured(2).toUtf8()),
                                 form, what);
    return notFound(resource.left(200));
}

HttpResponse SimulatedCallApi::updateCall(const QString &callSid, const Webhook::FormParameters &form,
                                          QString *what)
{
    SimulatedCall *call = m_simulator->findCall(callSid);
    if (!call || call->state() == SimulatedCall::State::Ended)
        return notFound(QStringLiteral("Calls/%1").arg(callSid));
    const QString url = form.value(QStringLiteral("Url"));
    const QString status = form.value(QStringLiteral("Status"));
    if (form.contains(QStringLiteral("Twiml")))
        return invalid(QStringLiteral("Twiml is not simulated: give a Url"));
    if (!url.isEmpty()) {
        *what = QStringLiteral("call %1 sent to %2").arg(callSid, url);
        call->redirect(url, form.value(QStringLiteral("Method"), QStringLiteral("POST")));
    } else if (status == QLatin1String("canceled") || status == QLatin1String("completed")) {
        *what = QStringLiteral("call %1 ended: %2").arg(callSid, status);
        call->endByApi(status);
    } else {
        return invalid(QStringLiteral("Give Url, or Status canceled or completed"));
    }
    return HttpResponse::json(200,
                              { { QStringLiteral("sid"), callSid },
                                { QStringLiteral("account_sid"), m_simulator->settings().accountSid },
                                { QStringLiteral("status"), QStringLiteral("in-progress") } });
}

HttpResponse SimulatedCallApi::addParticipant(const QString &conference, const Webhook::FormParameters &form,
                                              QString *what)
{
    SimulatedCall::ParticipantRequest request;
    request.room = conference;
    request.from = form.value(QStringLiteral("From"));
    request.to = form.value(QStringLiteral("To"));
    if (request.from.isEmpty() || request.to.isEmpty())
        return invalid(QStringLiteral("From and To are required"));
    bool ok = true;
    if (form.contains(QStringLiteral("Timeout"))) {
        request.timeoutSeconds = form.value(QStringLiteral("Timeout")).toInt(&ok);
        if (!ok || request.timeoutSeconds < 5 || request.timeoutSeconds > 600)
            return invalid(QStringLiteral("Timeout must be from 5 to 600 seconds"));
    }
    const auto start = flag(form, QStringLiteral("StartConferenceOnEnter"), true);
    const auto end = flag(form, QStringLiteral("EndConferenceOnExit"), false);
    if (!start || !end)
        return invalid(QStringLiteral("StartConferenceOnEnter and EndConferenceOnExit are true or false"));
    request.options.label = form.value(QStringLiteral("Label"));
    request.options.startConferenceOnEnter = *start;
    request.options.endConferenceOnExit = *end;
    request.statusCallback = form.value(QStringLiteral("StatusCallback"));
    for (const auto &[name, value] : form.pairs())
        if (name == QLatin1String("StatusCallbackEvent"))
            request.statusCallbackEvents << value.split(u' ', Qt::SkipEmptyParts);
    if (request.statusCallbackEvents.isEmpty())
        request.statusCallbackEvents << QStringLiteral("completed");
    ConferenceRoom *room = m_simulator->conferenceNamed(conference);
    if (!request.options.label.isEmpty() && room->labels().contains(request.options.label))
        return invalid(
            QStringLiteral("Label %1 is taken in conference %2").arg(request.options.label, conference));
    SimulatedCall *call = m_simulator->placeParticipant(request);
    *what = QStringLiteral("%1 called into conference %2 as %3").arg(request.to, conference, call->callSid());
    return HttpResponse::json(201,
                              participantJson(m_simulator->settings().accountSid, *room, call->callSid(),
                                              request.options.label, false, QStringLiteral("queued")));
}

HttpResponse SimulatedCallApi::updateParticipant(const QString &conferenceSid, const QString &participant,
                                                 const Webhook::FormParameters &form, QString *what)
{
    ConferenceRoom *room = m_simulator->findConference(conferenceSid);
    SimulatedCall *call = room ? room->participant(participant) : nullptr;
    if (!call)
        return notFound(QStringLiteral("Conferences/%1/Participants/%2").arg(conferenceSid, participant));
    const auto hold = flag(form, QStringLiteral("Hold"), room->isHeld(participant));
    const auto endsOnExit = flag(form, QStringLiteral("EndConferenceOnExit"), room->endsOnExit(participant));
    if (!hold || !endsOnExit)
        return invalid(QStringLiteral("Hold and EndConferenceOnExit are true or false"));
    room->setEndsOnExit(participant, *endsOnExit);
    if (form.contains(QStringLiteral("Hold")))
        room->setHold(participant, *hold, form.value(QStringLiteral("HoldUrl")),
                      form.value(QStringLiteral("HoldMethod"), QStringLiteral("GET")));
    *what = form.contains(QStringLiteral("Hold"))
        ? QStringLiteral("participant %1 of %2 %3")
              .arg(participant, room->name(), *hold ? QStringLiteral("held") : QStringLiteral("resumed"))
        : QStringLiteral("participant %1 of %2 %3 the conference on leaving")
              .arg(participant, room->name(),
                   *endsOnExit ? QStringLiteral("ends") : QStringLiteral("does not end"));
    return HttpResponse::json(200,
                              participantJson(m_simulator->settings().accountSid, *room, call->callSid(),
                                              participant == call->callSid() ? QString() : participant, *hold,
                                              QStringLiteral("connected")));
}

} // namespace Simulator
