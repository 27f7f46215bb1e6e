#pragma once

// The phones' side of a server that plays Twilio (`serve --simulate-twilio`): Twilio's signalling, as the
// Voice SDK hears it, for phones that sign in to the server from other processes or machines. A call the
// server dials to client:NAME rings NAME's phone if it asked for events lately; the phone answers,
// rejects or hangs up through the server's routes (Server::SimulatorEndpoint), and places calls there too.
//
// It lives in the thread that plays the calls; DeviceSignalling's methods come from request threads,
// take only the lock, and hand the work to this object's thread through its ThreadMailbox.

#include "core/common/ThreadMailbox.h"
#include "core/server/DeviceSignalling.h"
#include "core/simulator/ClientDevice.h"
#include "core/simulator/SimulatorSettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <mutex>

namespace Simulator {

class CallSimulator;
class SimulatedCall;

class DeviceHub : public QObject, public ClientDevice, public Server::DeviceSignalling
{
    Q_OBJECT

public:
    // A phone that has not asked for events this long no longer rings (Twilio's "offline").
    static constexpr std::chrono::seconds signedInFor { 10 };
    // Events a phone has not fetched beyond this many are dropped, oldest first.
    static constexpr int maxQueuedEvents = 100;

    explicit DeviceHub(QObject *parent = nullptr);
    ~DeviceHub() override;

    // Once the server listens: calls are played against settings.serverUrl from then on.
    void start(const SimulatorSettings &settings);
    CallSimulator *simulator() const { return m_simulator; }

    // Whether a phone of identity asked for events lately, so that a call to it would ring; any thread.
    bool hasSignedIn(const QString &identity) const;

    // ClientDevice, in this object's thread.
    void ring(SimulatedCall *call, const QString &clientName) override;
    void stopRinging(SimulatedCall *call) override;

    // DeviceSignalling, in request threads.
    Server::HttpResponse events(const QString &identity, qint64 after) override;
    Server::HttpResponse act(const QString &identity, const QString &callSid, const QString &action) override;
    Server::HttpResponse callOut(const QString &identity, const QString &to) override;
    Server::HttpResponse callIn(const QString &from, const QString &to) override;

private:
    struct SignedInPhone
    {
        QList<QJsonObject> events;
        qint64 lastSequence = 0;
        qint64 lastSeenMs = -1;
    };

    bool isSignedIn(const QString &identity) const; // with the lock held
    void tell(const QString &identity, const QString &type, SimulatedCall *call);
    void follow(SimulatedCall *call, const QString &identity);
    void perform(const QString &callSid, const QString &action);

protected:
    void customEvent(QEvent *event) override;

private:
    QElapsedTimer m_clock;
    Common::ThreadMailbox m_mailbox;
    mutable std::mutex m_mutex; // guards m_phones, m_partyOf, m_started and m_region
    QHash<QString, SignedInPhone> m_phones; // by identity
    QHash<QString, QString> m_partyOf; // call SID -> the identity whose phone takes part, while it lasts
    bool m_started = false;
    QString m_region; // numbers without +CC are read in it

    // In this object's thread only.
    CallSimulator *m_simulator = nullptr;
    QHash<QString, QPointer<SimulatedCall>> m_calls;
};

} // namespace Simulator
