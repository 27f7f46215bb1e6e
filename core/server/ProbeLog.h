#pragma once

// The one-time nonces that reached this server in GET /healthz?probe=…, so that a setup check can tell
// whether its public URL (a tunnel, a proxy) leads here rather than to some other server: it sends a
// nonce through the public URL, then asks this server directly (GET /healthz?seen=…) whether it came.
// Only the latest 256 are kept; a nonce says nothing but that it was sent. Any thread.

#include <QString>
#include <QStringList>

#include <mutex>

namespace Server {

class ProbeLog
{
public:
    // A nonce is 32 hexadecimal digits; anything else is not one.
    static bool isNonce(const QString &text);

    void note(const QString &nonce);
    bool seen(const QString &nonce) const;

private:
    static constexpr int kept = 256; // a flood of made-up probes must not push out a real check's at once
    mutable std::mutex m_mutex;
    QStringList m_nonces; // oldest first
};

} // namespace Server
