#pragma once

// One <Dial> as Twilio plays it: rings its clients and numbers at once, connects the first to answer, and
// ends with a DialCallStatus. It knows neither HTTP nor the front end: SimulatedCall does.

#include "core/phone/ClientAddress.h"
#include "core/simulator/SimulatorSettings.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace Twiml {
class Node;
}

namespace Simulator {

class DialAttempt : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultTimeoutSeconds = 30;
    static constexpr int defaultTimeLimitSeconds = 4 * 60 * 60;

    DialAttempt(const Twiml::Node &dial, const SimulatorSettings &settings, QObject *parent = nullptr);

    // Nouns that cannot be dialled (unknown, not simulated, invalid numbers or names): left out.
    const QStringList &problems() const { return m_problems; }
    const QString &action() const { return m_action; }
    const QString &method() const { return m_method; }
    const QString &callerId() const { return m_callerId; }
    int timeoutSeconds() const { return m_timeoutSeconds; }
    const QString &dialCallSid() const { return m_dialCallSid; }

    // Rings every target; ends "failed" (from the event loop) when there is none.
    void start();

    bool isRinging() const { return m_phase == Phase::Ringing; }
    bool isConnected() const { return m_phase == Phase::Connected; }
    // The first client still ringing, or the client connected; empty if none.
    QString ringingClient() const;
    QString connectedClient() const;

    // The first ringing client picks up / declines; false when no client rings.
    bool answerClient();
    bool declineClient();
    // Every target still ringing declines: the Dial ends busy.
    void declineAll();
    // The connected party hangs up: the Dial ends completed.
    void hangUpConnected();
    // The caller left: ringing stops (canceled), or the conversation ends (completed).
    void cancel();

Q_SIGNALS:
    void clientRinging(const QString &clientName);
    void numberRinging(const QString &number);
    void ringingStopped(); // ended without an answer while a client rang
    void connected(const QString &party); // client:NAME or +E164
    void noted(const QString &what);
    void ended(const QString &dialCallStatus);

private:
    enum class Phase { Idle, Ringing, Connected, Ended };
    struct Target
    {
        bool isClient = false;
        QString address; // the client's name, or the number in E.164
        bool ringing = false;
        QString party() const { return isClient ? Phone::ClientAddress::addressOf(address) : address; }
    };

    void addTarget(const Twiml::Node &noun);
    void addNumber(const QString &text);
    void connectTarget(int index);
    void targetDeclined(int index, const QString &what);
    void timedOut();
    void finish(const QString &dialCallStatus);
    int firstRinging(bool clientsOnly) const;
    int realMs(qint64 simulatedMs) const;

    SimulatorSettings m_settings;
    QList<Target> m_targets;
    QStringList m_problems;
    QString m_action;
    QString m_method;
    QString m_callerId;
    QString m_dialCallSid;
    int m_timeoutSeconds = defaultTimeoutSeconds;
    int m_timeLimitSeconds = defaultTimeLimitSeconds;
    Phase m_phase = Phase::Idle;
    int m_connected = -1;
    bool m_clientsRang = false;
};

} // namespace Simulator
