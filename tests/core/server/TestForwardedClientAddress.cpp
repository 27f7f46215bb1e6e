#include "core/server/ForwardedClientAddress.h"

#include <QTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;

class TestForwardedClientAddress : public QObject
{
    Q_OBJECT

    static Server::ForwardedClientAddress resolver()
    {
        // A proxy on this host and a load balancer network in front of it.
        return Server::ForwardedClientAddress(
            { *Server::ForwardedClientAddress::parseSubnet("127.0.0.1"),
              *Server::ForwardedClientAddress::parseSubnet("10.0.0.0/8"),
              *Server::ForwardedClientAddress::parseSubnet("2001:db8:ffff::/48") });
    }

private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("client");

        QTest::newRow("no header") << "127.0.0.1" << Headers {} << "127.0.0.1";
        QTest::newRow("untrusted peer's header is ignored")
            << "192.0.2.9" << Headers { { "X-Forwarded-For", "198.51.100.1" } } << "192.0.2.9";
        QTest::newRow("untrusted peer's Forwarded is ignored")
            << "192.0.2.9" << Headers { { "Forwarded", "for=198.51.100.1" } } << "192.0.2.9";
        QTest::newRow("trusted peer, one hop")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "198.51.100.1" } } << "198.51.100.1";
        QTest::newRow("mapped trusted peer")
            << "::ffff:127.0.0.1" << Headers { { "x-forwarded-for", "198.51.100.1" } } << "198.51.100.1";
        QTest::newRow("right-most untrusted: the client's own claim is left of it")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "203.0.113.66, 198.51.100.1" } }
            << "198.51.100.1";
        QTest::newRow("trusted hops are skipped")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "203.0.113.66, 198.51.100.1, 10.1.2.3" } }
            << "198.51.100.1";
        QTest::newRow("several header fields are one list")
            << "127.0.0.1"
            << Headers { { "X-Forwarded-For", "203.0.113.66" },
                         { "X-Forwarded-For", "198.51.100.1, 10.0.0.1" } }
            << "198.51.100.1";
        QTest::newRow("IPv6 and ports")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "2001:db8::1, [2001:db8:ffff::2]:443" } }
            << "2001:db8::1";
        QTest::newRow("IPv4 with port")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "198.51.100.1:4711" } } << "198.51.100.1";
        QTest::newRow("mapped client is IPv4")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "::ffff:198.51.100.1" } } << "198.51.100.1";
        QTest::newRow("all hops trusted: the first")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "10.9.9.9, 10.0.0.1" } } << "10.9.9.9";
        QTest::newRow("garbage left of the client does not matter")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "<script>, 198.51.100.1" } } << "198.51.100.1";
        QTest::newRow("garbage where the client should be")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "198.51.100.1, not-an-address" } }
            << "127.0.0.1";
        QTest::newRow("unknown") << "127.0.0.1" << Headers { { "X-Forwarded-For", "unknown" } }
                                 << "127.0.0.1";
        QTest::newRow("empty entry") << "127.0.0.1" << Headers { { "X-Forwarded-For", "198.51.100.1," } }
                                     << "127.0.0.1";
        QTest::newRow("empty header") << "127.0.0.1" << Headers { { "X-Forwarded-For", "" } } << "127.0.0.1";
        QTest::newRow("host name") << "127.0.0.1" << Headers { { "X-Forwarded-For", "example.com" } }
                                   << "127.0.0.1";
        QTest::newRow("bad port") << "127.0.0.1" << Headers { { "X-Forwarded-For", "198.51.100.1:http" } }
                                  << "127.0.0.1";
        QTest::newRow("unclosed bracket")
            << "127.0.0.1" << Headers { { "X-Forwarded-For", "[2001:db8::1" } } << "127.0.0.1";

        // RFC 7239's own examples, and what proxies write.
        QTest::newRow("Forwarded") << "127.0.0.1"
                                   << Headers { { "Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43" } }
                                   << "192.0.2.60";
        QTest::newRow("Forwarded quoted IPv6 with port")
            << "127.0.0.1" << Headers { { "Forwarded", "for=\"[2001:db8::1]:4711\"" } } << "2001:db8::1";
        QTest::newRow("Forwarded list, case-insensitive name")
            << "127.0.0.1" << Headers { { "Forwarded", "for=192.0.2.43, For=\"[2001:db8:cafe::17]\"" } }
            << "2001:db8:cafe::17";
        QTest::newRow("Forwarded skips trusted hops")
            << "10.0.0.5" << Headers { { "Forwarded", "for=192.0.2.43;proto=https, for=10.0.0.7" } }
            << "192.0.2.43";
        QTest::newRow("Forwarded comma inside quotes")
            << "127.0.0.1" << Headers { { "Forwarded", "for=192.0.2.43;host=\"a,b\"" } } << "192.0.2.43";
        QTest::newRow("Forwarded obfuscated")
            << "127.0.0.1" << Headers { { "Forwarded", "for=_hidden" } } << "127.0.0.1";
        QTest::newRow("Forwarded unknown")
            << "127.0.0.1" << Headers { { "Forwarded", "for=unknown" } } << "127.0.0.1";
        QTest::newRow("Forwarded without for")
            << "127.0.0.1" << Headers { { "Forwarded", "proto=https" } } << "127.0.0.1";
        QTest::newRow("Forwarded two for in one element")
            << "127.0.0.1" << Headers { { "Forwarded", "for=192.0.2.1;for=192.0.2.2" } } << "127.0.0.1";
        QTest::newRow("Forwarded unterminated quote")
            << "127.0.0.1" << Headers { { "Forwarded", "for=\"[2001:db8::1]:4711" } } << "127.0.0.1";
        QTest::newRow("Forwarded garbage")
            << "127.0.0.1" << Headers { { "Forwarded", "=;,\"\\" } } << "127.0.0.1";
        QTest::newRow("Forwarded unquoted IPv6 is not a token")
            << "127.0.0.1" << Headers { { "Forwarded", "for=[2001:db8::1]" } } << "127.0.0.1";
        QTest::newRow("X-Forwarded-For wins over Forwarded")
            << "127.0.0.1"
            << Headers { { "Forwarded", "for=203.0.113.66" }, { "X-Forwarded-For", "198.51.100.1" } }
            << "198.51.100.1";
        QTest::newRow("trusted IPv6 peer")
            << "2001:db8:ffff:1::1" << Headers { { "X-Forwarded-For", "198.51.100.1" } } << "198.51.100.1";
        QTest::newRow("untrusted IPv6 peer")
            << "2001:db8:fffe::1" << Headers { { "X-Forwarded-For", "198.51.100.1" } } << "2001:db8:fffe::1";
        QTest::newRow("untrusted mapped peer")
            << "::ffff:192.0.2.9" << Headers { { "X-Forwarded-For", "198.51.100.1" } } << "192.0.2.9";
    }

    void resolve()
    {
        QFETCH(QString, peer);
        QFETCH(Headers, headers);
        QFETCH(QString, client);
        QCOMPARE(resolver().resolve(QHostAddress(peer), headers), QHostAddress(client));
    }

    void withoutTrustedProxiesHeadersAreIgnored()
    {
        const Server::ForwardedClientAddress none({});
        QCOMPARE(none.resolve(QHostAddress("127.0.0.1"), { { "X-Forwarded-For", "198.51.100.1" } }),
                 QHostAddress("127.0.0.1"));
    }

    void parseSubnet_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("network"); // empty: refused
        QTest::addColumn<int>("prefixLength");
        QTest::newRow("IPv4 address") << "192.0.2.10"
                                      << "192.0.2.10" << 32;
        QTest::newRow("IPv4 subnet") << "10.0.0.0/8"
                                     << "10.0.0.0" << 8;
        QTest::newRow("IPv6 address") << "::1"
                                      << "::1" << 128;
        QTest::newRow("IPv6 subnet") << "2001:db8::/32"
                                     << "2001:db8::" << 32;
        QTest::newRow("mapped") << "::ffff:10.0.0.0/104"
                                << "10.0.0.0" << 8;
        QTest::newRow("spaces") << " 127.0.0.1 "
                                << "127.0.0.1" << 32;
        QTest::newRow("host name") << "proxy.example.com"
                                   << "" << 0;
        QTest::newRow("empty") << ""
                               << "" << 0;
        QTest::newRow("prefix too long") << "10.0.0.0/33"
                                         << "" << 0;
        QTest::newRow("prefix not a number") << "10.0.0.0/x"
                                             << "" << 0;
        QTest::newRow("no address") << "/8"
                                    << "" << 0;
    }

    void parseSubnet()
    {
        QFETCH(QString, text);
        QFETCH(QString, network);
        QFETCH(int, prefixLength);
        const auto subnet = Server::ForwardedClientAddress::parseSubnet(text);
        if (network.isEmpty()) {
            QVERIFY(!subnet);
            QVERIFY2(subnet.error().contains("not an IP address or a subnet"), qPrintable(subnet.error()));
            return;
        }
        QVERIFY2(subnet, qPrintable(subnet.error()));
        QCOMPARE(subnet->first, QHostAddress(network));
        QCOMPARE(subnet->second, prefixLength);
    }
};

QTEST_GUILESS_MAIN(TestForwardedClientAddress)
#include "TestForwardedClientAddress.moc"
