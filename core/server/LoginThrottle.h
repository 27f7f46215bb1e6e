#pragma once

// Slows down guessing at client secrets on POST /token. After maxFailures wrong credentials from one
// address within window, that address is refused until the window has passed, without a secret being
// hashed: each check costs the server about 0.1 s of argon2, so this also keeps one address from tying
// up the request threads. Shared by the request threads, so every method is thread-safe.

#include <QHash>
#include <QHostAddress>
#include <QMutex>

#include <chrono>

namespace Server {

class LoginThrottle
{
public:
    explicit LoginThrottle(int maxFailures = 10, std::chrono::milliseconds window = std::chrono::minutes(1),
                           int maxAddresses = 10000);

    // How long address must wait before its next try; zero when it may try now.
    std::chrono::milliseconds waitFor(const QHostAddress &address) const;
    void recordFailure(const QHostAddress &address);
    void recordSuccess(const QHostAddress &address); // forgets the address's failures

private:
    struct Failures
    {
        int count = 0;
        qint64 firstAt = 0; // ms on the steady clock
    };

    static qint64 now();
    void forgetExpired(qint64 at);

    const int m_maxFailures;
    const qint64 m_windowMs;
    const int m_maxAddresses;
    mutable QMutex m_mutex;
    QHash<QHostAddress, Failures> m_failures;
};

} // namespace Server
