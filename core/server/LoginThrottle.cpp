#include "core/server/LoginThrottle.h"

#include <QDeadlineTimer>

namespace Server {

LoginThrottle::LoginThrottle(int maxFailures, std::chrono::milliseconds window, int maxAddresses)
    : m_maxFailures(qMax(1, maxFailures))
    , m_windowMs(qMax<qint64>(1, window.count()))
    , m_maxAddresses(qMax(1, maxAddresses))
{ }

qint64 LoginThrottle::now()
{
    return QDeadlineTimer::current().deadline();
}

std::chrono::milliseconds LoginThrottle::waitFor(const QHostAddress &address) const
{
    QMutexLocker locker(&m_mutex);
    const auto found = m_failures.constFind(address);
    if (found == m_failures.cend() || found->count < m_maxFailures)
        return std::chrono::milliseconds(0);
    const qint64 left = found->firstAt + m_windowMs - now();
    return std::chrono::milliseconds(qMax<qint64>(0, left));
}

void LoginThrottle::recordFailure(const QHostAddress &address)
{
    QMutexLocker locker(&m_mutex);
    const qint64 at = now();
    auto found = m_failures.find(address);
    if (found == m_failures.end()) {
        if (m_failures.size() >= m_maxAddresses)
            forgetExpired(at);
        // Still full: many addresses are guessing at once. Forgetting one of them is the lesser harm
        // than growing without bound.
        if (m_failures.size() >= m_maxAddresses)
            m_failures.erase(m_failures.begin());
        m_failures.insert(address, Failures { 1, at });
        return;
    }
    if (at - found->firstAt >= m_windowMs)
        *found = Failures { 1, at };
    else
        ++found->count;
}

void LoginThrottle::recordSuccess(const QHostAddress &address)
{
    QMutexLocker locker(&m_mutex);
    m_failures.remove(address);
}

void LoginThrottle::forgetExpired(qint64 at)
{
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        if (at - it->firstAt >= m_windowMs)
            it = m_failures.erase(it);
        else
            ++it;
    }
}

} // namespace Server
