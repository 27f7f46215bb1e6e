#include "ui/engine/SimulatedPhone.h"

#include "ui/engine/EngineLogging.h"
#include "ui/engine/PhoneBridge.h"

#include <memory>

namespace Engine {

using Simulator::SimulatedCall;

SimulatedPhone::SimulatedPhone(PhoneBridge *bridge, const Simulator::SimulatorSettings &settings,
                               QObject *parent)
    : QObject(parent)
    , m_bridge(bridge)
    , m_simulator(new Simulator::CallSimulator(settings, this, this))
{
    connect(m_bridge, &PhoneBridge::pageReported, this, &SimulatedPhone::pageReported);
}

SimulatedPhone::~SimulatedPhone()
{
    // The simulator's calls hold this device: they go first.
    delete m_simulator;
}

SimulatedCall *SimulatedPhone::simulateIncoming(const QString &from, const QString &to)
{
    SimulatedCall *call = m_simulator->placeIncoming(from, to);
    if (!call)
        return call;
    // A call that never rang here would end without a trace on screen: say where the server sent it.
    connect(call, &SimulatedCall::finished, this, [this, call](const Simulator::CallOutcome &outcome) {
        const QString callSid = call->callSid();
        const QString clientName = m_routedElsewhere.take(callSid);
        if (!m_rangHere.remove(callSid))
            Q_EMIT routedElsewhere(call->from(), call->to(), clientName, outcome);
    });
    return call;
}

bool SimulatedPhone::isActive() const
{
    return m_bridge->backend() == PhoneBridge::Backend::Simulated;
}

bool SimulatedPhone::isCurrent(const QVariantMap &details) const
{
    if (!m_call)
        return false;
    const QString callSid = details.value(QStringLiteral("callSid")).toString();
    return callSid.isEmpty() || callSid == m_call->callSid();
}

bool SimulatedPhone::isOnTwilio() const
{
    return m_bridge->backend() == PhoneBridge::Backend::Twilio;
}

void SimulatedPhone::ring(SimulatedCall *call, const QString &clientName)
{
    if (isOnTwilio()) {
        // Nothing would answer: the page's device is Twilio's. Declined at once rather than left to ring
        // for the Dial's whole timeout, since only the route was asked for.
        qCInfo(lcEngine) << "simulated call" << call->callSid() << "routed to" << clientName
                         << "while the phone uses Twilio: declined";
        m_routedElsewhere.insert(call->callSid(), clientName);
        call->reject();
        return;
    }
    if (!isActive() || clientName != m_bridge->identity()) {
        qCDebug(lcEngine) << "simulated call" << call->callSid() << "rings" << clientName
                          << "elsewhere: nobody answers";
        m_routedElsewhere.insert(call->callSid(), clientName);
        return;
    }
    if (m_call && !m_waiting && !m_held && m_bridge->state() == PhoneBridge::State::InCall) {
        m_waiting = call; // call waiting: the page offers it beside the call the phone is on
        ringPage(call);
        return;
    }
    if (m_call || m_bridge->state() != PhoneBridge::State::Ready) {
        // Busy, or not registered: as Twilio would, the call does not reach the page.
        qCInfo(lcEngine) << "simulated call" << call->callSid() << "declined: the phone is"
                         << m_bridge->state();
        m_routedElsewhere.insert(call->callSid(), clientName);
        call->reject();
        return;
    }
    m_call = call;
    ringPage(call);
}

void SimulatedPhone::ringPage(SimulatedCall *call)
{
    m_rangHere.insert(call->callSid());
    follow(call);
    m_bridge->issueCommand(QStringLiteral("simulateIncoming"),
                           { { QStringLiteral("callSid"), call->callSid() },
                             { QStringLiteral("from"), call->from() },
                             { QStringLiteral("to"), call->to() } });
}

void SimulatedPhone::stopRinging(SimulatedCall *call)
{
    if (call == m_call || call == m_waiting)
        tellPage(QStringLiteral("simulateCancel"), call);
}

bool SimulatedPhone::otherCallReported(const QString &event, const QVariantMap &details)
{
    const QString callSid = details.value(QStringLiteral("callSid")).toString();
    if (m_waiting && callSid == m_waiting->callSid()) {
        SimulatedCall *waiting = m_waiting;
        if (event == QLatin1String("accept")) { // answered: the call the phone was on holds
            m_held = m_call;
            m_call = waiting;
            m_waiting = nullptr;
            waiting->answer();
        } else if (event == QLatin1String("incoming")) { // the call it waited beside is over: it rings
            m_call = waiting;
            m_waiting = nullptr;
        } else if (event == QLatin1String("reject")) {
            m_waiting = nullptr;
            waiting->reject();
        } else if (event == QLatin1String("cancel")) {
            m_waiting = nullptr;
        }
        return true;
    }
    if (m_held && callSid == m_held->callSid()) {
        SimulatedCall *held = m_held;
        if (event == QLatin1String("disconnect")) {
            m_held = nullptr;
            if (held->state() != SimulatedCall::State::Ended)
                held->hangUp();
        }
        return true;
    }
    return false;
}

void SimulatedPhone::pageReported(const QString &event, const QVariantMap &details)
{
    if (!isActive())
        return;
    if (event == QLatin1String("outgoing")) {
        if (m_call) {
            qCWarning(lcEngine) << "outgoing call while simulated call" << m_call->callSid() << "is on";
            return;
        }
        const QString to = details.value(QStringLiteral("to")).toString();
        m_call = m_simulator->placeOutgoing(m_bridge->identity(), to);
        follow(m_call);
        followOutgoing(m_call);
        return;
    }
    if (otherCallReported(event, details) || !isCurrent(details))
        return;
    SimulatedCall *call = m_call;
    if (event == QLatin1String("accept")) {
        // The call that rings the phone: the caller's own, or (call control) the one Twilio places to it.
        if (call->direction() != SimulatedCall::Direction::Outgoing)
            call->answer();
    } else if (event == QLatin1String("reject")) {
        m_call = nullptr;
        call->reject();
    } else if (event == QLatin1String("disconnect")) {
        m_call = std::exchange(m_held, nullptr); // the call that held is the phone's again
        if (call->state() != SimulatedCall::State::Ended)
            call->hangUp();
    } else if (event == QLatin1String("cancel")) {
        m_call = nullptr;
    }
}

void SimulatedPhone::follow(SimulatedCall *call)
{
    connect(call, &SimulatedCall::stateChanged, this,
            [this, call](SimulatedCall::State state) { callStateChanged(call, state); });
    connect(call, &SimulatedCall::finished, this, [this, call](const Simulator::CallOutcome &outcome) {
        for (const QString &problem : outcome.problems)
            qCWarning(lcEngine).noquote() << "simulated call" << call->callSid() << problem;
        Q_EMIT callFinished(call, outcome);
    });
}

void SimulatedPhone::followOutgoing(SimulatedCall *call)
{
    // What the server said instead of connecting the call is what Twilio would have spoken to the person.
    auto connected = std::make_shared<bool>(false);
    connect(call, &SimulatedCall::stateChanged, this, [connected](SimulatedCall::State state) {
        if (state == SimulatedCall::State::InProgress)
            *connected = true;
    });
    connect(call, &SimulatedCall::finished, this, [this, connected](const Simulator::CallOutcome &outcome) {
        if (*connected)
            return;
        if (!outcome.problems.isEmpty())
            Q_EMIT outgoingNotConnected(tr("The call could not be placed: %1").arg(outcome.problems.first()));
        else if (!outcome.said.isEmpty())
            Q_EMIT outgoingNotConnected(
                tr("Not connected. The server said: %1").arg(outcome.said.join(u' ')));
    });
}

void SimulatedPhone::callStateChanged(SimulatedCall *call, SimulatedCall::State state)
{
    if ((call == m_waiting || call == m_held) && state == SimulatedCall::State::Ended) {
        // Its caller gave up, or hung up while it held: the page ends it, and says so (pageReported).
        tellPage(QStringLiteral("simulateRemoteHangUp"), call);
        return;
    }
    if (call != m_call)
        return;
    const bool outgoing = call->direction() == SimulatedCall::Direction::Outgoing;
    if (state == SimulatedCall::State::Ringing && outgoing) {
        tellPage(QStringLiteral("simulateRinging"), call);
    } else if (state == SimulatedCall::State::InProgress && outgoing) {
        tellPage(QStringLiteral("simulateRemoteAnswered"), call);
    } else if (state == SimulatedCall::State::Ended) {
        m_call = std::exchange(m_held, nullptr);
        tellPage(QStringLiteral("simulateRemoteHangUp"), call);
    }
}

void SimulatedPhone::tellPage(const QString &command, SimulatedCall *call)
{
    m_bridge->issueCommand(command, { { QStringLiteral("callSid"), call->callSid() } });
}

} // namespace Engine
