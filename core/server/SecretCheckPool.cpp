#include "core/server/SecretCheckPool.h"

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
    m_pool.setMaxThreadCount(m_threads);
    m_pool.setObjectName(QStringLiteral("secret checks"));
}

SecretCheckPool::~SecretCheckPool()
{
    stop();
}

bool SecretCheckPool::tryRun(std::function<void()> job)
{
    if (m_stopped.load())
        return false;
    int inFlight = m_inFlight.load();
    do {
        if (inFlight >= m_threads + m_maxQueued)
            return false;
    } while (!m_inFlight.compare_exchange_weak(inFlight, inFlight + 1));
    m_pool.start([this, job = std::move(job)] {
        job();
        --m_inFlight;
    });
    return true;
}

void SecretCheckPool::cancelQueued()
{
    m_stopped.store(true);
    m_pool.clear();
}

void SecretCheckPool::stop()
{
    cancelQueued();
    m_pool.waitForDone();
    m_inFlight.store(0);
}

void SecretCheckPool::drain()
{
    stop();
    m_stopped.store(false);
}

} // namespace Server
