#pragma once

// One <Conference> as Twilio plays it: the calls in it, who starts it and who ends it on leaving, who is
// held (fetching the hold URL and playing it to them), and the conference's status callbacks, posted one
// at a time in order. Calls join and leave it; the REST API holds and resumes them by CallSid or label.

#include "core/simulator/HttpExchange.h"
#include "core/webhook/FormParameters.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Simulator {

class CallbackQueue;
class SimulatedCall;
class WebhookClient;

class ConferenceRoom : public QObject
{
    Q_OBJECT

public:
    // How a call takes part: <Conference>'s attributes, or a REST-created participant's.
    struct Options
    {
        QString label;
        bool startConferenceOnEnter = true;
        bool endConferenceOnExit = false;
        QString waitUrl; // public URL; played until the conference starts
        QString statusCallback; // public URL; the conference takes the first one given
        QStringList statusCallbackEvents; // "start end join leave hold"
    };

    ConferenceRoom(const QString &name, const QString &accountSid, WebhookClient *webhooks,
                   QObject *parent = nullptr);

    const QString &name() const { return m_name; }
    const QString &sid() const { return m_sid; }
    bool isStarted() const { return m_started; }
    bool isEnded() const { return m_ended; }
    // Whether every status callback was answered.
    bool isIdle() const;
    QStringList labels() const;
    bool isHeld(const QString &callSidOrLabel) const;

    // A call enters; it stays until it leaves or the conference ends (conferenceEnded()).
    void join(SimulatedCall *call, const Options &options);
    // A call left by itself (hung up, sent elsewhere). One with endConferenceOnExit ends the conference.
    void leave(SimulatedCall *call);
    // The REST API: holds or resumes a participant (by CallSid or label); the held call hears holdUrl's
    // TwiML. False when there is no such participant.
    bool setHold(const QString &callSidOrLabel, bool hold, const QString &holdUrl, const QString &holdMethod);
    SimulatedCall *participant(const QString &callSidOrLabel) const;
    // Whether the participant's leaving ends the conference (the REST API's EndConferenceOnExit).
    bool endsOnExit(const QString &callSidOrLabel) const;
    void setEndsOnExit(const QString &callSidOrLabel, bool ends);

Q_SIGNALS:
    // The conference ended: every call still in it is told to go on with its TwiML.
    void conferenceEnded(Simulator::ConferenceRoom *room);
    void exchanged(const Simulator::HttpExchange &exchange);
    void noted(const QString &what);
    void idle();

private:
    struct Participant
    {
        QPointer<SimulatedCall> call;
        QString callSid;
        Options options;
        bool held = false;
    };

    int indexOf(const QString &callSidOrLabel) const;
    void end(const Participant &endedBy);
    void post(const QString &event, const Participant *participant);
    // Fetches url's TwiML for participant and notes what it plays: "CA… on hold hears Say: …".
    void playTo(const Participant &participant, const QString &url, const QString &method,
                const QString &while_);

    QString m_name;
    QString m_sid;
    QString m_accountSid;
    WebhookClient *m_webhooks;
    QList<Participant> m_participants;
    QString m_statusCallback;
    QStringList m_events;
    bool m_started = false;
    bool m_ended = false;
    int m_sequence = 0;
    CallbackQueue *m_callbacks;
};

} // namespace Simulator
