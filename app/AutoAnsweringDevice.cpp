#include "app/AutoAnsweringDevice.h"

#include <QPointer>
#include <QTimer>

namespace App {

AutoAnsweringDevice::AutoAnsweringDevice(QTextStream &out,
                                         std::optional<std::chrono::milliseconds> answerAfter,
                                         std::chrono::milliseconds talkFor, double timeScale)
    : m_out(out)
    , m_answerAfter(answerAfter)
    , m_talkFor(talkFor)
    , m_timeScale(timeScale > 0 ? timeScale : 1.0)
{ }

std::chrono::milliseconds AutoAnsweringDevice::real(std::chrono::milliseconds simulated) const
{
    return std::chrono::milliseconds(qRound64(double(simulated.count()) / m_timeScale));
}

void AutoAnsweringDevice::ring(Simulator::SimulatedCall *call, const QString &clientName)
{
    if (const auto onCall = m_onCall.value(clientName);
        onCall && onCall->state() == Simulator::SimulatedCall::State::InProgress) {
        m_out << "  call waiting: " << clientName << "'s phone shows " << call->from()
              << " beside the call it is on, and declines it\n";
        m_out.flush();
        QPointer<Simulator::SimulatedCall> guarded(call);
        QTimer::singleShot(real(std::chrono::milliseconds(1000)), call, [guarded] {
            if (guarded && guarded->state() == Simulator::SimulatedCall::State::Ringing)
                guarded->reject();
        });
        return;
    }
    m_out << "  " << clientName << "'s phone rings ("
          << (m_answerAfter
                  ? QStringLiteral("answering after %1 s").arg(double(m_answerAfter->count()) / 1000)
                  : QStringLiteral("nobody answers"))
          << ")\n";
    m_out.flush();
    if (!m_answerAfter)
        return;
    QPointer<Simulator::SimulatedCall> guarded(call);
    QTimer::singleShot(real(*m_answerAfter), call, [this, guarded, clientName] {
        if (!guarded || guarded->state() != Simulator::SimulatedCall::State::Ringing)
            return;
        m_out << "  " << clientName << " answers\n";
        m_out.flush();
        guarded->answer();
        m_onCall.insert(clientName, guarded);
        if (const auto scripted = std::exchange(m_firstAnswered, {}))
            scripted(guarded, clientName);
        else if (m_holdTalks)
            m_heldTalks.append(guarded);
        else
            hangUpAfterTalking(guarded);
    });
}

void AutoAnsweringDevice::setFirstAnswered(Answered answered)
{
    m_firstAnswered = std::move(answered);
    m_holdTalks = true;
}

void AutoAnsweringDevice::releaseTalks()
{
    m_holdTalks = false;
    for (const QPointer<Simulator::SimulatedCall> &call : std::exchange(m_heldTalks, {}))
        if (call)
            hangUpAfterTalking(call);
}

void AutoAnsweringDevice::stopRinging(Simulator::SimulatedCall *call)
{
    m_out << "  " << call->ringingClient() << "'s phone stops ringing\n";
    m_out.flush();
}

void AutoAnsweringDevice::hangUpAfterTalking(Simulator::SimulatedCall *call)
{
    QPointer<Simulator::SimulatedCall> guarded(call);
    const auto hangUpLater = [this, guarded] {
        QTimer::singleShot(real(m_talkFor), guarded, [this, guarded] {
            if (!guarded || guarded->state() != Simulator::SimulatedCall::State::InProgress)
                return;
            m_out << "  the client hangs up after " << double(m_talkFor.count()) / 1000 << " s\n";
            m_out.flush();
            guarded->hangUp();
        });
    };
    if (call->state() == Simulator::SimulatedCall::State::InProgress) {
        hangUpLater();
        return;
    }
    QObject::connect(call, &Simulator::SimulatedCall::stateChanged, call,
                     [guarded, hangUpLater](Simulator::SimulatedCall::State state) {
                         if (guarded && state == Simulator::SimulatedCall::State::InProgress)
                             hangUpLater();
                     });
}

} // namespace App
