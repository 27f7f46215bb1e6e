#pragma once

// The phone's side of call control beyond Hold: it asks the server to transfer the call, bring a party in,
// merge, hand over or drop a party (Server::CallActions), and follows the call's parties as the server
// sees them (GET /calls/{CallSid}), asking again each second until the server has seen this phone join,
// and while a party is being brought in or more than two are on the call. What the conference bar shows is
// read from here.

#include "core/common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Phone {

// What the phone asks of the server about its call: one of Server::ApiPaths' actions with its fields, or,
// with no action, how the call stands.
struct CallRequest
{
    QString callSid;
    QString action;
    QString to;
    bool talkFirst = false;
    QString label;
};
// Runs a request at the server (in this process on a desktop, over HTTP in a team); done, in the caller's
// thread, gets the server's JSON answer, or the reason it refused as a sentence.
using CallControl
    = std::function<void(const CallRequest &request, std::function<void(Result<QJsonObject> answer)> done)>;

// One party of the call as the server tells it (Store::RoomParty).
struct CallParty
{
    QString label;
    QString address; // client:NAME or +E164
    QString state; // calling, joined, answered, left, or how a leg that never joined ended
    bool onHold = false;
    bool you = false;

    bool isPresent() const;
    bool isCalling() const;
    bool isBroughtIn() const; // added or a transfer's target, not the call's own two legs
};

class CallController : public QObject
{
    Q_OBJECT

public:
    static constexpr int pollMs = 1000;

    explicit CallController(QObject *parent = nullptr);

    void setControl(CallControl control);
    bool isAvailable() const { return bool(m_control); }
    // The call to control (this phone's own leg); empty: none. What was known of the last is forgotten.
    void setCall(const QString &callSid);
    const QString &callSid() const { return m_callSid; }

    void add(const QString &to);
    void transfer(const QString &to, bool talkFirst);
    void merge();
    void handOver();
    // Calls off, or hangs up, the party this phone is bringing in.
    void dropBroughtIn();
    void refresh();

    // The other parties, as last told.
    const QList<CallParty> &others() const { return m_others; }
    bool isBusy() const { return m_busy; } // a request is under way
    QString problem() const { return m_problem; }
    // The party being brought in (called, or talked to while others hold), if any.
    const CallParty *broughtIn() const;
    bool canBringIn() const; // connected, nobody being brought in, nothing under way
    bool canMerge() const; // someone held, and someone else talking
    bool canHandOver() const; // someone to leave the call to
    // "Transferring to alice…", "Talking to alice; +81 90-… on hold", "3 people on the call"; nameOf turns
    // an address into how it reads.
    QString stateText(const std::function<QString(const QString &address)> &nameOf) const;

Q_SIGNALS:
    void changed();

private:
    void run(const CallRequest &request, const QString &failure);
    void read(const QJsonObject &answer);

    CallControl m_control;
    QString m_callSid;
    QList<CallParty> m_others;
    QString m_lastAction; // what was last asked: a transfer reads differently from an added call
    bool m_busy = false;
    bool m_connected = false; // the server has this phone's own leg on the call
    QString m_problem;
    QTimer m_poll;
    quint64 m_generation = 0; // answers about an earlier call are dropped
};

} // namespace Phone
