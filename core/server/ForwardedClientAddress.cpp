#include "core/server/ForwardedClientAddress.h"

#include <optional>

namespace Server {
namespace {

// An IPv4-mapped IPv6 address (a dual-stack socket's view of an IPv4 peer) as the IPv4 address it is.
QHostAddress unmapped(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return isIPv4 ? QHostAddress(ipv4) : address;
}

// Every field of that name in order, joined as one comma-separated list (RFC 9110, 5.3).
QByteArray joinedHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    QByteArray joined;
    bool found = false;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            joined += ',';
        joined += value;
        found = true;
    }
    return found ? joined : QByteArray();
}

// One hop: "192.0.2.60", "192.0.2.60:4711", "2001:db8::1", "[2001:db8::1]" or "[2001:db8::1]:4711".
std::optional<QHostAddress> nodeAddress(const QByteArray &node)
{
    QByteArray host = node.trimmed();
    QByteArray port;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 0)
            return std::nullopt;
        const QByteArray rest = host.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return std::nullopt;
        port = rest.mid(1);
        if (rest.startsWith(':') && port.isEmpty())
            return std::nullopt;
        host = host.mid(1, close - 1);
    } else if (host.count(':') == 1) {
        const qsizetype colon = host.indexOf(':');
        port = host.mid(colon + 1);
        if (port.isEmpty())
            return std::nullopt;
        host = host.left(colon);
    }
    for (const char digit : port) {
        if (digit < '0' || digit > '9')
            return std::nullopt;
    }
    QHostAddress address;
    if (host.isEmpty() || !address.setAddress(QString::fromLatin1(host)))
        return std::nullopt;
    return unmapped(address);
}

// The hops of an X-Forwarded-For list, left (the first client) to right (the last proxy's peer).
QList<std::optional<QByteArray>> forwardedForNodes(const QByteArray &value)
{
    QList<std::optional<QByteArray>> nodes;
    for (const QByteArray &node : value.split(','))
        nodes.append(node.trimmed());
    return nodes;
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// The "for" parameter of each element of an RFC 7239 Forwarded list, or nothing at all when the list
// does not parse: element *( "," element ), element = pair *( ";" pair ), pair = token "=" value,
// value = token / quoted-string. An element without "for" gives an empty entry.
std::optional<QList<std::optional<QByteArray>>> forwardedNodes(const QByteArray &value)
{
    QList<std::optional<QByteArray>> nodes;
    std::optional<QByteArray> forValue;
    qsizetype at = 0;
    const auto skipSpace = [&] {
        while (at < value.size() && (value[at] == ' ' || value[at] == '\t'))
            ++at;
    };
    while (true) {
        skipSpace();
        const qsizetype nameStart = at;
        while (at < value.size() && isTokenChar(value[at]))
            ++at;
        const QByteArray name = value.mid(nameStart, at - nameStart).toLower();
        if (name.isEmpty() || at >= value.size() || value[at] != '=')
            return std::nullopt;
        ++at;
        QByteArray parameter;
        if (at < value.size() && value[at] == '"') {
            ++at;
            while (at < value.size() && value[at] != '"') {
                if (value[at] == '\\')
                    ++at;
                if (at < value.size())
                    parameter += value[at++];
            }
            if (at >= value.size())
                return std::nullopt; // an unterminated quoted string
            ++at;
        } else {
            const qsizetype valueStart = at;
            while (at < value.size() && isTokenChar(value[at]))
                ++at;
            parameter = value.mid(valueStart, at - valueStart);
        }
        if (name == "for") {
            if (forValue)
                return std::nullopt; // two answers to one question: believe neither
            forValue = parameter;
        }
        skipSpace();
        if (at >= value.size()) {
            nodes.append(forValue);
            return nodes;
        }
        if (value[at] == ',') {
            nodes.append(forValue);
            forValue.reset();
        } else if (value[at] != ';') {
            return std::nullopt;
        }
        ++at;
    }
}

} // namespace

ForwardedClientAddress::ForwardedClientAddress(QList<Subnet> trustedProxies)
    : m_trustedProxies(std::move(trustedProxies))
{ }

bool ForwardedClientAddress::isTrusted(const QHostAddress &address) const
{
    const QHostAddress plain = unmapped(address);
    for (const auto &[network, prefixLength] : m_trustedProxies) {
        if (plain.isInSubnet(network, prefixLength))
            return true;
    }
    return false;
}

QHostAddress ForwardedClientAddress::resolve(const QHostAddress &peer,
                                             const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    const QHostAddress fallback = unmapped(peer);
    if (!isTrusted(peer))
        return fallback;
    QList<std::optional<QByteArray>> nodes;
    if (const QByteArray forwardedFor = joinedHeader(headers, "X-Forwarded-For"); !forwardedFor.isNull()) {
        nodes = forwardedForNodes(forwardedFor);
    } else if (const QByteArray forwarded = joinedHeader(headers, "Forwarded"); !forwarded.isNull()) {
        const auto parsed = forwardedNodes(forwarded);
        if (!parsed)
            return fallback;
        nodes = *parsed;
    }
    // From the right: the proxies' own entries are skipped; the first other hop is the client.
    std::optional<QHostAddress> leftmost;
    for (auto node = nodes.crbegin(); node != nodes.crend(); ++node) {
        const auto address = *node ? nodeAddress(**node) : std::nullopt;
        if (!address)
            return fallback;
        if (!isTrusted(*address))
            return *address;
        leftmost = address;
    }
    // Every hop is a proxy of ours (a request made on the proxy's own host): the first one asked.
    return leftmost.value_or(fallback);
}

Result<ForwardedClientAddress::Subnet> ForwardedClientAddress::parseSubnet(const QString &text)
{
    const QString trimmed = text.trimmed();
    const Failure refused(
        QStringLiteral("'%1' is not an IP address or a subnet like 10.0.0.0/8 or 2001:db8::/32").arg(text));
    Subnet subnet;
    if (trimmed.contains(u'/')) {
        // parseSubnet() alone takes "/8" for 0.0.0.0/8.
        if (QHostAddress(trimmed.section(u'/', 0, 0)).isNull())
            return refused;
        subnet = QHostAddress::parseSubnet(trimmed);
        if (subnet.second < 0)
            return refused;
    } else {
        if (!subnet.first.setAddress(trimmed))
            return refused;
        subnet.second = subnet.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    }
    // Peers are compared as IPv4 when they are IPv4-mapped, so a mapped subnet is taken as IPv4 too.
    bool isIPv4 = false;
    const quint32 ipv4 = subnet.first.toIPv4Address(&isIPv4);
    if (isIPv4 && subnet.first.protocol() == QAbstractSocket::IPv6Protocol) {
        if (subnet.second < 96)
            return refused;
        subnet = Subnet(QHostAddress(ipv4), subnet.second - 96);
    }
    return subnet;
}

} // namespace Server
