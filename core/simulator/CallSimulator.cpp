#include "core/simulator/CallSimulator.h"

#include "core/simulator/SimulatorLogging.h"
#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"

#include <cmath>

namespace Simulator {
namespace {

SimulatorSettings completed(SimulatorSettings settings)
{
    if (settings.accountSid.isEmpty())
        settings.accountSid = TwilioParameters::newSid(QStringLiteral("AC"));
    if (settings.applicationSid.isEmpty())
        settings.applicationSid = TwilioParameters::newSid(QStringLiteral("AP"));
    if (!std::isfinite(settings.timeScale) || settings.timeScale <= 0) {
        qCWarning(lcSimulator) << "time scale" << settings.timeScale << "is not a positive number; using 1";
        settings.timeScale = 1.0;
    }
    return settings;
}

} // namespace

CallSimulator::CallSimulator(SimulatorSettings settings, ClientDevice *device, QObject *parent)
    : QObject(parent)
    , m_settings(completed(std::move(settings)))
    , m_device(device)
    , m_webhooks(new WebhookClient(m_settings, this))
{ }

CallSimulator::~CallSimulator()
{
    // The calls before the network: replies aborted by its end must find no call waiting for them.
    qDeleteAll(findChildren<SimulatedCall *>(QString(), Qt::FindDirectChildrenOnly));
}

SimulatedCall *CallSimulator::placeIncoming(const QString &from, const QString &to)
{
    const auto parameters = TwilioParameters::incomingCall(
        m_settings.accountSid, TwilioParameters::newSid(QStringLiteral("CA")), from, to, m_settings.region);
    return placed(new SimulatedCall(m_settings, m_webhooks, m_device, SimulatedCall::Direction::Incoming,
                                    m_settings.incomingPath, parameters, parameters, this));
}

SimulatedCall *CallSimulator::placeOutgoing(const QString &clientName, const QString &to,
                                            const Webhook::FormParameters &parameters)
{
    auto call
        = TwilioParameters::outgoingCall(m_settings.accountSid, m_settings.applicationSid,
                                         TwilioParameters::newSid(QStringLiteral("CA")), clientName, to);
    // The Voice SDK's convention passes the destination as To, which becomes the call's To; the other
    // parameters come after Twilio's own, which they never replace.
    if (parameters.contains(QStringLiteral("To")))
        call.set(QStringLiteral("To"), parameters.value(QStringLiteral("To")));
    Webhook::FormParameters firstRequest = call;
    for (const auto &[name, value] : parameters.pairs()) {
        if (name != QLatin1String("To"))
            firstRequest.append(name, value);
    }
    return placed(new SimulatedCall(m_settings, m_webhooks, m_device, SimulatedCall::Direction::Outgoing,
                                    m_settings.outgoingPath, firstRequest, call, this));
}

SimulatedCall *CallSimulator::placeParticipant(const SimulatedCall::ParticipantRequest &request)
{
    const auto parameters = TwilioParameters::participantCall(
        m_settings.accountSid, TwilioParameters::newSid(QStringLiteral("CA")), request.from, request.to);
    return placed(new SimulatedCall(m_settings, m_webhooks, m_device, request, parameters, this));
}

SimulatedCall *CallSimulator::placed(SimulatedCall *call)
{
    call->setRooms([this](const QString &name) { return conferenceNamed(name); });
    Q_EMIT callPlaced(call);
    return call;
}

SimulatedCall *CallSimulator::findCall(const QString &callSid) const
{
    const auto calls = findChildren<SimulatedCall *>(QString(), Qt::FindDirectChildrenOnly);
    for (SimulatedCall *call : calls)
        if (call->callSid() == callSid && !call->isFinished())
            return call;
    return nullptr;
}

ConferenceRoom *CallSimulator::conferenceNamed(const QString &name)
{
    ConferenceRoom *room = m_rooms.value(name);
    if (room && !room->isEnded())
        return room;
    if (room)
        room->deleteLater(); // its last callbacks still go out: deleteLater runs after them only if idle
    room = new ConferenceRoom(name, m_settings.accountSid, m_webhooks, this);
    m_rooms.insert(name, room);
    Q_EMIT conferenceOpened(room);
    return room;
}

ConferenceRoom *CallSimulator::findConference(const QString &sidOrName) const
{
    for (const QPointer<ConferenceRoom> &room : m_rooms)
        if (room && !room->isEnded() && (room->sid() == sidOrName || room->name() == sidOrName))
            return room;
    return nullptr;
}

} // namespace Simulator
