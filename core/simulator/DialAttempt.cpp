#include "core/simulator/DialAttempt.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/simulator/CallClock.h"
#include "core/simulator/TwilioParameters.h"
#include "core/twiml/Node.h"
#include "core/webhook/CallStatus.h"

#include <QTimer>

namespace Simulator {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

int positiveOr(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

DialAttempt::DialAttempt(const Twiml::Node &dial, const SimulatorSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_action(dial.attribute(QStringLiteral("action")))
    , m_method(dial.attribute(QStringLiteral("method"), QStringLiteral("POST")))
    , m_callerId(dial.attribute(QStringLiteral("callerId")))
    , m_dialCallSid(TwilioParameters::newSid(QStringLiteral("CA")))
    , m_timeoutSeconds(positiveOr(dial.attribute(QStringLiteral("timeout")), defaultTimeoutSeconds))
    , m_timeLimitSeconds(positiveOr(dial.attribute(QStringLiteral("timeLimit")), defaultTimeLimitSeconds))
{
    for (const Twiml::Node &noun : dial.children())
        addTarget(noun);
    // <Dial>+8190...</Dial>: the number as text, Twilio's shortest form.
    if (dial.children().isEmpty() && !dial.text().isEmpty())
        addNumber(dial.text());
}

void DialAttempt::addTarget(const Twiml::Node &noun)
{
    if (noun.name() == QLatin1String("Number")) {
        addNumber(noun.text());
        return;
    }
    if (noun.name() != QLatin1String("Client")) {
        m_problems.append(QStringLiteral("<Dial> noun <%1> is not simulated").arg(noun.name()));
        return;
    }
    // <Client>NAME</Client>, or the Voice SDK 2.x form <Client><Identity>NAME</Identity>...</Client>.
    QString name = noun.text();
    for (const Twiml::Node &child : noun.children()) {
        if (child.name() == QLatin1String("Identity"))
            name = child.text();
    }
    if (const QString problem = Phone::ClientAddress::nameProblem(name); !problem.isEmpty()) {
        m_problems.append(QStringLiteral("<Client>%1</Client> cannot ring: %2").arg(name, problem));
        return;
    }
    m_targets.append({ true, name });
}

void DialAttempt::addNumber(const QString &text)
{
    const auto number = Phone::PhoneNumber::parse(text, m_settings.region);
    if (!number) {
        m_problems.append(
            QStringLiteral("<Number>%1</Number> cannot be dialled: %2").arg(text, number.error()));
        return;
    }
    m_targets.append({ false, number->e164() });
}

void DialAttempt::start()
{
    if (m_phase != Phase::Idle)
        return;
    if (m_targets.isEmpty()) {
        m_phase = Phase::Ringing;
        QTimer::singleShot(0, this, [this] {
            if (m_phase != Phase::Ringing)
                return;
            Q_EMIT noted(QStringLiteral("nobody to dial"));
            finish(CallStatuses::name(CallStatus::Failed));
        });
        return;
    }
    m_phase = Phase::Ringing;
    QTimer::singleShot(realMs(qint64(m_timeoutSeconds) * 1000), Qt::PreciseTimer, this,
                       &DialAttempt::timedOut);
    const qint64 answerAfter = m_settings.farEndAnswerAfter.count();
    for (int i = 0; i < m_targets.size(); ++i) {
        if (m_phase != Phase::Ringing)
            return; // a slot answered or ended the Dial already
        m_targets[i].ringing = true;
        if (m_targets[i].isClient) {
            m_clientsRang = true;
            Q_EMIT clientRinging(m_targets[i].address);
            continue;
        }
        Q_EMIT numberRinging(m_targets[i].address);
        // Compared in simulated time, so that equal real timers cannot race.
        if (m_settings.farEndBusy)
            QTimer::singleShot(realMs(answerAfter), Qt::PreciseTimer, this, [this, i] {
                targetDeclined(i, m_targets[i].address + QStringLiteral(" is busy"));
            });
        else if (answerAfter < qint64(m_timeoutSeconds) * 1000)
            QTimer::singleShot(realMs(answerAfter), Qt::PreciseTimer, this, [this, i] {
                if (m_phase == Phase::Ringing && m_targets[i].ringing)
                    connectTarget(i);
            });
    }
}

QString DialAttempt::ringingClient() const
{
    if (QString client = connectedClient(); !client.isEmpty())
        return client;
    const int index = firstRinging(true);
    return index < 0 ? QString() : m_targets[index].address;
}

QString DialAttempt::connectedClient() const
{
    if (m_phase != Phase::Connected || !m_targets[m_connected].isClient)
        return {};
    return m_targets[m_connected].address;
}

bool DialAttempt::answerClient()
{
    const int index = firstRinging(true);
    if (index < 0)
        return false;
    connectTarget(index);
    return true;
}

bool DialAttempt::declineClient()
{
    const int index = firstRinging(true);
    if (index < 0)
        return false;
    targetDeclined(index, m_targets[index].party() + QStringLiteral(" declined"));
    return true;
}

void DialAttempt::declineAll()
{
    for (int index = firstRinging(false); index >= 0; index = firstRinging(false))
        targetDeclined(index, m_targets[index].party() + QStringLiteral(" declined"));
}

void DialAttempt::hangUpConnected()
{
    if (m_phase != Phase::Connected)
        return;
    Q_EMIT noted(m_targets[m_connected].party() + QStringLiteral(" hung up"));
    finish(CallStatuses::name(CallStatus::Completed));
}

void DialAttempt::cancel()
{
    if (m_phase == Phase::Connected) {
        finish(CallStatuses::name(CallStatus::Completed));
    } else if (m_phase == Phase::Ringing) {
        if (m_clientsRang)
            Q_EMIT ringingStopped();
        finish(CallStatuses::name(CallStatus::Canceled));
    }
}

void DialAttempt::connectTarget(int index)
{
    m_phase = Phase::Connected;
    m_connected = index;
    for (Target &target : m_targets)
        target.ringing = false;
    const Target &target = m_targets[index];
    Q_EMIT connected(target.party());
    if (m_phase != Phase::Connected)
        return;
    const auto hangUpAfter = [this, index](qint64 simulatedMs, const QString &why) {
        QTimer::singleShot(realMs(simulatedMs), Qt::PreciseTimer, this, [this, index, why] {
            if (m_phase == Phase::Connected && m_connected == index) {
                Q_EMIT noted(why);
                finish(CallStatuses::name(CallStatus::Completed));
            }
        });
    };
    hangUpAfter(qint64(m_timeLimitSeconds) * 1000,
                QStringLiteral("the time limit of %1 s is reached").arg(m_timeLimitSeconds));
    if (!target.isClient && m_settings.farEndHangUpAfter.count() > 0)
        hangUpAfter(m_settings.farEndHangUpAfter.count(), target.address + QStringLiteral(" hung up"));
}

void DialAttempt::targetDeclined(int index, const QString &what)
{
    if (m_phase != Phase::Ringing || !m_targets[index].ringing)
        return;
    m_targets[index].ringing = false;
    Q_EMIT noted(what);
    if (firstRinging(false) < 0)
        finish(CallStatuses::name(CallStatus::Busy));
}

void DialAttempt::timedOut()
{
    if (m_phase != Phase::Ringing)
        return;
    Q_EMIT noted(QStringLiteral("no answer within %1 s").arg(m_timeoutSeconds));
    if (m_clientsRang)
        Q_EMIT ringingStopped();
    finish(CallStatuses::name(CallStatus::NoAnswer));
}

void DialAttempt::finish(const QString &dialCallStatus)
{
    if (m_phase == Phase::Ended)
        return;
    m_phase = Phase::Ended;
    for (Target &target : m_targets)
        target.ringing = false;
    Q_EMIT ended(dialCallStatus);
}

int DialAttempt::firstRinging(bool clientsOnly) const
{
    for (int i = 0; i < m_targets.size(); ++i) {
        if (m_targets[i].ringing && (m_targets[i].isClient || !clientsOnly))
            return i;
    }
    return -1;
}

int DialAttempt::realMs(qint64 simulatedMs) const
{
    return CallClock::realMs(simulatedMs, m_settings.timeScale);
}

} // namespace Simulator
