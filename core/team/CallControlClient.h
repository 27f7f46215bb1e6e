#pragma once

// Call control through the team's server (POST /calls/{CallSid}/hold or /resume): the phone asks, the
// server does it at Twilio with the account's credentials, which the phone never holds. Every done runs in
// this object's thread, once, unless the client is deleted first.

#include "core/common/Result.h"
#include "core/team/ChangeRequests.h"
#include "core/team/ServerAccount.h"

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

    // Holds everyone else on the signed-in client's call callSid (true), or takes them off hold.
    void setHold(const QString &callSid, bool hold, Done done);

private:
    ServerAccount m_account;
    QNetworkAccessManager m_network;
    ChangeRequests m_requests;
};

} // namespace Team
