#include "core/server/ProbeLog.h"

#include <QRegularExpression>

namespace Server {

bool ProbeLog::isNonce(const QString &text)
{
    static const QRegularExpression nonce(QStringLiteral("^[0-9a-f]{32}$"));
    return nonce.match(text).hasMatch();
}

void ProbeLog::note(const QString &nonce)
{
    const std::lock_guard lock(m_mutex);
    if (m_nonces.contains(nonce))
        return;
    m_nonces.append(nonce);
    while (m_nonces.size() > kept)
        m_nonces.removeFirst();
}

bool ProbeLog::seen(const QString &nonce) const
{
    const std::lock_guard lock(m_mutex);
    return m_nonces.contains(nonce);
}

} // namespace Server
