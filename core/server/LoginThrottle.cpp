#include "core/server/LoginThrottle.h"

#include "core/phone/ClientAddress.h"
#include "core/server/AddressGroup.h"

namespace Server {

LoginThrottle::LoginThrottle(LoginLimits limits, Clock clock)
    : m_limits { qMax(1, limits.failuresPerName), qMax(1, limits.failuresPerAddress),
                 qMax(std::chrono::milliseconds(1), limits.window), qMax(1, limits.maxTracked) }
    , m_clock(clock ? std::move(clock) : steadyClock())
{ }

QString LoginThrottle::nameKey(const QString &name)
{
    // A name that no client can have shares one count with every other such name: locking those out
    // harms no one, and the table then holds only short names, whatever length an attacker sends.
    return Phone::ClientAddress::isValidName(name) ? name : QString();
}

qint64 LoginThrottle::now() const
{
    return m_clock().count();
}

std::chrono::milliseconds LoginThrottle::waitFor(const QString &name, const QHostAddress &address) const
{
    const std::lock_guard locker(m_mutex);
    const qint64 at = now();
    return std::chrono::milliseconds(
        qMax(waitLocked(m_names, nameKey(name), m_limits.failuresPerName, at),
             waitLocked(m_addresses, addressGroup(address), m_limits.failuresPerAddress, at)));
}

std::chrono::milliseconds LoginThrottle::admit(const QString &name, const QHostAddress &address)
{
    const std::lock_guard locker(m_mutex);
    const qint64 at = now();
    const QString key = nameKey(name);
    const QHostAddress group = addressGroup(address);
    const qint64 wait = qMax(waitLocked(m_names, key, m_limits.failuresPerName, at),
                             waitLocked(m_addresses, group, m_limits.failuresPerAddress, at));
    if (wait == 0) {
        countLocked(m_names, key, at);
        countLocked(m_addresses, group, at);
    }
    return std::chrono::milliseconds(wait);
}

void LoginThrottle::recordSuccess(const QString &name, const QHostAddress &address)
{
    const std::lock_guard locker(m_mutex);
    m_names.remove(nameKey(name));
    uncountLocked(m_addresses, addressGroup(address));
}

void LoginThrottle::withdraw(const QString &name, const QHostAddress &address)
{
    const std::lock_guard locker(m_mutex);
    uncountLocked(m_names, nameKey(name));
    uncountLocked(m_addresses, addressGroup(address));
}

template<typename Key>
qint64 LoginThrottle::waitLocked(const Table<Key> &table, const Key &key, int limit, qint64 at) const
{
    const auto found = table.constFind(key);
    if (found == table.cend() || found->count < limit)
        return 0;
    return qMax<qint64>(0, found->firstAt + m_limits.window.count() - at);
}

template<typename Key> void LoginThrottle::countLocked(Table<Key> &table, const Key &key, qint64 at)
{
    const qint64 window = m_limits.window.count();
    auto found = table.find(key);
    if (found != table.end()) {
        if (at - found->firstAt >= window)
            *found = Failures { 1, at };
        else
            ++found->count;
        return;
    }
    if (table.size() >= m_limits.maxTracked)
        table.removeIf([at, window](const auto &entry) { return at - entry.value().firstAt >= window; });
    if (table.size() >= m_limits.maxTracked) {
        // Still full: that many are guessing at once. Forgetting the one nearest the end of its window is
        // the lesser harm than growing without bound.
        auto oldest = table.cbegin();
        for (auto it = table.cbegin(); it != table.cend(); ++it) {
            if (it->firstAt < oldest->firstAt)
                oldest = it;
        }
        const Key victim = oldest.key(); // a copy: remove() must not read a key it is erasing
        table.remove(victim);
    }
    table.insert(key, Failures { 1, at });
}

template<typename Key> void LoginThrottle::uncountLocked(Table<Key> &table, const Key &key)
{
    auto found = table.find(key);
    if (found != table.end() && --found->count <= 0)
        table.erase(found);
}

} // namespace Server
