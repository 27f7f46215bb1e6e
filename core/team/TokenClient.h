#pragma once

// Fetches the phone's access tokens from the team's server (POST /token, signed in as the client). The
// server's refusal (a wrong secret, a disabled client, an identity that is not the client's) is final and
// said once: asking again with the same secret would only trip the server's throttle. A server that cannot
// be reached, is busy or fails is asked again, with a growing wait, until it answers.

#include "core/common/Result.h"
#include "core/team/PendingRequest.h"
#include "core/team/ServerAccount.h"
#include "core/token/IssuedToken.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace Team {

class TokenClient : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<Token::IssuedToken>)>;

    explicit TokenClient(ServerAccount account, QObject *parent = nullptr);
    ~TokenClient() override;

    // Asks for a token for the account's client; done gets it, or the server's refusal as a sentence,
    // in this object's thread. A fetch replaces one still under way (whose done is never called).
    void fetch(Done done);
    // Stops asking; the pending done is never called.
    void cancel();

    // The waits between attempts: first, doubled after each failure up to longest. For tests.
    void setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds longest);

Q_SIGNALS:
    // An attempt failed in a way that passes (why: a sentence); the next one follows after wait.
    void retrying(const QString &why, std::chrono::milliseconds wait);

private:
    void attempt();
    void finished(QNetworkReply *reply);
    void retryLater(const QString &why, std::chrono::milliseconds atLeast = std::chrono::milliseconds(0));
    void complete(Result<Token::IssuedToken> result);

    ServerAccount m_account;
    QNetworkAccessManager m_network;
    QTimer m_retry;
    PendingRequest m_request;
    Done m_done;
    std::chrono::milliseconds m_firstWait { 1000 };
    std::chrono::milliseconds m_longestWait { 60000 };
    std::chrono::milliseconds m_nextWait { 1000 };
};

} // namespace Team
