#pragma once

// One call as Twilio sees it, from the first webhook to the last status callback: follows the TwiML the
// server answers, rings clients through the ClientDevice, and reports every step.

#include "core/simulator/CallClock.h"
#include "core/simulator/CallOutcome.h"
#include "core/simulator/ConferenceRoom.h"
#include "core/simulator/HttpExchange.h"
#include "core/simulator/SimulatorSettings.h"
#include "core/twiml/Node.h"
#include "core/webhook/FormParameters.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Simulator {

class ClientDevice;
class DialAttempt;
class StatusCallbackSender;
class WebhookClient;

class SimulatedCall : public QObject
{
    Q_OBJECT

public:
    // Incoming: an outside phone calls one of our numbers; outgoing: a client connects; participant:
    // Twilio calls a party into a conference because the REST API asked (ParticipantRequest).
    enum class Direction { Incoming, Outgoing, Participant };
    Q_ENUM(Direction)
    enum class State { Starting, Ringing, InProgress, Ended };
    Q_ENUM(State)

    // TwiML documents one call may fetch (first webhook, Dial actions, Redirects): beyond, a loop.
    static constexpr int maxDocuments = 10;

    // What POST Conferences/{name}/Participants asks for.
    struct ParticipantRequest
    {
        QString room; // the conference's name
        QString from;
        QString to; // client:NAME or a number
        int timeoutSeconds = 60;
        ConferenceRoom::Options options;
        QString statusCallback; // public URL; empty: none
        QStringList statusCallbackEvents; // initiated ringing answered completed
    };
    // Finds, or opens, the conference of a name: CallSimulator's.
    using RoomOf = std::function<ConferenceRoom *(const QString &name)>;

    // Made by CallSimulator. firstRequest goes to firstPath at once (from the event loop); every later
    // request carries callParameters, the call's own (without the client's custom parameters).
    SimulatedCall(const SimulatorSettings &settings, WebhookClient *webhooks, ClientDevice *device,
                  Direction direction, const QString &firstPath, const Webhook::FormParameters &firstRequest,
                  const Webhook::FormParameters &callParameters, QObject *parent = nullptr);
    // A participant call (Direction::Participant): rings request.to, and joins the conference on answer.
    SimulatedCall(const SimulatorSettings &settings, WebhookClient *webhooks, ClientDevice *device,
                  const ParticipantRequest &request, const Webhook::FormParameters &callParameters,
                  QObject *parent = nullptr);
    ~SimulatedCall() override;

    void setRooms(RoomOf roomOf) { m_roomOf = std::move(roomOf); }
    // The conference the call is in, if any.
    ConferenceRoom *room() const { return m_room; }

    QString callSid() const;
    Direction direction() const { return m_direction; }
    State state() const { return m_state; }
    QString from() const;
    QString to() const;
    QString ringingClient() const; // who rings (or talks), if a client
    // Final once finished() was sent.
    const CallOutcome &outcome() const { return m_outcome; }
    bool isFinished() const { return m_finished; }

    // These act from the event loop, so a ClientDevice may call them from inside ring().
    void answer(); // the ringing client picks up
    void reject(); // the ringing client declines (Dial ends "busy", like Twilio's reject from the SDK)
    void hangUp(); // the client side hangs up (the talking client, or the calling client of an outgoing call)
    void hangUpCaller(); // the outside party hangs up (caller of an incoming call, callee of an outgoing one)
    // The REST API (POST Calls/{CallSid}): the call leaves what it does and plays url's TwiML...
    void redirect(const QString &url, const QString &method);
    // ...or ends: "canceled" while it rings, "completed" once answered.
    void endByApi(const QString &status);

Q_SIGNALS:
    void exchanged(const Simulator::HttpExchange &exchange); // every request sent and its answer
    // Human-readable steps: "ringing client:DeviceId_0001", "Say (en-US): ...", "Record up to 120 s", ...
    void progressed(const QString &what);
    void stateChanged(Simulator::SimulatedCall::State state);
    void finished(const Simulator::CallOutcome &outcome); // exactly once

private:
    void start();
    void ringAsParticipant();
    void participantAnswered();
    void joinConference(const Twiml::Node &dial, const Twiml::Node &conference);
    void enterRoom(ConferenceRoom *room, const ConferenceRoom::Options &options);
    void leaveRoom();
    void conferenceEnded();
    void fetch(const QString &publicUrl, const QString &method, const Webhook::FormParameters &parameters,
               bool follow);
    void follow(const HttpExchange &exchange);
    void runVerbs();
    bool play(const Twiml::Node &verb); // true: go on with the next verb at once
    void startPause(const Twiml::Node &verb);
    // <Record>: the caller leaves a message and hangs up; the action, the recording's callback and its
    // transcript's follow.
    void record(const Twiml::Node &verb);
    void redirect(const Twiml::Node &verb);
    void startDial(const Twiml::Node &verb);
    void dialRinging(const QString &party, const QString &clientName);
    void dialConnected(const QString &party);
    void dialEnded(const QString &dialCallStatus);
    void declinedByClient();
    void hungUpByClient();
    void hungUpByCallee();
    void callerLeft();
    void end(const QString &status);
    Store::CallResult resultOf(const QString &finalStatus) const;
    void fail(const QString &problem);
    void finishIfIdle();
    void setState(State state);
    void note(const QString &what);
    void addProblem(const QString &problem);
    Webhook::FormParameters currentParameters() const;
    bool wasAnswered() const { return m_answeredAtMs >= 0; }

    SimulatorSettings m_settings;
    WebhookClient *m_webhooks;
    ClientDevice *m_device;
    Direction m_direction;
    QString m_firstPath;
    Webhook::FormParameters m_firstRequest;
    Webhook::FormParameters m_callParameters;
    StatusCallbackSender *m_statusCallbacks;

    State m_state = State::Starting;
    CallClock m_clock;
    qint64 m_answeredAtMs = -1; // simulated time of the first answer
    qint64 m_dialConnectedAtMs = -1;
    QString m_documentUrl; // public URL of the TwiML being played: relative URLs resolve against it
    QList<Twiml::Node> m_verbs;
    int m_nextVerb = 0;
    int m_documents = 0;
    int m_pendingRequests = 0;
    QPointer<DialAttempt> m_dial;
    RoomOf m_roomOf;
    QPointer<ConferenceRoom> m_room;
    bool m_metInConference = false; // it was in the call's conference while others were there
    QString m_conferenceAction; // the <Dial action> of the conference the call is in
    QString m_conferenceMethod;
    ParticipantRequest m_participant; // Direction::Participant
    QTimer m_ringTimeout;
    QString m_ringingClient;
    QTimer m_pause;
    bool m_callerGone = false;
    bool m_finished = false;
    CallOutcome m_outcome;
};

} // namespace Simulator
