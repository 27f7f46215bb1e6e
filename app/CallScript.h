#pragma once

// What `switchboard simulate incoming` has the answering client do during the call, under call control:
// hold and resume, transfer (blind, or talking first and then handing over), add a party and merge, and
// a second caller while the call is on. Each step asks the server started for the occasion, in this
// process, as the desktop phone does (Server::CallActions), and prints what it asked and the answer.

#include "core/server/CallActions.h"

#include <QObject>
#include <QPointer>
#include <QTextStream>

#include <chrono>
#include <functional>
#include <optional>

namespace Simulator {
class SimulatedCall;
} // namespace Simulator

namespace App {

class CallScript : public QObject
{
    Q_OBJECT

public:
    using Seconds = std::chrono::milliseconds; // simulated time

    struct Steps
    {
        std::optional<Seconds> holdAfter; // after answering
        std::optional<Seconds> resumeAfter; // after holding
        QString transferTo; // then: transfer to this address
        bool warm = false; // talking first; handed over once the target answered
        QString addParty; // or: add this party, and merge once it answered
        QString secondCallFrom; // a second caller, a second after answering
        bool isEmpty() const;
    };
    // The pause between steps that have no delay of their own.
    static constexpr Seconds pause { 1000 };

    // actions acts for the client; placeSecondCall places the second call (from the number given).
    CallScript(QTextStream &out, Server::CallActions &actions, Steps steps, double timeScale,
               std::function<void(const QString &from)> placeSecondCall, QObject *parent = nullptr);

    // The client answered leg: the script starts. finished runs once it is over, with whether the client
    // is still on the call.
    void start(Simulator::SimulatedCall *leg, const QString &clientName,
               std::function<void(bool onCall)> finished);

private:
    using Next = std::function<void()>;

    void after(Seconds delay, const Next &next);
    // Asks the server; prints doing and the answer; next runs on a 2xx answer, else the script ends.
    void act(const QString &doing, const QString &action, const QString &to, bool talkFirst,
             const Next &next);
    // Waits until the party the script brought in joined the call, then runs next.
    void whenBroughtInJoined(const Next &next, int triesLeft = 200);
    void transfer();
    void addParty();
    void finish();

    QTextStream &m_out;
    Server::CallActions &m_actions;
    Steps m_steps;
    double m_timeScale;
    std::function<void(const QString &)> m_placeSecondCall;
    QPointer<Simulator::SimulatedCall> m_leg;
    QString m_clientName;
    QString m_broughtIn; // the label of the party the script called in
    std::function<void(bool)> m_finished;
};

} // namespace App
