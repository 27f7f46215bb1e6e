#include "core/simulator/DeviceHub.h"

#include "core/phone/PhoneNumber.h"
#include "core/simulator/CallSimulator.h"
#include "core/simulator/SimulatedCall.h"
#include "core/simulator/SimulatorLogging.h"

#include <QJsonArray>

namespace Simulator {
namespace {

QStringList phoneActions()
{
    return { QStringLiteral("ringing"), QStringLiteral("answer"), QStringLiteral("reject"),
             QStringLiteral("hangup") };
}

} // namespace

DeviceHub::DeviceHub(QObject *parent)
    : QObject(parent)
    , m_mailbox(this)
{
    m_clock.start();
}

DeviceHub::~DeviceHub()
{
    m_mailbox.close();
    // The simulator's calls hold this device: they go first.
    delete m_simulator;
}

void DeviceHub::customEvent(QEvent *event)
{
    if (!m_mailbox.deliver(event))
        QObject::customEvent(event);
}

void DeviceHub::start(const SimulatorSettings &settings)
{
    Q_ASSERT(!m_simulator);
    m_simulator = new CallSimulator(settings, this, this);
    const std::lock_guard lock(m_mutex);
    m_region = m_simulator->settings().region;
    m_started = true;
}

bool DeviceHub::isSignedIn(const QString &identity) const
{
    const auto phone = m_phones.constFind(identity);
    return phone != m_phones.constEnd() && phone->lastSeenMs >= 0
        && m_clock.elapsed() - phone->lastSeenMs
        <= std::chrono::duration_cast<std::chrono::milliseconds>(signedInFor).count();
}

bool DeviceHub::hasSignedIn(const QString &identity) const
{
    const std::lock_guard lock(m_mutex);
    return isSignedIn(identity);
}

void DeviceHub::ring(SimulatedCall *call, const QString &clientName)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!isSignedIn(clientName)) {
            qCInfo(lcSimulator).noquote() << call->callSid() << "rings client" << clientName
                                          << "but no phone of theirs is signed in: nobody answers";
            return;
        }
        m_partyOf.insert(call->callSid(), clientName);
    }
    follow(call, clientName);
    tell(clientName, QStringLiteral("incoming"), call);
}

void DeviceHub::stopRinging(SimulatedCall *call)
{
    QString identity;
    {
        const std::lock_guard lock(m_mutex);
        identity = m_partyOf.value(call->callSid());
    }
    if (!identity.isEmpty())
        tell(identity, QStringLiteral("cancel"), call);
}

void DeviceHub::follow(SimulatedCall *call, const QString &identity)
{
    m_calls.insert(call->callSid(), call);
    connect(call, &SimulatedCall::stateChanged, this, [this, call, identity](SimulatedCall::State state) {
        const bool outgoing = call->direction() == SimulatedCall::Direction::Outgoing;
        if (state == SimulatedCall::State::Ringing && outgoing)
            tell(identity, QStringLiteral("ringing"), call);
        else if (state == SimulatedCall::State::InProgress && outgoing)
            tell(identity, QStringLiteral("answered"), call);
        else if (state == SimulatedCall::State::Ended)
            tell(identity, QStringLiteral("hangup"), call);
    });
    connect(call, &SimulatedCall::finished, this, [this, call] {
        const QString callSid = call->callSid();
        m_calls.remove(callSid);
        const std::lock_guard lock(m_mutex);
        m_partyOf.remove(callSid);
    });
}

void DeviceHub::tell(const QString &identity, const QString &type, SimulatedCall *call)
{
    const std::lock_guard lock(m_mutex);
    SignedInPhone &phone = m_phones[identity];
    phone.events.append({ { QStringLiteral("sequence"), ++phone.lastSequence },
                          { QStringLiteral("type"), type },
                          { QStringLiteral("callSid"), call->callSid() },
                          { QStringLiteral("from"), call->from() },
                          { QStringLiteral("to"), call->to() } });
    while (phone.events.size() > maxQueuedEvents)
        phone.events.removeFirst();
}

Server::HttpResponse DeviceHub::events(const QString &identity, qint64 after)
{
    const std::lock_guard lock(m_mutex);
    SignedInPhone &phone = m_phones[identity];
    phone.lastSeenMs = m_clock.elapsed();
    // What the phone has seen (up to after) is not sent again.
    while (!phone.events.isEmpty()
           && phone.events.constFirst().value(QStringLiteral("sequence")).toInteger() <= after)
        phone.events.removeFirst();
    QJsonArray events;
    for (const QJsonObject &event : std::as_const(phone.events))
        events.append(event);
    return Server::HttpResponse::json(
        200, { { QStringLiteral("events"), events }, { QStringLiteral("last"), phone.lastSequence } });
}

Server::HttpResponse DeviceHub::act(const QString &identity, const QString &callSid, const QString &action)
{
    if (!phoneActions().contains(action))
        return Server::HttpResponse::error(
            400, QStringLiteral("action must be one of %1").arg(phoneActions().join(QStringLiteral(", "))));
    {
        const std::lock_guard lock(m_mutex);
        if (m_partyOf.value(callSid) != identity)
            return Server::HttpResponse::error(
                404, QStringLiteral("client %1 takes no part in a call %2").arg(identity, callSid.left(64)));
    }
    m_mailbox.post([this, callSid, action] { perform(callSid, action); });
    return Server::HttpResponse::noContent();
}

void DeviceHub::perform(const QString &callSid, const QString &action)
{
    SimulatedCall *call = m_calls.value(callSid);
    if (!call)
        return; // it ended meanwhile
    QString identity;
    {
        const std::lock_guard lock(m_mutex);
        identity = m_partyOf.value(callSid);
    }
    qCInfo(lcSimulator).noquote() << callSid << "the phone of client" << identity << "says:" << action;
    if (action == QLatin1String("answer"))
        call->answer();
    else if (action == QLatin1String("reject"))
        call->reject();
    else if (action == QLatin1String("hangup"))
        call->hangUp();
}

Server::HttpResponse DeviceHub::callOut(const QString &identity, const QString &to)
{
    if (to.trimmed().isEmpty())
        return Server::HttpResponse::error(400, QStringLiteral("to: the number or client:NAME to call"));
    {
        const std::lock_guard lock(m_mutex);
        if (!m_started)
            return Server::HttpResponse::error(503, QStringLiteral("the simulator is not ready yet"));
    }
    m_mailbox.post([this, identity, to] {
        SimulatedCall *call = m_simulator->placeOutgoing(identity, to);
        {
            const std::lock_guard lock(m_mutex);
            m_partyOf.insert(call->callSid(), identity);
        }
        follow(call, identity);
        tell(identity, QStringLiteral("placed"), call);
    });
    return Server::HttpResponse::json(202, { { QStringLiteral("queued"), true } });
}

Server::HttpResponse DeviceHub::callIn(const QString &from, const QString &to)
{
    QString region;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_started)
            return Server::HttpResponse::error(503, QStringLiteral("the simulator is not ready yet"));
        region = m_region;
    }
    for (const auto &[name, number] :
         { std::pair { QStringLiteral("from"), from }, { QStringLiteral("to"), to } }) {
        if (const auto parsed = Phone::PhoneNumber::parse(number, region); !parsed)
            return Server::HttpResponse::error(400, QStringLiteral("%1: %2").arg(name, parsed.error()));
    }
    m_mailbox.post([this, from, to] { m_simulator->placeIncoming(from, to); });
    return Server::HttpResponse::json(202, { { QStringLiteral("queued"), true } });
}

} // namespace Simulator
