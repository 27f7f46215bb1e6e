#include "core/server/AddressGroup.h"
#include "core/server/PeerConnectionLimit.h"

#include <QTest>

using Server::PeerConnectionLimit;

class TestPeerConnectionLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addressGroups_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("same");
        QTest::newRow("one IPv4 address") << "192.0.2.1"
                                          << "192.0.2.1" << true;
        QTest::newRow("two IPv4 addresses") << "192.0.2.1"
                                            << "192.0.2.2" << false;
        QTest::newRow("IPv4 and its mapped form") << "192.0.2.1"
                                                  << "::ffff:192.0.2.1" << true;
        QTest::newRow("one IPv6 /64") << "2001:db8:1:2::1"
                                      << "2001:db8:1:2:ffff::9" << true;
        QTest::newRow("two IPv6 /64s") << "2001:db8:1:2::1"
                                       << "2001:db8:1:3::1" << false;
    }

    void addressGroups()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, same);
        QCOMPARE(Server::addressGroup(QHostAddress(first)) == Server::addressGroup(QHostAddress(second)),
                 same);
    }

    void capsEachPeer()
    {
        PeerConnectionLimit limit(2);
        const QHostAddress a("2001:db8::1");
        const QHostAddress sameNetwork("2001:db8::2");
        const QHostAddress b("192.0.2.7");
        QVERIFY(limit.acquire(a));
        QVERIFY(limit.acquire(sameNetwork));
        QVERIFY2(!limit.acquire(a), "the /64 holds two already");
        QVERIFY2(limit.acquire(b), "another peer is not affected");
        limit.release(a);
        QCOMPARE(limit.connectionsOf(sameNetwork), 1);
        QVERIFY(limit.acquire(a));
        limit.release(b);
        limit.release(b); // one release too many changes nothing
        QCOMPARE(limit.connectionsOf(b), 0);
    }
};

QTEST_GUILESS_MAIN(TestPeerConnectionLimit)
#include "TestPeerConnectionLimit.moc"
