#pragma once

// Which Host headers the server answers, against DNS rebinding: a web page in the person's browser whose
// domain an attacker re-points at 127.0.0.1 reaches the local server with that domain as its Host. Only the
// listening address, localhost and the public URL's host are this server's names; when it listens on every
// interface, any address literal is too (a rebound domain is never one).

#include <QHostAddress>
#include <QSet>
#include <QString>

namespace Server {

class AllowedHosts
{
public:
    AllowedHosts(const QHostAddress &listeningAddress, const QString &publicBaseUrl);

    // hostHeader as sent: "example.com", "example.com:8080", "[::1]:8080", "127.0.0.1".
    bool allows(const QByteArray &hostHeader) const;

    // The host part of a Host header, lower-cased, without brackets or port; empty when malformed.
    static QString hostPart(const QByteArray &hostHeader);

private:
    QSet<QString> m_names;
    bool m_anyAddressLiteral = false;
};

} // namespace Server
