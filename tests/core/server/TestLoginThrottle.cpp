#include "core/server/LoginThrottle.h"

#include <QTest>

using namespace std::chrono_literals;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

    const QHostAddress m_guesser { QStringLiteral("192.0.2.7") };
    const QHostAddress m_other { QStringLiteral("2001:db8::1") };

private Q_SLOTS:
    void waitsAfterTooManyFailures()
    {
        Server::LoginThrottle throttle(3, 60s);
        for (int failure = 0; failure < 3; ++failure) {
            QCOMPARE(throttle.waitFor(m_guesser), 0ms);
            throttle.recordFailure(m_guesser);
        }
        const auto wait = throttle.waitFor(m_guesser);
        QVERIFY2(wait > 59s && wait <= 60s, qPrintable(QString::number(wait.count())));
        QCOMPARE(throttle.waitFor(m_other), 0ms); // others are not punished for one address
    }

    void theWindowPasses()
    {
        Server::LoginThrottle throttle(2, 200ms);
        throttle.recordFailure(m_guesser);
        throttle.recordFailure(m_guesser);
        QVERIFY(throttle.waitFor(m_guesser) > 0ms);
        QTRY_COMPARE_WITH_TIMEOUT(throttle.waitFor(m_guesser), 0ms, 2000);
        // A new window starts with the next failure: one more is allowed before waiting again.
        throttle.recordFailure(m_guesser);
        QCOMPARE(throttle.waitFor(m_guesser), 0ms);
    }

    void successForgetsFailures()
    {
        Server::LoginThrottle throttle(2, 60s);
        throttle.recordFailure(m_guesser);
        throttle.recordSuccess(m_guesser);
        throttle.recordFailure(m_guesser);
        QCOMPARE(throttle.waitFor(m_guesser), 0ms);
    }

    void memoryIsBounded()
    {
        // Many addresses guessing at once: the table stays at its size, and the newest guesser still waits.
        Server::LoginThrottle throttle(1, 60s, 100);
        for (quint32 host = 1; host <= 1000; ++host)
            throttle.recordFailure(QHostAddress(0xC0000200u + host));
        QVERIFY(throttle.waitFor(QHostAddress(0xC0000200u + 1000)) > 0ms);
        int remembered = 0;
        for (quint32 host = 1; host <= 1000; ++host)
            remembered += throttle.waitFor(QHostAddress(0xC0000200u + host)) > 0ms ? 1 : 0;
        QVERIFY2(remembered <= 100, qPrintable(QString::number(remembered)));
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
