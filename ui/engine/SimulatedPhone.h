#pragma once

// The far side of the phone in simulated mode: plays Twilio's part of the phone's calls with core/simulator,
// through the app's own webhook server, and drives the page's simulated device through the PhoneBridge.
// It is the CallSimulator's ClientDevice: when the server dials the phone's client, the page rings.
// While the phone uses Twilio, simulated incoming calls still go through the app's own server (never to
// Twilio, so they cost nothing), but the page cannot ring for a call Twilio does not know: the call is
// declined at once, and routedElsewhere says where the server sent it.

#include "core/simulator/CallSimulator.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QVariantMap>

namespace Engine {

class PhoneBridge;

class SimulatedPhone : public QObject, public Simulator::ClientDevice
{
    Q_OBJECT

public:
    // settings: where the app's webhook server listens, the auth token it checks, how the far end behaves.
    // It acts only while the bridge runs the simulated back end, for the bridge's identity.
    SimulatedPhone(PhoneBridge *bridge, const Simulator::SimulatorSettings &settings,
                   QObject *parent = nullptr);
    ~SimulatedPhone() override;

    Simulator::CallSimulator *simulator() const { return m_simulator; }
    // "Simulate incoming call": an outside phone (from) calls one of our numbers (to) through the server;
    // the phone rings if the server routes the call to it. The call is the simulator's.
    Simulator::SimulatedCall *simulateIncoming(const QString &from, const QString &to);
    // The call that rings the phone or that it is on, if any.
    Simulator::SimulatedCall *currentCall() const { return m_call; }
    // Call waiting: a second call ringing while the phone is on one, and the call holding while the
    // phone is on the one that waited.
    Simulator::SimulatedCall *waitingCall() const { return m_waiting; }
    Simulator::SimulatedCall *heldCall() const { return m_held; }

    void ring(Simulator::SimulatedCall *call, const QString &clientName) override;
    void stopRinging(Simulator::SimulatedCall *call) override;

Q_SIGNALS:
    // A call the phone took part in has ended and the server has heard the last of it.
    void callFinished(Simulator::SimulatedCall *call, const Simulator::CallOutcome &outcome);
    // A simulated incoming call that did not ring this phone has ended: the server refused it, rang another
    // client, or rang this one while the phone uses Twilio or was busy. clientName is the client the
    // server dialled for it, empty when it dialled none.
    void routedElsewhere(const QString &from, const QString &to, const QString &clientName,
                         const Simulator::CallOutcome &outcome);
    // A call the phone placed ended without reaching anyone: sentence says why, as the person should read
    // it (what the server said instead, or why it could not be asked).
    void outgoingNotConnected(const QString &sentence);

private:
    bool isActive() const;
    bool isOnTwilio() const;
    bool isCurrent(const QVariantMap &details) const;
    // The page's report about the waiting or the held call; false when details name neither.
    bool otherCallReported(const QString &event, const QVariantMap &details);
    void pageReported(const QString &event, const QVariantMap &details);
    // The page rings for call: as the phone's call, or as the one waiting beside it.
    void ringPage(Simulator::SimulatedCall *call);
    void follow(Simulator::SimulatedCall *call);
    void followOutgoing(Simulator::SimulatedCall *call);
    void callStateChanged(Simulator::SimulatedCall *call, Simulator::SimulatedCall::State state);
    void tellPage(const QString &command, Simulator::SimulatedCall *call);

    PhoneBridge *m_bridge;
    Simulator::CallSimulator *m_simulator;
    QPointer<Simulator::SimulatedCall> m_call;
    QPointer<Simulator::SimulatedCall> m_waiting;
    QPointer<Simulator::SimulatedCall> m_held;
    QHash<QString, QString> m_routedElsewhere; // call SID -> the client dialled, while the call lasts
    QSet<QString> m_rangHere; // call SIDs of simulated calls that rang this phone, while they last
};

} // namespace Engine
