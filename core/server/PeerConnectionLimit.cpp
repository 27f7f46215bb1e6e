#include "core/server/PeerConnectionLimit.h"

#include "core/server/AddressGroup.h"

namespace Server {

PeerConnectionLimit::PeerConnectionLimit(int maxPerPeer)
    : m_maxPerPeer(qMax(1, maxPerPeer))
{ }

bool PeerConnectionLimit::acquire(const QHostAddress &peer)
{
    const QHostAddress group = addressGroup(peer);
    const std::lock_guard locker(m_mutex);
    int &open = m_open[group];
    if (open >= m_maxPerPeer)
        return false;
    ++open;
    return true;
}

void PeerConnectionLimit::release(const QHostAddress &peer)
{
    const QHostAddress group = addressGroup(peer);
    const std::lock_guard locker(m_mutex);
    const auto found = m_open.find(group);
    if (found == m_open.end())
        return;
    if (--found.value() <= 0)
        m_open.erase(found);
}

int PeerConnectionLimit::connectionsOf(const QHostAddress &peer) const
{
    const std::lock_guard locker(m_mutex);
    return m_open.value(addressGroup(peer));
}

} // namespace Server
