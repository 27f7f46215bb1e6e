#include "core/simulator/SimulatedCall.h"

#include "core/phone/ClientAddress.h"
#include "core/simulator/ClientDevice.h"
#include "core/simulator/DialAttempt.h"
#include "core/simulator/RecordingVault.h"
#include "core/simulator/SimulatorLogging.h"
#include "core/simulator/StatusCallbackSender.h"
#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"
#include "core/twiml/TwimlReader.h"
#include "core/webhook/CallStatus.h"

namespace Simulator {
namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

// Enough of an answer to see why it was refused (the server's JSON error), and no more.
QString excerpt(const QByteArray &body)
{
    constexpr int maxCharacters = 160;
    QString text = QString::fromUtf8(body.left(maxCharacters * 4)).simplified();
    if (text.size() > maxCharacters)
        text = text.left(maxCharacters) + QStringLiteral("...");
    return text.isEmpty() ? QString() : QStringLiteral(": ") + text;
}

int nonNegativeOr(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}

} // namespace

SimulatedCall::SimulatedCall(const SimulatorSettings &settings, WebhookClient *webhooks, ClientDevice *device,
                             Direction direction, const QString &firstPath,
                             const Webhook::FormParameters &firstRequest,
                             const Webhook::FormParameters &callParameters, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_webhooks(webhooks)
    , m_device(device)
    , m_direction(direction)
    , m_firstPath(firstPath)
    , m_firstRequest(firstRequest)
    , m_callParameters(callParameters)
    , m_statusCallbacks(
          new StatusCallbackSender(webhooks, webhooks->publicUrl(settings.statusPath), callParameters, this))
    , m_clock(settings.timeScale)
{
    m_pause.setSingleShot(true);
    m_pause.setTimerType(Qt::PreciseTimer);
    connect(&m_pause, &QTimer::timeout, this, [this] {
        m_clock.hold();
        runVerbs();
    });
    connect(m_statusCallbacks, &StatusCallbackSender::exchanged, this, &SimulatedCall::exchanged);
    connect(m_statusCallbacks, &StatusCallbackSender::problem, this, &SimulatedCall::addProblem);
    connect(m_statusCallbacks, &StatusCallbackSender::idle, this, &SimulatedCall::finishIfIdle);
    // Whoever placed the call connects to its signals first.
    QTimer::singleShot(0, this, &SimulatedCall::start);
}

SimulatedCall::SimulatedCall(const SimulatorSettings &settings, WebhookClient *webhooks, ClientDevice *device,
                             const ParticipantRequest &request, const Webhook::FormParameters &callParameters,
                             QObject *parent)
    : SimulatedCall(settings, webhooks, device, Direction::Participant, QString(), callParameters,
                    callParameters, parent)
{
    m_participant = request;
    // Its callbacks go where the REST request said, for the events it named.
    delete m_statusCallbacks;
    m_statusCallbacks = new StatusCallbackSender(
        webhooks, request.statusCallback.isEmpty() ? QString() : webhooks->publicUrl(request.statusCallback),
        callParameters, this);
    m_statusCallbacks->setEvents(request.statusCallbackEvents);
    connect(m_statusCallbacks, &StatusCallbackSender::exchanged, this, &SimulatedCall::exchanged);
    connect(m_statusCallbacks, &StatusCallbackSender::problem, this, &SimulatedCall::addProblem);
    connect(m_statusCallbacks, &StatusCallbackSender::idle, this, &SimulatedCall::finishIfIdle);
    m_ringTimeout.setSingleShot(true);
    m_ringTimeout.setTimerType(Qt::PreciseTimer);
    connect(&m_ringTimeout, &QTimer::timeout, this, [this] {
        if (m_state != State::Ringing)
            return;
        note(QStringLiteral("no answer within %1 s").arg(m_participant.timeoutSeconds));
        end(CallStatuses::name(CallStatus::NoAnswer));
    });
}

SimulatedCall::~SimulatedCall() = default;

QString SimulatedCall::callSid() const
{
    return m_callParameters.value(QStringLiteral("CallSid"));
}

QString SimulatedCall::from() const
{
    return m_callParameters.value(QStringLiteral("From"));
}

QString SimulatedCall::to() const
{
    return m_callParameters.value(QStringLiteral("To"));
}

QString SimulatedCall::ringingClient() const
{
    return m_ringingClient;
}

void SimulatedCall::answer()
{
    QTimer::singleShot(0, this, [this] {
        if (m_dial && m_dial->answerClient())
            return;
        if (m_direction == Direction::Participant && m_state == State::Ringing) {
            participantAnswered();
            return;
        }
        qCDebug(lcSimulator) << callSid() << "answer(): no client rings";
    });
}

void SimulatedCall::reject()
{
    QTimer::singleShot(0, this, &SimulatedCall::declinedByClient);
}

void SimulatedCall::hangUp()
{
    QTimer::singleShot(0, this, &SimulatedCall::hungUpByClient);
}

void SimulatedCall::hangUpCaller()
{
    QTimer::singleShot(0, this, [this] {
        if (m_direction == Direction::Participant)
            hungUpByClient(); // the far end of a call Twilio placed is the party itself
        else if (m_direction == Direction::Incoming)
            callerLeft();
        else
            hungUpByCallee();
    });
}

void SimulatedCall::declinedByClient()
{
    if (m_dial && m_dial->declineClient())
        return;
    if (m_direction == Direction::Participant && m_state == State::Ringing) {
        note(m_participant.to + QStringLiteral(" declines"));
        end(CallStatuses::name(CallStatus::Busy));
        return;
    }
    qCDebug(lcSimulator) << callSid() << "reject(): no client rings";
}

void SimulatedCall::hungUpByClient()
{
    if (m_direction == Direction::Participant) {
        if (m_state == State::Ringing) {
            declinedByClient();
            return;
        }
        note(m_participant.to + QStringLiteral(" hung up"));
        end(CallStatuses::name(CallStatus::Completed));
        return;
    }
    if (m_direction == Direction::Outgoing) {
        callerLeft(); // the client placed the call: it ends with it
        return;
    }
    if (m_dial && !m_dial->connectedClient().isEmpty())
        m_dial->hangUpConnected();
    else if (m_dial && m_dial->isRinging())
        m_dial->declineClient(); // the red button on a ringing phone
    else
        qCDebug(lcSimulator) << callSid() << "hangUp(): no client is on the call";
}

void SimulatedCall::hungUpByCallee()
{
    if (m_dial && m_dial->isConnected())
        m_dial->hangUpConnected();
    else if (m_dial && m_dial->isRinging())
        m_dial->declineAll();
    else
        qCDebug(lcSimulator) << callSid() << "hangUpCaller(): nobody was called";
}

void SimulatedCall::redirect(const QString &url, const QString &method)
{
    QTimer::singleShot(0, this, [this, url, method] {
        if (m_state == State::Ended || m_callerGone)
            return;
        note(QStringLiteral("the REST API sends the call to ") + url);
        leaveRoom();
        m_pause.stop();
        if (m_dial) {
            m_dial->disconnect(this);
            m_dial->cancel();
            m_dial->deleteLater();
            m_dial = nullptr;
            m_ringingClient.clear();
        }
        m_documents = 0; // a new document, as Twilio counts
        fetch(m_webhooks->publicUrl(url, m_documentUrl), method.isEmpty() ? QStringLiteral("POST") : method,
              currentParameters(), true);
    });
}

void SimulatedCall::endByApi(const QString &status)
{
    QTimer::singleShot(0, this, [this, status] {
        if (m_state == State::Ended)
            return;
        note(QStringLiteral("the REST API ends the call: ") + status);
        end(status);
    });
}

void SimulatedCall::ringAsParticipant()
{
    note(QStringLiteral("Twilio calls %1 into conference %2 (REST API)")
             .arg(m_participant.to, m_participant.room));
    m_statusCallbacks->send(CallStatuses::name(CallStatus::Initiated));
    setState(State::Ringing);
    m_statusCallbacks->send(CallStatuses::name(CallStatus::Ringing));
    m_clock.run();
    m_ringTimeout.start(m_clock.realMs(qint64(m_participant.timeoutSeconds) * 1000));
    if (const auto client = Phone::ClientAddress::parse(m_participant.to)) {
        m_ringingClient = client->name();
        note(QStringLiteral("ringing ") + m_participant.to);
        if (m_device)
            m_device->ring(this, client->name());
        return;
    }
    note(QStringLiteral("dialling ") + m_participant.to);
    const qint64 answerAfter = m_settings.farEndAnswerAfter.count();
    if (answerAfter >= qint64(m_participant.timeoutSeconds) * 1000)
        return; // the timeout comes first
    QTimer::singleShot(m_clock.realMs(answerAfter), Qt::PreciseTimer, this, [this] {
        if (m_state != State::Ringing)
            return;
        if (m_settings.farEndBusy) {
            note(m_participant.to + QStringLiteral(" is busy"));
            end(CallStatuses::name(CallStatus::Busy));
        } else {
            participantAnswered();
        }
    });
}

void SimulatedCall::participantAnswered()
{
    m_ringTimeout.stop();
    m_answeredAtMs = m_clock.elapsedMs();
    note(QStringLiteral("answered by ") + m_participant.to);
    setState(State::InProgress);
    m_statusCallbacks->send(CallStatuses::name(CallStatus::InProgress));
    if (!m_roomOf) {
        fail(QStringLiteral("no conference can be joined here"));
        return;
    }
    enterRoom(m_roomOf(m_participant.room), m_participant.options);
}

void SimulatedCall::joinConference(const Twiml::Node &dial, const Twiml::Node &conference)
{
    if (!m_roomOf || conference.text().trimmed().isEmpty()) {
        fail(m_roomOf ? QStringLiteral("<Conference> names no conference")
                      : QStringLiteral("<Conference> is not simulated here"));
        return;
    }
    ConferenceRoom::Options options;
    const auto flag = [&](const char *name, bool fallback) {
        const QString value = conference.attribute(QLatin1String(name));
        return value.isEmpty() ? fallback : value == QLatin1String("true");
    };
    options.label = conference.attribute(QStringLiteral("participantLabel"));
    options.startConferenceOnEnter = flag("startConferenceOnEnter", true);
    options.endConferenceOnExit = flag("endConferenceOnExit", false);
    const QString statusCallback = conference.attribute(QStringLiteral("statusCallback"));
    if (!statusCallback.isEmpty())
        options.statusCallback = m_webhooks->publicUrl(statusCallback, m_documentUrl);
    const QString waitUrl = conference.attribute(QStringLiteral("waitUrl"));
    if (!waitUrl.isEmpty())
        options.waitUrl = m_webhooks->publicUrl(waitUrl, m_documentUrl);
    options.statusCallbackEvents
        = conference.attribute(QStringLiteral("statusCallbackEvent"), QStringLiteral("start end"))
              .split(u' ', Qt::SkipEmptyParts);
    m_conferenceAction = dial.attribute(QStringLiteral("action"));
    m_conferenceMethod = dial.attribute(QStringLiteral("method"), QStringLiteral("POST"));
    // Twilio answers the call to put it in the conference.
    if (m_state != State::InProgress) {
        if (!wasAnswered())
            m_answeredAtMs = m_clock.elapsedMs();
        setState(State::InProgress);
        m_statusCallbacks->send(CallStatuses::name(CallStatus::InProgress));
    }
    note(QStringLiteral("Dial Conference ") + conference.text().trimmed());
    enterRoom(m_roomOf(conference.text().trimmed()), options);
}

void SimulatedCall::enterRoom(ConferenceRoom *room, const ConferenceRoom::Options &options)
{
    m_room = room;
    m_clock.run();
    connect(room, &ConferenceRoom::conferenceEnded, this, &SimulatedCall::conferenceEnded);
    room->join(this, options);
}

void SimulatedCall::leaveRoom()
{
    if (!m_room)
        return;
    ConferenceRoom *room = m_room;
    m_room = nullptr;
    m_metInConference = m_metInConference || room->isStarted();
    room->disconnect(this);
    room->leave(this);
}

void SimulatedCall::conferenceEnded()
{
    if (!m_room)
        return;
    m_metInConference = m_metInConference || m_room->isStarted();
    m_room->disconnect(this);
    m_room = nullptr;
    if (m_direction == Direction::Participant || m_callerGone) {
        end(CallStatuses::name(CallStatus::Completed));
        return;
    }
    note(QStringLiteral("the conference ended"));
    const QString action = std::exchange(m_conferenceAction, QString());
    if (!action.isEmpty()) {
        Webhook::FormParameters parameters = currentParameters();
        parameters.append(QStringLiteral("DialCallStatus"), CallStatuses::name(CallStatus::Completed));
        fetch(m_webhooks->publicUrl(action, m_documentUrl), m_conferenceMethod, parameters, true);
        return;
    }
    runVerbs();
}

void SimulatedCall::start()
{
    if (m_direction == Direction::Participant) {
        ringAsParticipant();
        return;
    }
    if (m_direction == Direction::Incoming)
        note(QStringLiteral("incoming call from %1 to %2").arg(from(), to()));
    else
        note(QStringLiteral("%1 connects to %2")
                 .arg(from(), to().isEmpty() ? QStringLiteral("(no To)") : to()));
    fetch(m_webhooks->publicUrl(m_firstPath), QStringLiteral("POST"), m_firstRequest, true);
}

void SimulatedCall::fetch(const QString &publicUrl, const QString &method,
                          const Webhook::FormParameters &parameters, bool followAnswer)
{
    if (followAnswer && ++m_documents > maxDocuments) {
        fail(QStringLiteral("more than %1 TwiML documents for one call: a redirect loop?").arg(maxDocuments));
        return;
    }
    ++m_pendingRequests;
    m_webhooks->send(method, publicUrl, parameters, this, [this, followAnswer](const HttpExchange &exchange) {
        --m_pendingRequests;
        Q_EMIT exchanged(exchange);
        // The caller may have left while the server thought: Twilio drops such answers as well.
        if (followAnswer && m_state != State::Ended)
            follow(exchange);
        finishIfIdle();
    });
}

void SimulatedCall::follow(const HttpExchange &exchange)
{
    const QString request = exchange.method + QLatin1Char(' ') + exchange.signedUrl;
    if (!exchange.error.isEmpty()) {
        fail(QStringLiteral("%1 failed: %2").arg(request, exchange.error));
        return;
    }
    if (exchange.status < 200 || exchange.status > 299) {
        // One arg() call: a chained one would take a %2 in the URL for its own.
        fail(QStringLiteral("%1 answered HTTP %2%3")
                 .arg(request, QString::number(exchange.status), excerpt(exchange.body)));
        return;
    }
    if (exchange.body.trimmed().isEmpty()) {
        fail(QStringLiteral("%1 answered HTTP %2 with no TwiML")
                 .arg(request, QString::number(exchange.status)));
        return;
    }
    const auto document = Twiml::TwimlReader::read(exchange.body);
    if (!document) {
        fail(QStringLiteral("%1 answered what is not TwiML: %2").arg(request, document.error()));
        return;
    }
    m_documentUrl = exchange.signedUrl;
    m_verbs = document->children();
    m_nextVerb = 0;
    runVerbs();
}

void SimulatedCall::runVerbs()
{
    while (m_state != State::Ended && m_nextVerb < m_verbs.size()) {
        const Twiml::Node verb = m_verbs.at(m_nextVerb++);
        if (!play(verb))
            return;
    }
    if (m_state != State::Ended) {
        note(QStringLiteral("no more verbs"));
        end(CallStatuses::name(CallStatus::Completed));
    }
}

bool SimulatedCall::play(const Twiml::Node &verb)
{
    const QString &name = verb.name();
    if (name == QLatin1String("Say")) {
        m_outcome.said << verb.text();
        note(QStringLiteral("Say (%1): %2")
                 .arg(verb.attribute(QStringLiteral("language"), QStringLiteral("en-US")), verb.text()));
        return true;
    }
    if (name == QLatin1String("Play")) {
        note(verb.text().isEmpty() ? QStringLiteral("Play digits ") + verb.attribute(QStringLiteral("digits"))
                                   : QStringLiteral("Play ") + verb.text());
        return true;
    }
    if (name == QLatin1String("Pause")) {
        startPause(verb);
        return false;
    }
    if (name == QLatin1String("Record")) {
        record(verb);
        return false;
    }
    if (name == QLatin1String("Hangup")) {
        note(QStringLiteral("Hangup"));
        end(CallStatuses::name(CallStatus::Completed));
        return false;
    }
    if (name == QLatin1String("Reject")) {
        const QString reason = verb.attribute(QStringLiteral("reason"), QStringLiteral("rejected"));
        note(QStringLiteral("Reject (%1)").arg(reason));
        // Twilio reports a rejected call as busy, unless the reason names a final status itself.
        const auto named = CallStatuses::parse(reason);
        const bool endsTheCall = named && CallStatuses::isFinal(*named) && *named != CallStatus::Completed;
        end(endsTheCall ? reason : CallStatuses::name(CallStatus::Busy));
        return false;
    }
    if (name == QLatin1String("Redirect")) {
        redirect(verb);
        return false;
    }
    if (name == QLatin1String("Dial")) {
        for (const Twiml::Node &noun : verb.children()) {
            if (noun.name() == QLatin1String("Conference")) {
                joinConference(verb, noun);
                return false;
            }
        }
        startDial(verb);
        return false;
    }
    if (Twiml::TwimlReader::isVoiceVerb(name))
        fail(QStringLiteral("verb <%1> is not simulated").arg(name));
    else
        fail(QStringLiteral("unknown verb <%1>").arg(name));
    return false;
}

void SimulatedCall::startPause(const Twiml::Node &verb)
{
    const int seconds = nonNegativeOr(verb.attribute(QStringLiteral("length")), 1);
    note(QStringLiteral("Pause %1 s").arg(seconds));
    m_clock.run();
    m_pause.start(m_clock.realMs(qint64(seconds) * 1000));
}

void SimulatedCall::redirect(const Twiml::Node &verb)
{
    // An empty <Redirect> asks for the current document again.
    const QString url
        = m_webhooks->publicUrl(verb.text().isEmpty() ? m_documentUrl : verb.text(), m_documentUrl);
    note(QStringLiteral("Redirect to ") + url);
    fetch(url, verb.attribute(QStringLiteral("method"), QStringLiteral("POST")), currentParameters(), true);
}

void SimulatedCall::startDial(const Twiml::Node &verb)
{
    m_dial = new DialAttempt(verb, m_settings, this);
    for (const QString &problem : m_dial->problems())
        addProblem(problem);
    connect(m_dial, &DialAttempt::clientRinging, this,
            [this](const QString &name) { dialRinging(Phone::ClientAddress::addressOf(name), name); });
    connect(m_dial, &DialAttempt::numberRinging, this, [this](const QString &number) {
        const QString callerId = m_dial ? m_dial->callerId() : QString();
        dialRinging(callerId.isEmpty() ? number : QStringLiteral("%1 (caller ID %2)").arg(number, callerId),
                    QString());
    });
    connect(m_dial, &DialAttempt::ringingStopped, this, [this] {
        if (m_device)
            m_device->stopRinging(this);
    });
    connect(m_dial, &DialAttempt::connected, this, &SimulatedCall::dialConnected);
    connect(m_dial, &DialAttempt::noted, this, &SimulatedCall::note);
    connect(m_dial, &DialAttempt::ended, this, &SimulatedCall::dialEnded);
    note(QStringLiteral("Dial (timeout %1 s)").arg(m_dial->timeoutSeconds()));
    m_clock.run();
    m_dial->start();
}

void SimulatedCall::dialRinging(const QString &party, const QString &clientName)
{
    if (!clientName.isEmpty())
        m_ringingClient = clientName;
    note(clientName.isEmpty() ? QStringLiteral("dialling ") + party : QStringLiteral("ringing ") + party);
    if (m_state == State::Starting) {
        setState(State::Ringing);
        m_statusCallbacks->send(CallStatuses::name(CallStatus::Ringing));
    }
    if (!clientName.isEmpty() && m_device)
        m_device->ring(this, clientName);
}

void SimulatedCall::dialConnected(const QString &party)
{
    m_dialConnectedAtMs = m_clock.elapsedMs();
    if (!wasAnswered())
        m_answeredAtMs = m_dialConnectedAtMs;
    m_ringingClient = m_dial ? m_dial->connectedClient() : QString();
    note(QStringLiteral("answered by ") + party);
    if (m_state != State::InProgress) {
        setState(State::InProgress);
        m_statusCallbacks->send(CallStatuses::name(CallStatus::InProgress));
    }
}

void SimulatedCall::dialEnded(const QString &dialCallStatus)
{
    m_clock.hold();
    const int duration
        = m_dialConnectedAtMs < 0 ? 0 : CallClock::seconds(m_clock.elapsedMs() - m_dialConnectedAtMs);
    const QString action = m_dial->action();
    const QString method = m_dial->method();
    const QString dialCallSid = m_dial->dialCallSid();
    m_dial->deleteLater();
    m_dial = nullptr;
    m_ringingClient.clear();
    m_dialConnectedAtMs = -1;
    m_outcome.dialStatus = dialCallStatus;
    note(QStringLiteral("Dial ended: %1 (%2 s)").arg(dialCallStatus).arg(duration));

    if (!action.isEmpty()) {
        Webhook::FormParameters parameters = currentParameters();
        parameters.append(QStringLiteral("DialCallStatus"), dialCallStatus);
        parameters.append(QStringLiteral("DialCallSid"), dialCallSid);
        parameters.append(QStringLiteral("DialCallDuration"), QString::number(duration));
        // After the caller left, Twilio still tells the action how the Dial ended, but plays nothing.
        fetch(m_webhooks->publicUrl(action, m_documentUrl), method, parameters, !m_callerGone);
    }
    if (m_callerGone)
        end(wasAnswered() ? CallStatuses::name(CallStatus::Completed)
                          : CallStatuses::name(CallStatus::Canceled));
    else if (action.isEmpty())
        runVerbs();
}

void SimulatedCall::callerLeft()
{
    if (m_state == State::Ended || m_callerGone)
        return;
    m_callerGone = true;
    note(m_direction == Direction::Incoming ? QStringLiteral("the caller hung up")
                                            : from() + QStringLiteral(" hung up"));
    if (m_room) {
        leaveRoom();
        end(CallStatuses::name(CallStatus::Completed));
        return;
    }
    if (m_dial) {
        m_dial->cancel(); // dialEnded() ends the call
        return;
    }
    end(wasAnswered() ? CallStatuses::name(CallStatus::Completed) : CallStatuses::name(CallStatus::Canceled));
}

void SimulatedCall::end(const QString &status)
{
    if (m_state == State::Ended)
        return;
    m_pause.stop();
    m_ringTimeout.stop();
    if (m_direction == Direction::Participant && m_state == State::Ringing && m_device
        && !m_ringingClient.isEmpty())
        m_device->stopRinging(this);
    leaveRoom();
    m_clock.hold();
    if (m_dial) {
        m_dial->disconnect(this);
        m_dial->deleteLater();
        m_dial = nullptr;
    }
    m_outcome.status = status;
    m_outcome.result = resultOf(status);
    m_outcome.durationSeconds = wasAnswered() ? CallClock::seconds(m_clock.elapsedMs() - m_answeredAtMs) : 0;
    note(QStringLiteral("call ended: %1 (%2 s)").arg(status).arg(m_outcome.durationSeconds));
    setState(State::Ended);
    m_statusCallbacks->send(status, m_outcome.durationSeconds);
    finishIfIdle();
}

Store::CallResult SimulatedCall::resultOf(const QString &finalStatus) const
{
    // What the server's call log shows for it: told by the Dial, the message, or a refusal.
    const bool incoming = m_direction == Direction::Incoming;
    if (CallStatuses::is(finalStatus, CallStatus::Failed))
        return Store::CallResult::Failed;
    if (m_outcome.recorded)
        return Store::CallResult::Voicemail;
    // Call control: the party came into the call's conference (there is no Dial of a party to tell it).
    if (m_metInConference)
        return Store::CallResult::Answered;
    if (!m_outcome.dialStatus.isEmpty())
        return Store::CallResults::ofDial(m_outcome.dialStatus, incoming);
    // Nobody was dialled: the caller left first, or the server answered with a message and hung up.
    if (CallStatuses::is(finalStatus, CallStatus::Canceled))
        return incoming ? Store::CallResult::Missed : Store::CallResult::NoAnswer;
    return Store::CallResult::Failed;
}

void SimulatedCall::fail(const QString &problem)
{
    addProblem(problem);
    end(CallStatuses::name(CallStatus::Failed));
}

void SimulatedCall::finishIfIdle()
{
    if (m_state != State::Ended || m_finished || m_pendingRequests > 0 || !m_statusCallbacks->isIdle())
        return;
    m_finished = true;
    Q_EMIT finished(m_outcome);
}

void SimulatedCall::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SimulatedCall::note(const QString &what)
{
    qCDebug(lcSimulator).noquote() << callSid() << what;
    Q_EMIT progressed(what);
}

void SimulatedCall::addProblem(const QString &problem)
{
    qCWarning(lcSimulator).noquote() << callSid() << problem;
    m_outcome.problems.append(problem);
    Q_EMIT progressed(QStringLiteral("problem: ") + problem);
}

void SimulatedCall::record(const Twiml::Node &verb)
{
    m_outcome.recorded = true;
    const int maxLength = nonNegativeOr(verb.attribute(QStringLiteral("maxLength")), 3600);
    note(QStringLiteral("Record up to %1 s").arg(maxLength));
    const int seconds = std::min(m_settings.messageSeconds, maxLength);
    note(QStringLiteral("the caller leaves a message of %1 s and hangs up").arg(seconds));
    // The hang-up ends the recording, and Twilio still posts it to the action (by default the document's
    // own URL); what it answers is not played, the caller being gone.
    m_callerGone = true;
    const QString accountSid = m_callParameters.value(QStringLiteral("AccountSid"));
    const QString recordingSid = m_settings.recordings ? m_settings.recordings->add(callSid(), seconds)
                                                       : TwilioParameters::newSid(QStringLiteral("RE"));
    QString apiBase = m_settings.apiBaseUrl;
    while (apiBase.endsWith(u'/'))
        apiBase.chop(1);
    // Without an extension, as Twilio gives it: .wav or .mp3 picks the media, .json the resource.
    const QString recordingUrl
        = QStringLiteral("%1/2010-04-01/Accounts/%2/Recordings/%3").arg(apiBase, accountSid, recordingSid);
    Webhook::FormParameters parameters = currentParameters();
    parameters.append(QStringLiteral("RecordingSid"), recordingSid);
    parameters.append(QStringLiteral("RecordingUrl"), recordingUrl);
    parameters.append(QStringLiteral("RecordingDuration"), QString::number(seconds));
    const QString action = verb.attribute(QStringLiteral("action"));
    fetch(action.isEmpty() ? m_documentUrl : m_webhooks->publicUrl(action, m_documentUrl),
          verb.attribute(QStringLiteral("method"), QStringLiteral("POST")), parameters, false);

    Webhook::FormParameters recording;
    recording.append(QStringLiteral("AccountSid"), accountSid);
    recording.append(QStringLiteral("CallSid"), callSid());
    recording.append(QStringLiteral("RecordingSid"), recordingSid);
    recording.append(QStringLiteral("RecordingUrl"), recordingUrl);
    const QString statusCallback = verb.attribute(QStringLiteral("recordingStatusCallback"));
    const QStringList events
        = verb.attribute(QStringLiteral("recordingStatusCallbackEvent"), QStringLiteral("completed"))
              .split(u' ', Qt::SkipEmptyParts);
    if (!statusCallback.isEmpty() && events.contains(QStringLiteral("completed"))) {
        Webhook::FormParameters report = recording;
        report.append(QStringLiteral("RecordingStatus"), QStringLiteral("completed"));
        report.append(QStringLiteral("RecordingDuration"), QString::number(seconds));
        report.append(QStringLiteral("RecordingChannels"), QStringLiteral("1"));
        report.append(QStringLiteral("RecordingSource"), QStringLiteral("RecordVerb"));
        report.append(QStringLiteral("RecordingStartTime"),
                      QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date));
        report.append(QStringLiteral("ErrorCode"), QStringLiteral("0"));
        note(QStringLiteral("recording %1 (%2 s) is stored").arg(recordingSid).arg(seconds));
        fetch(m_webhooks->publicUrl(statusCallback, m_documentUrl),
              verb.attribute(QStringLiteral("recordingStatusCallbackMethod"), QStringLiteral("POST")), report,
              false);
    }
    const QString transcribeCallback = verb.attribute(QStringLiteral("transcribeCallback"));
    if (verb.attribute(QStringLiteral("transcribe")) == QLatin1String("true")
        && !transcribeCallback.isEmpty()) {
        Webhook::FormParameters transcript = recording;
        const QString transcriptionSid = TwilioParameters::newSid(QStringLiteral("TR"));
        transcript.append(QStringLiteral("TranscriptionSid"), transcriptionSid);
        transcript.append(QStringLiteral("TranscriptionText"),
                          QStringLiteral("Hello, this is a message left in the Twilio simulator."));
        transcript.append(QStringLiteral("TranscriptionStatus"), QStringLiteral("completed"));
        transcript.append(QStringLiteral("TranscriptionUrl"),
                          QStringLiteral("%1/2010-04-01/Accounts/%2/Transcriptions/%3")
                              .arg(apiBase, accountSid, transcriptionSid));
        transcript.append(QStringLiteral("TranscriptionType"), QStringLiteral("fast"));
        note(QStringLiteral("recording %1 is transcribed").arg(recordingSid));
        fetch(m_webhooks->publicUrl(transcribeCallback, m_documentUrl), QStringLiteral("POST"), transcript,
              false);
    }
    end(CallStatuses::name(CallStatus::Completed));
}

Webhook::FormParameters SimulatedCall::currentParameters() const
{
    // Twilio answered the call to play its TwiML: every request after the first finds it in progress.
    Webhook::FormParameters parameters = m_callParameters;
    parameters.set(QStringLiteral("CallStatus"),
                   m_callerGone ? CallStatuses::name(CallStatus::Completed)
                                : CallStatuses::name(CallStatus::InProgress));
    return parameters;
}

} // namespace Simulator
