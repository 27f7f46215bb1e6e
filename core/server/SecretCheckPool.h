#pragma once

// Runs client-secret checks (argon2id: about 0.1 s and 64 MiB each) on threads of their own, so that the
// threads answering Twilio's webhooks never wait behind one. The queue is bounded: past it a check is
// refused at once, and POST /token answers 503 with Retry-After instead of letting a flood of logins
// delay every other request or take memory without bound.
//
// Its threads and queue are the standard library's rather than Qt's thread pool: a job carries a client's
// credentials from a request thread to a check thread, and ThreadSanitizer sees that handover only through
// primitives it understands (see tests/SanitizerExceptions.cmake).

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

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
    int jobsInFlight() const; // running and queued

private:
    void work();

    const int m_threads;
    const int m_maxQueued;
    mutable std::mutex m_mutex;
    std::condition_variable m_jobQueued; // or exiting
    std::condition_variable m_jobDone;
    std::deque<std::function<void()>> m_queue;
    int m_running = 0;
    bool m_accepting = true;
    bool m_exiting = false;
    std::vector<std::thread> m_workers;
};

} // namespace Server
