#pragma once

// Caps the connections one client (see addressGroup()) holds open at once, below the server's own cap, so
// that one peer cannot take every slot with unfinished request heads. Shared by the request threads:
// every method is thread-safe.

#include <QHash>
#include <QHostAddress>

#include <mutex>

namespace Server {

class PeerConnectionLimit
{
public:
    explicit PeerConnectionLimit(int maxPerPeer);

    // True, and the connection counted, when peer holds fewer than maxPerPeer connections.
    bool acquire(const QHostAddress &peer);
    void release(const QHostAddress &peer);
    int connectionsOf(const QHostAddress &peer) const;

private:
    const int m_maxPerPeer;
    mutable std::mutex m_mutex;
    QHash<QHostAddress, int> m_open; // only peers with connections open
};

} // namespace Server
