#include "core/server/AllowedHosts.h"

#include <QTest>

using Server::AllowedHosts;

class TestAllowedHosts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostPart_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("host");
        QTest::newRow("name") << QByteArray("Example.COM") << "example.com";
        QTest::newRow("name and port") << QByteArray("example.com:8080") << "example.com";
        QTest::newRow("IPv4 and port") << QByteArray("127.0.0.1:80") << "127.0.0.1";
        QTest::newRow("IPv6 and port") << QByteArray("[::1]:8080") << "::1";
        QTest::newRow("IPv6") << QByteArray("[2001:db8::1]") << "2001:db8::1";
        QTest::newRow("unbracketed IPv6") << QByteArray("::1") << "";
        QTest::newRow("bad bracket") << QByteArray("[::1") << "";
        QTest::newRow("not an address in brackets") << QByteArray("[example.com]") << "";
        QTest::newRow("port zero") << QByteArray("example.com:0") << "";
        QTest::newRow("port too big") << QByteArray("example.com:65536") << "";
        QTest::newRow("port not a number") << QByteArray("example.com:http") << "";
        QTest::newRow("user info") << QByteArray("user@example.com") << "";
        QTest::newRow("path") << QByteArray("example.com/x") << "";
        QTest::newRow("empty") << QByteArray("") << "";
    }

    void hostPart()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, host);
        QCOMPARE(AllowedHosts::hostPart(header), host);
    }

    void allows_data()
    {
        QTest::addColumn<QString>("listening");
        QTest::addColumn<QString>("publicUrl");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("loopback: itself") << "127.0.0.1"
                                          << "" << QByteArray("127.0.0.1:8080") << true;
        QTest::newRow("loopback: localhost") << "127.0.0.1"
                                             << "" << QByteArray("LOCALHOST:8080") << true;
        QTest::newRow("loopback: mapped spelling") << "127.0.0.1"
                                                   << "" << QByteArray("[::ffff:127.0.0.1]") << true;
        QTest::newRow("loopback: the public host")
            << "127.0.0.1"
            << "https://sb.example.ngrok.app" << QByteArray("sb.example.ngrok.app") << true;
        QTest::newRow("loopback: a rebound name")
            << "127.0.0.1"
            << "https://sb.example.ngrok.app" << QByteArray("evil.example") << false;
        QTest::newRow("loopback: another address") << "127.0.0.1"
                                                   << "" << QByteArray("192.168.1.2") << false;
        QTest::newRow("IPv6 loopback") << "::1"
                                       << "" << QByteArray("[::1]:8080") << true;
        QTest::newRow("every interface: an address") << "0.0.0.0"
                                                     << "" << QByteArray("192.168.1.2:8080") << true;
        QTest::newRow("every interface: a name") << "0.0.0.0"
                                                 << "" << QByteArray("evil.example") << false;
    }

    void allows()
    {
        QFETCH(QString, listening);
        QFETCH(QString, publicUrl);
        QFETCH(QByteArray, header);
        QFETCH(bool, allowed);
        QCOMPARE(AllowedHosts(QHostAddress(listening), publicUrl).allows(header), allowed);
    }
};

QTEST_GUILESS_MAIN(TestAllowedHosts)
#include "TestAllowedHosts.moc"
