#include "core/server/AddressGroup.h"
#include "core/server/LoginThrottle.h"

#include <QTest>

using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand: windows pass without waiting.
struct ManualClock
{
    std::shared_ptr<std::chrono::milliseconds> now = std::make_shared<std::chrono::milliseconds>(1000s);
    Server::LoginThrottle::Clock clock() const
    {
        return [now = now] { return *now; };
    }
    void advance(std::chrono::milliseconds by) const { *now += by; }
};

Server::LoginLimits limits(int perName, int perAddress, std::chrono::milliseconds window = 60s,
                           int maxTracked = 10000)
{
    Server::LoginLimits result;
    result.failuresPerName = perName;
    result.failuresPerAddress = perAddress;
    result.window = window;
    result.maxTracked = maxTracked;
    return result;
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

    const QHostAddress m_tunnel { QStringLiteral("127.0.0.1") };
    const QHostAddress m_guesser { QStringLiteral("192.0.2.7") };
    const QHostAddress m_other { QStringLiteral("2001:db8::1") };
    ManualClock m_clock;

    // n wrong secrets, each admitted and then found wrong (admit() counts it; nothing else to do).
    static void fail(Server::LoginThrottle &throttle, const QString &name, const QHostAddress &from, int n)
    {
        for (int attempt = 0; attempt < n; ++attempt)
            QCOMPARE(throttle.admit(name, from), 0ms);
    }

private Q_SLOTS:
    void aNameWaitsAfterTooManyFailures()
    {
        Server::LoginThrottle throttle(limits(3, 100), m_clock.clock());
        fail(throttle, "alice", m_guesser, 3);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 60s);
        QCOMPARE(throttle.admit("alice", m_guesser), 60s);
        // From anywhere: the guesser may move, the name's count stays.
        QCOMPARE(throttle.admit("alice", m_other), 60s);
        m_clock.advance(20s);
        QCOMPARE(throttle.waitFor("alice", m_tunnel), 40s);
    }

    void oneNamesFailuresDoNotDelayAnother()
    {
        // Behind a tunnel everyone is 127.0.0.1: a guesser at alice must not keep bob out.
        Server::LoginThrottle throttle(limits(10, 100), m_clock.clock());
        fail(throttle, "alice", m_tunnel, 10);
        QVERIFY(throttle.admit("alice", m_tunnel) > 0ms);
        QVERIFY(throttle.admit("alice", m_tunnel) > 0ms);
        QCOMPARE(throttle.admit("bob", m_tunnel), 0ms);
        throttle.recordSuccess("bob", m_tunnel);
        QCOMPARE(throttle.waitFor("bob", m_tunnel), 0ms);
    }

    void successClearsOnlyItsOwnName()
    {
        Server::LoginThrottle throttle(limits(3, 6), m_clock.clock());
        fail(throttle, "alice", m_tunnel, 3);
        fail(throttle, "carol", m_tunnel, 2); // the address is at 5
        QCOMPARE(throttle.admit("bob", m_tunnel), 0ms);
        throttle.recordSuccess("bob", m_tunnel);
        // Bob's success wiped neither alice's, carol's nor the address's failures: guessing gets no new
        // start.
        QVERIFY(throttle.waitFor("alice", m_tunnel) > 0ms);
        fail(throttle, "carol", m_tunnel, 1);
        QVERIFY(throttle.waitFor("carol", m_tunnel) > 0ms);
        QVERIFY(throttle.waitFor("erin", m_tunnel) > 0ms); // the address has its 6
    }

    void successClearsTheNamesOwnFailures()
    {
        Server::LoginThrottle throttle(limits(2, 100), m_clock.clock());
        fail(throttle, "alice", m_guesser, 1);
        QCOMPARE(throttle.admit("alice", m_other), 0ms);
        throttle.recordSuccess("alice", m_other);
        fail(throttle, "alice", m_guesser, 1);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 0ms);
    }

    void attemptsBeingCheckedCount()
    {
        // Many requests checked at once (threads, a queue waiting for the hash): none slips in over the
        // limit.
        Server::LoginThrottle throttle(limits(3, 100), m_clock.clock());
        int admitted = 0;
        for (int attempt = 0; attempt < 20; ++attempt)
            admitted += throttle.admit("alice", m_guesser) == 0ms ? 1 : 0;
        QCOMPARE(admitted, 3);
    }

    void withdrawnAttemptsDoNotCount()
    {
        Server::LoginThrottle throttle(limits(2, 2), m_clock.clock());
        for (int attempt = 0; attempt < 10; ++attempt) {
            QCOMPARE(throttle.admit("alice", m_guesser), 0ms);
            throttle.withdraw("alice", m_guesser); // e.g. answered 503 without checking the secret
        }
        QCOMPARE(throttle.waitFor("alice", m_guesser), 0ms);
    }

    void anAddressWaitsAfterTooManyFailures()
    {
        Server::LoginThrottle throttle(limits(10, 100), m_clock.clock());
        for (int name = 0; name < 100; ++name)
            fail(throttle, QStringLiteral("name_%1").arg(name), m_guesser, 1);
        // Every name from that address waits, a right secret included; other addresses do not.
        QCOMPARE(throttle.admit("alice", m_guesser), 60s);
        QCOMPARE(throttle.admit("alice", m_other), 0ms);
    }

    void ipv6AddressesAreGroupedBy64()
    {
        Server::LoginThrottle throttle(limits(10, 4), m_clock.clock());
        // One subscriber picks a fresh address from its /64 for every guess: still one address.
        for (int host = 1; host <= 4; ++host)
            fail(throttle, QStringLiteral("name_%1").arg(host),
                 QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(host, 0, 16)), 1);
        QVERIFY(throttle.waitFor("alice", QHostAddress("2001:db8:1:2:ffff:ffff:ffff:ffff")) > 0ms);
        QCOMPARE(throttle.waitFor("alice", QHostAddress("2001:db8:1:3::1")), 0ms);
    }

    void addressGroup_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("group");
        QTest::newRow("IPv4") << "192.0.2.7"
                              << "192.0.2.7";
        QTest::newRow("IPv4-mapped IPv6") << "::ffff:192.0.2.7"
                                          << "192.0.2.7";
        QTest::newRow("IPv6") << "2001:db8:1:2:3:4:5:6"
                              << "2001:db8:1:2::";
        QTest::newRow("IPv6 loopback") << "::1"
                                       << "::";
        QTest::newRow("link-local with scope") << "fe80::1%1"
                                               << "fe80::";
    }

    void addressGroup()
    {
        QFETCH(QString, address);
        QFETCH(QString, group);
        QCOMPARE(Server::addressGroup(QHostAddress(address)), QHostAddress(group));
    }

    void mappedAndPlainIPv4AreOneAddress()
    {
        Server::LoginThrottle throttle(limits(10, 2), m_clock.clock());
        fail(throttle, "a", QHostAddress("192.0.2.7"), 1);
        fail(throttle, "b", QHostAddress("::ffff:192.0.2.7"), 1);
        QVERIFY(throttle.waitFor("c", QHostAddress("192.0.2.7")) > 0ms);
    }

    void theWindowPasses()
    {
        Server::LoginThrottle throttle(limits(2, 100, 200ms), m_clock.clock());
        fail(throttle, "alice", m_guesser, 2);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 200ms);
        m_clock.advance(199ms);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 1ms);
        m_clock.advance(1ms);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 0ms);
        // A new window starts with the next failure: one more is allowed before waiting again.
        fail(throttle, "alice", m_guesser, 1);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 0ms);
        fail(throttle, "alice", m_guesser, 1);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 200ms);
    }

    void namesNoClientCanHaveShareOneCount()
    {
        // The table holds only names a client can have, whatever length of name an attacker sends.
        Server::LoginThrottle throttle(limits(2, 100), m_clock.clock());
        fail(throttle, QString(5000, u'x'), m_guesser, 1);
        fail(throttle, "not a name", m_guesser, 1);
        QVERIFY(throttle.waitFor(QString(200, u'y'), m_guesser) > 0ms);
        QCOMPARE(throttle.waitFor("alice", m_guesser), 0ms);
    }

    void memoryIsBounded()
    {
        // Many names and addresses guessing at once: each table stays at its size, the newest guesser
        // still waits, and the oldest are the ones forgotten.
        Server::LoginThrottle throttle(limits(1, 1, 60s, 100), m_clock.clock());
        for (quint32 host = 1; host <= 1000; ++host) {
            fail(throttle, QStringLiteral("name_%1").arg(host), QHostAddress(0xC0000200u + host), 1);
            m_clock.advance(1ms);
        }
        QVERIFY(throttle.waitFor("name_1000", QHostAddress(0xC0000200u + 1000)) > 0ms);
        int names = 0;
        int addresses = 0;
        for (quint32 host = 1; host <= 1000; ++host) {
            names += throttle.waitFor(QStringLiteral("name_%1").arg(host), m_tunnel) > 0ms ? 1 : 0;
            addresses += throttle.waitFor("nobody", QHostAddress(0xC0000200u + host)) > 0ms ? 1 : 0;
        }
        QCOMPARE(names, 100);
        QCOMPARE(addresses, 100);
        QVERIFY(throttle.waitFor("name_901", m_tunnel) > 0ms);
        QCOMPARE(throttle.waitFor("name_900", m_tunnel), 0ms);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
