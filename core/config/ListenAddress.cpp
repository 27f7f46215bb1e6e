#include "core/config/ListenAddress.h"

namespace Config {

Result<ListenAddress> ListenAddress::parse(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return Failure(QStringLiteral("expected HOST:PORT, like 127.0.0.1:8080, not '%1'").arg(text));
    QString host = text.left(colon);
    const QString portText = text.mid(colon + 1);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535 || portText.startsWith(u'+'))
        return Failure(QStringLiteral("the port must be a number from 0 to 65535, not '%1'").arg(portText));
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    ListenAddress result;
    result.port = quint16(port);
    if (host.isEmpty() || host == QLatin1String("localhost"))
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (!result.address.setAddress(host))
        return Failure(QStringLiteral("'%1' is not an IP address").arg(host));
    return result;
}

QString ListenAddress::toString() const
{
    const QString host = address.toString();
    const QString portText = QString::number(port);
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + host + QStringLiteral("]:") + portText
                                                               : host + u':' + portText;
}

} // namespace Config
