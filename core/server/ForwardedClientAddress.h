#pragma once

// Who is really asking: the client's address behind trusted reverse proxies. A proxy's
// X-Forwarded-For or Forwarded (RFC 7239) header is believed only when the connection comes from one of
// the trusted proxies (serve --trusted-proxy); anyone else could write any address there.

#include "core/common/Result.h"
#include "core/server/HttpRequest.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace Server {

class ForwardedClientAddress
{
public:
    using Subnet = QPair<QHostAddress, int>; // network and prefix length, as QHostAddress::parseSubnet

    explicit ForwardedClientAddress(QList<Subnet> trustedProxies);

    // The client's address for a request that arrived from peer. From a trusted peer, the right-most
    // address in the proxy header that is not itself a trusted proxy: each proxy appends the address it
    // saw, so entries to its left are what the client claimed. X-Forwarded-For is read when there is
    // one (what most proxies send), else Forwarded. Without a trusted peer, or when the entry to be
    // believed is not an address (garbage, "unknown", an obfuscated node), the peer itself.
    // IPv4-mapped IPv6 addresses come back as IPv4.
    QHostAddress resolve(const QHostAddress &peer, const QList<QPair<QByteArray, QByteArray>> &headers) const;
    QHostAddress resolve(const HttpRequest &request) const { return resolve(request.peer, request.headers); }

    bool isTrusted(const QHostAddress &address) const;

    // "192.0.2.10", "10.0.0.0/8", "::1", "2001:db8::/32": one address or a CIDR subnet.
    static Result<Subnet> parseSubnet(const QString &text);

private:
    QList<Subnet> m_trustedProxies;
};

} // namespace Server
