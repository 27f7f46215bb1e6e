#include "core/simulator/ConferenceRoom.h"

#include "core/simulator/CallbackQueue.h"
#include "core/simulator/SimulatedCall.h"
#include "core/simulator/SimulatorLogging.h"
#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"
#include "core/twiml/TwimlReader.h"

namespace Simulator {
namespace {

// <Conference statusCallbackEvent>'s words, and the StatusCallbackEvent each gives.
QString eventWord(const QString &event)
{
    if (event == QLatin1String("conference-start"))
        return QStringLiteral("start");
    if (event == QLatin1String("conference-end"))
        return QStringLiteral("end");
    if (event == QLatin1String("participant-join"))
        return QStringLiteral("join");
    if (event == QLatin1String("participant-leave"))
        return QStringLiteral("leave");
    if (event == QLatin1String("participant-hold") || event == QLatin1String("participant-unhold"))
        return QStringLiteral("hold");
    return event;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

ConferenceRoom::ConferenceRoom(const QString &name, const QString &accountSid, WebhookClient *webhooks,
                               QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_sid(TwilioParameters::newSid(QStringLiteral("CF")))
    , m_accountSid(accountSid)
    , m_webhooks(webhooks)
    , m_callbacks(new CallbackQueue(webhooks, this))
{
    connect(m_callbacks, &CallbackQueue::exchanged, this, &ConferenceRoom::exchanged);
    connect(m_callbacks, &CallbackQueue::problem, this,
            [this](const QString &problem) { Q_EMIT noted(QStringLiteral("problem: ") + problem); });
    connect(m_callbacks, &CallbackQueue::idle, this, &ConferenceRoom::idle);
}

bool ConferenceRoom::isIdle() const
{
    return m_callbacks->isIdle();
}

QStringList ConferenceRoom::labels() const
{
    QStringList result;
    for (const Participant &participant : m_participants)
        result << participant.options.label;
    return result;
}

int ConferenceRoom::indexOf(const QString &callSidOrLabel) const
{
    for (int i = 0; i < m_participants.size(); ++i) {
        const Participant &participant = m_participants.at(i);
        if (participant.callSid == callSidOrLabel
            || (!participant.options.label.isEmpty() && participant.options.label == callSidOrLabel))
            return i;
    }
    return -1;
}

SimulatedCall *ConferenceRoom::participant(const QString &callSidOrLabel) const
{
    const int index = indexOf(callSidOrLabel);
    return index < 0 ? nullptr : m_participants.at(index).call.data();
}

bool ConferenceRoom::isHeld(const QString &callSidOrLabel) const
{
    const int index = indexOf(callSidOrLabel);
    return index >= 0 && m_participants.at(index).held;
}

void ConferenceRoom::join(SimulatedCall *call, const Options &options)
{
    if (m_ended)
        return;
    Participant participant { call, call->callSid(), options, false };
    if (m_statusCallback.isEmpty() && !options.statusCallback.isEmpty()) {
        m_statusCallback = options.statusCallback;
        m_events = options.statusCallbackEvents;
    }
    m_participants.append(participant);
    Q_EMIT noted(QStringLiteral("%1 joins conference %2%3")
                     .arg(call->callSid(), m_name,
                          options.label.isEmpty() ? QString() : QStringLiteral(" as ") + options.label));
    post(QStringLiteral("participant-join"), &participant);
    const bool starts = std::any_of(m_participants.cbegin(), m_participants.cend(),
                                    [](const Participant &p) { return p.options.startConferenceOnEnter; });
    if (!m_started && starts && m_participants.size() >= 2) {
        m_started = true;
        Q_EMIT noted(QStringLiteral("conference %1 starts").arg(m_name));
        post(QStringLiteral("conference-start"), nullptr);
    } else if (!m_started && !options.waitUrl.isEmpty()) {
        playTo(participant, options.waitUrl, QStringLiteral("POST"), QStringLiteral("waiting"));
    }
}

void ConferenceRoom::leave(SimulatedCall *call)
{
    const int index = indexOf(call->callSid());
    if (index < 0)
        return;
    const Participant participant = m_participants.takeAt(index);
    Q_EMIT noted(QStringLiteral("%1 leaves conference %2").arg(participant.callSid, m_name));
    post(QStringLiteral("participant-leave"), &participant);
    if (participant.options.endConferenceOnExit || m_participants.isEmpty())
        end(participant);
}

void ConferenceRoom::end(const Participant &endedBy)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT noted(QStringLiteral("conference %1 ends (%2 left)").arg(m_name, endedBy.callSid));
    // Everyone still in it leaves, as Twilio makes them: each goes on with its TwiML.
    const QList<Participant> remaining = std::exchange(m_participants, {});
    for (const Participant &participant : remaining)
        post(QStringLiteral("participant-leave"), &participant);
    post(QStringLiteral("conference-end"), nullptr);
    Q_EMIT conferenceEnded(this);
}

bool ConferenceRoom::endsOnExit(const QString &callSidOrLabel) const
{
    const int index = indexOf(callSidOrLabel);
    return index >= 0 && m_participants.at(index).options.endConferenceOnExit;
}

void ConferenceRoom::setEndsOnExit(const QString &callSidOrLabel, bool ends)
{
    const int index = indexOf(callSidOrLabel);
    if (index >= 0)
        m_participants[index].options.endConferenceOnExit = ends;
}

bool ConferenceRoom::setHold(const QString &callSidOrLabel, bool hold, const QString &holdUrl,
                             const QString &holdMethod)
{
    const int index = indexOf(callSidOrLabel);
    if (index < 0)
        return false;
    Participant &participant = m_participants[index];
    if (participant.held == hold)
        return true;
    participant.held = hold;
    Q_EMIT noted(
        QStringLiteral("%1 is %2")
            .arg(participant.callSid, hold ? QStringLiteral("held") : QStringLiteral("back from hold")));
    post(hold ? QStringLiteral("participant-hold") : QStringLiteral("participant-unhold"), &participant);
    if (hold && holdUrl.isEmpty())
        Q_EMIT noted(QStringLiteral("%1 on hold hears Twilio's hold music").arg(participant.callSid));
    else if (hold)
        playTo(participant, holdUrl, holdMethod.isEmpty() ? QStringLiteral("GET") : holdMethod,
               QStringLiteral("on hold"));
    return true;
}

void ConferenceRoom::playTo(const Participant &participant, const QString &url, const QString &method,
                            const QString &while_)
{
    Webhook::FormParameters parameters;
    parameters.append(QStringLiteral("AccountSid"), m_accountSid);
    parameters.append(QStringLiteral("CallSid"), participant.callSid);
    parameters.append(QStringLiteral("ConferenceSid"), m_sid);
    const QString callSid = participant.callSid;
    m_webhooks->send(
        method, m_webhooks->publicUrl(url), parameters, this,
        [this, callSid, while_](const HttpExchange &exchange) {
            Q_EMIT exchanged(exchange);
            const auto document = Twiml::TwimlReader::read(exchange.body);
            if (!exchange.error.isEmpty() || exchange.status != 200 || !document) {
                Q_EMIT noted(QStringLiteral("problem: %1 gave no TwiML (HTTP %2)")
                                 .arg(exchange.signedUrl, QString::number(exchange.status)));
                return;
            }
            for (const Twiml::Node &verb : document->children())
                Q_EMIT noted(
                    QStringLiteral("%1 %2 hears %3: %4").arg(callSid, while_, verb.name(), verb.text()));
        });
}

void ConferenceRoom::post(const QString &event, const Participant *participant)
{
    if (m_statusCallback.isEmpty() || !m_events.contains(eventWord(event)))
        return;
    Webhook::FormParameters parameters;
    parameters.append(QStringLiteral("AccountSid"), m_accountSid);
    parameters.append(QStringLiteral("ConferenceSid"), m_sid);
    parameters.append(QStringLiteral("FriendlyName"), m_name);
    parameters.append(QStringLiteral("StatusCallbackEvent"), event);
    parameters.append(QStringLiteral("SequenceNumber"), QString::number(m_sequence++));
    parameters.append(QStringLiteral("Timestamp"),
                      TwilioParameters::rfc2822(QDateTime::currentDateTimeUtc()));
    if (participant) {
        parameters.append(QStringLiteral("CallSid"), participant->callSid);
        parameters.append(QStringLiteral("ParticipantLabel"), participant->options.label);
        parameters.append(QStringLiteral("Hold"), boolText(participant->held));
        parameters.append(QStringLiteral("Muted"), boolText(false));
        parameters.append(QStringLiteral("StartConferenceOnEnter"),
                          boolText(participant->options.startConferenceOnEnter));
        parameters.append(QStringLiteral("EndConferenceOnExit"),
                          boolText(participant->options.endConferenceOnExit));
    }
    m_callbacks->post(m_webhooks->publicUrl(m_statusCallback), parameters,
                      QStringLiteral("conference callback ") + event);
}

} // namespace Simulator
