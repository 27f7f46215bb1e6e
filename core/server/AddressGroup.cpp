#include "core/server/AddressGroup.h"

namespace Server {

QByteArray addressGroup(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4); // also for ::ffff:a.b.c.d
    if (isIpv4) {
        QByteArray key(4, '\0');
        for (int index = 0; index < 4; ++index)
            key[index] = char((ipv4 >> (24 - 8 * index)) & 0xff);
        return "4:" + key;
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR ipv6 = address.toIPv6Address();
        return "6:" + QByteArray(reinterpret_cast<const char *>(ipv6.c), 8); // the /64
    }
    return "?:" + address.toString().toUtf8();
}

} // namespace Server
