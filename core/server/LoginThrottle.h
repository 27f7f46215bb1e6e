#pragma once

// Slows down guessing at client secrets on POST /token, and keeps one guesser from locking others out.
// Wrong credentials are counted per client name and, with a much higher limit, per address (an IPv6
// /64): a name or an address over its limit waits for the end of its window without a secret being
// hashed, so a guesser's failures delay neither another name's login nor anyone else's address.
// Each check costs the server about 0.1 s of argon2, which the address limit also keeps in bounds.
// Shared by the request threads, so every method is thread-safe.

#include "core/server/LoginLimits.h"
#include "core/server/MonotonicClock.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <chrono>
#include <mutex>

namespace Server {

class LoginThrottle
{
public:
    // Tests pass their own clock to run windows without waiting.
    using Clock = MonotonicClock;

    explicit LoginThrottle(LoginLimits limits = {}, Clock clock = steadyClock());

    // How long an attempt for name from address must wait; zero when it may be made now.
    std::chrono::milliseconds waitFor(const QString &name, const QHostAddress &address) const;

    // Like waitFor(), and when the attempt may be made now, counts it as a failure at once, before its
    // secret is checked: attempts checked at the same time (many threads, a queue of them waiting for a
    // hash) cannot all slip in under the limit. Settle each admitted attempt with recordSuccess() or,
    // if it was never checked, withdraw(); a wrong secret needs nothing more.
    std::chrono::milliseconds admit(const QString &name, const QHostAddress &address);
    // The admitted attempt was right: forgets the failures of that name only, and takes back the one
    // admit() counted against the address. Other names' and the address's earlier failures stay.
    void recordSuccess(const QString &name, const QHostAddress &address);
    // The admitted attempt was not checked after all (the server was too busy): takes back its count.
    void withdraw(const QString &name, const QHostAddress &address);

private:
    struct Failures
    {
        int count = 0;
        qint64 firstAt = 0; // ms on the clock
    };
    template<typename Key> using Table = QHash<Key, Failures>;

    static QString nameKey(const QString &name);
    qint64 now() const;
    template<typename Key>
    qint64 waitLocked(const Table<Key> &table, const Key &key, int limit, qint64 at) const;
    template<typename Key> void countLocked(Table<Key> &table, const Key &key, qint64 at);
    template<typename Key> void uncountLocked(Table<Key> &table, const Key &key);

    const LoginLimits m_limits;
    const Clock m_clock;
    mutable std::mutex m_mutex;
    Table<QString> m_names;
    Table<QHostAddress> m_addresses;
};

} // namespace Server
