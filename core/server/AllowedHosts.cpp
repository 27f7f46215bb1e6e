#include "core/server/AllowedHosts.h"

#include <QUrl>

namespace Server {

AllowedHosts::AllowedHosts(const QHostAddress &listeningAddress, const QString &publicBaseUrl)
{
    m_names.insert(QStringLiteral("localhost"));
    if (listeningAddress == QHostAddress::Any || listeningAddress == QHostAddress::AnyIPv4
        || listeningAddress == QHostAddress::AnyIPv6)
        m_anyAddressLiteral = true;
    else
        m_names.insert(listeningAddress.toString().toLower());
    const QString publicHost = QUrl(publicBaseUrl).host().toLower();
    if (!publicHost.isEmpty())
        m_names.insert(publicHost);
}

QString AllowedHosts::hostPart(const QByteArray &hostHeader)
{
    const QString text = QString::fromLatin1(hostHeader.trimmed()).toLower();
    if (text.isEmpty())
        return {};
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return {};
        host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return {};
            port = rest.mid(1);
        }
        if (QHostAddress(host).protocol() != QAbstractSocket::IPv6Protocol)
            return {};
    } else {
        const qsizetype colon = text.indexOf(u':');
        host = colon < 0 ? text : text.left(colon);
        port = colon < 0 ? QString() : text.mid(colon + 1);
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const int number = port.toInt(&ok);
        if (!ok || number < 1 || number > 65535)
            return {};
    }
    const bool plain = std::all_of(host.cbegin(), host.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' || c == u':';
    });
    return plain ? host : QString();
}

bool AllowedHosts::allows(const QByteArray &hostHeader) const
{
    const QString host = hostPart(hostHeader);
    if (host.isEmpty())
        return false;
    if (m_names.contains(host))
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    if (m_anyAddressLiteral)
        return true;
    // The same address spelled differently (::ffff:127.0.0.1, 0:0::1).
    for (const QString &name : m_names) {
        if (QHostAddress(name).isEqual(address, QHostAddress::TolerantConversion))
            return true;
    }
    return false;
}

} // namespace Server
