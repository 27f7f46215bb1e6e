#include "core/server/AddressGroup.h"

namespace Server {

QHostAddress addressGroup(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4); // also for ::ffff:a.b.c.d
    if (isIpv4)
        return QHostAddress(ipv4);
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    Q_IPV6ADDR network = address.toIPv6Address();
    for (int byte = 8; byte < 16; ++byte)
        network[byte] = 0;
    return QHostAddress(network);
}

} // namespace Server
