#include "core/config/ListenAddress.h"

#include <QTest>

using Config::ListenAddress;

// --listen and the settings' server/listen: what parses, and toString() reading back the same way.
class TestListenAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written"); // empty: refused
        QTest::newRow("v4") << "127.0.0.1:8080"
                            << "127.0.0.1:8080";
        QTest::newRow("any") << "0.0.0.0:80"
                             << "0.0.0.0:80";
        QTest::newRow("v6") << "[::1]:8080"
                            << "[::1]:8080";
        QTest::newRow("v6 any") << "[::]:443"
                                << "[::]:443";
        QTest::newRow("localhost") << "localhost:9000"
                                   << "127.0.0.1:9000";
        QTest::newRow("port only") << ":8080"
                                   << "127.0.0.1:8080";
        QTest::newRow("no port") << "127.0.0.1"
                                 << "";
        QTest::newRow("port too big") << "127.0.0.1:65536"
                                      << "";
        QTest::newRow("plus port") << "127.0.0.1:+80"
                                   << "";
        QTest::newRow("host name") << "example.com:80"
                                   << "";
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, written);
        const auto parsed = ListenAddress::parse(text);
        QCOMPARE(bool(parsed), !written.isEmpty());
        if (!parsed)
            return;
        QCOMPARE(parsed->toString(), written);
        QCOMPARE(ListenAddress::parse(written)->toString(), written);
    }
};

QTEST_GUILESS_MAIN(TestListenAddress)
#include "TestListenAddress.moc"
