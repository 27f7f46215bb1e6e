#include "core/server/SecretCheckPool.h"

#include "core/common/ThreadName.h"

#include <QThread>

namespace Server {
namespace {

constexpr int maxAutomaticThreads = 4;

// One core is left to the threads that answer webhooks: argon2 keeps a core busy for its whole 0.1 s, and
// with every core checking secrets a webhook waited tens of milliseconds for one (measured on 2 cores).
int automaticThreads()
{
    return qBound(1, QThread::idealThreadCount() - 1, maxAutomaticThreads);
}

} // namespace

SecretCheckPool::SecretCheckPool(int threads, int maxQueued)
    : m_threads(threads > 0 ? threads : automaticThreads())
    , m_maxQueued(qMax(0, maxQueued))
{
    m_workers.reserve(std::size_t(m_threads));
    for (int index = 0; index < m_threads; ++index)
        m_workers.emplace_back([this] { work(); });
}

SecretCheckPool::~SecretCheckPool()
{
    stop();
    {
        const std::lock_guard locker(m_mutex);
        m_exiting = true;
    }
    m_jobQueued.notify_all();
    for (std::thread &worker : m_workers)
        worker.join();
}

bool SecretCheckPool::tryRun(std::function<void()> job)
{
    {
        const std::lock_guard locker(m_mutex);
        if (!m_accepting || m_running + int(m_queue.size()) >= m_threads + m_maxQueued)
            return false;
        m_queue.push_back(std::move(job));
    }
    m_jobQueued.notify_one();
    return true;
}

void SecretCheckPool::cancelQueued()
{
    std::deque<std::function<void()>> dropped;
    {
        const std::lock_guard locker(m_mutex);
        m_accepting = false;
        dropped.swap(m_queue);
    }
    // Destroyed outside the lock: a job's captures may take locks of their own as they go.
}

void SecretCheckPool::stop()
{
    cancelQueued();
    std::unique_lock locker(m_mutex);
    m_jobDone.wait(locker, [this] { return m_running == 0; });
}

void SecretCheckPool::drain()
{
    stop();
    const std::lock_guard locker(m_mutex);
    m_accepting = true;
}

int SecretCheckPool::jobsInFlight() const
{
    const std::lock_guard locker(m_mutex);
    return m_running + int(m_queue.size());
}

void SecretCheckPool::work()
{
    Common::nameThisThread("secret checks");
    std::unique_lock locker(m_mutex);
    for (;;) {
        m_jobQueued.wait(locker, [this] { return m_exiting || !m_queue.empty(); });
        if (m_queue.empty())
            return; // exiting
        std::function<void()> job = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_running;
        locker.unlock();
        job();
        job = nullptr; // its captures go before the job counts as done
        locker.lock();
        --m_running;
        m_jobDone.notify_all();
    }
}

} // namespace Server
