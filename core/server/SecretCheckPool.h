#pragma once

// Runs client-secret checks (argon2id: about 0.1 s and 64 MiB each) on threads of their own, so that the
// threads answering Twilio's webhooks never wait behind one. The queue is bounded: past it a check is
// refused at once, and POST /token answers 503 with Retry-After instead of letting a flood of logins
// delay every other request or take memory without bound.

#include <QThreadPool>

#include <atomic>
#include <functional>

namespace Server {

class SecretCheckPool
{
public:
    // threads <= 0: one per core but one, at least 1 and at most 4. Memory is bounded by threads x 64 MiB.
    explicit SecretCheckPool(int threads = 0, int maxQueued = 64);
    // Drops what is queued, waits for what runs.
    ~SecretCheckPool();
    SecretCheckPool(const SecretCheckPool &) = delete;
    SecretCheckPool &operator=(const SecretCheckPool &) = delete;

    // Any thread. Runs job on a pool thread; false, and job is dropped, when threads() jobs run and
    // maxQueued() wait already, or after stop().
    bool tryRun(std::function<void()> job);
    // Drops what is queued; tryRun() refuses from now on. What runs goes on.
    void cancelQueued();
    // cancelQueued(), then waits for what runs.
    void stop();
    // stop(), then takes jobs again: for a server that stops and starts again.
    void drain();

    int threads() const { return m_threads; }
    int maxQueued() const { return m_maxQueued; }
    int jobsInFlight() const { return m_inFlight.load(); } // running and queued

private:
    const int m_threads;
    const int m_maxQueued;
    std::atomic<int> m_inFlight { 0 };
    std::atomic<bool> m_stopped { false };
    QThreadPool m_pool;
};

} // namespace Server
