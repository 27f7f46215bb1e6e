#pragma once

// Call control through the team's server (POST /calls/{CallSid}/hold, /transfer, ...): the phone asks, the
// server does it at Twilio with the account's credentials, which the phone never holds. Every done runs in
// this object's thread, once, unless the client is deleted first.

#include "core/common/Result.h"
#include "core/team/ChangeRequests.h"
#include "core/team/ServerAccount.h"
#include "core/webhook/FormParameters.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

namespace Team {

class CallControlClient : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<void>)>;

    explicit CallControlClient(ServerAccount account, QObject *parent = nullptr);
    ~CallControlClient() override;

    using Answered = ChangeRequests::Answered;

    // Holds everyone else on the signed-in client's call callSid (true), or takes them off hold.
    void setHold(const QString &callSid, bool hold, Done done);
    // POST /calls/{callSid}/{action} (Server::ApiPaths) with form's fields (to, talkFirst, label): the
    // server's JSON answer, or why not.
    void act(const QString &callSid, const QString &action, const Webhook::FormParameters &form,
             Answered done);
    // GET /calls/{callSid}: its parties as they stand.
    void fetch(const QString &callSid, Answered done);

private:
    // Why the settings cannot make a request, or an empty sentence.
    QString incomplete() const;

    ServerAccount m_account;
    QNetworkAccessManager m_network;
    ChangeRequests m_requests;
};

} // namespace Team
