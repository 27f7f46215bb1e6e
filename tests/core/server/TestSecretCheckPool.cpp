#include "core/server/SecretCheckPool.h"

#include <QSemaphore>
#include <QTest>

#include <atomic>

using Server::SecretCheckPool;

class TestSecretCheckPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesBeyondItsThreadsAndQueue()
    {
        SecretCheckPool pool(2, 3);
        QSemaphore release;
        std::atomic<int> ran { 0 };
        const auto job = [&] {
            release.acquire();
            ++ran;
        };
        for (int index = 0; index < 5; ++index)
            QVERIFY(pool.tryRun(job));
        QVERIFY2(!pool.tryRun(job), "two running and three waiting: the sixth is refused");
        QCOMPARE(pool.jobsInFlight(), 5);
        release.release(5);
        QTRY_COMPARE(ran.load(), 5);
        QTRY_COMPARE(pool.jobsInFlight(), 0);
        QVERIFY2(pool.tryRun([] {}), "room again once the jobs are done");
    }

    void stopDropsWhatWaitsAndFinishesWhatRuns()
    {
        SecretCheckPool pool(1, 4);
        QSemaphore started;
        QSemaphore release;
        std::atomic<int> ran { 0 };
        QVERIFY(pool.tryRun([&] {
            started.release();
            release.acquire();
            ++ran;
        }));
        for (int index = 0; index < 4; ++index)
            QVERIFY(pool.tryRun([&] { ++ran; }));
        QVERIFY(started.tryAcquire(1, 5000));
        pool.cancelQueued();
        release.release();
        pool.stop();
        QCOMPARE(ran.load(), 1);
        QVERIFY(!pool.tryRun([] {}));
    }
};

QTEST_GUILESS_MAIN(TestSecretCheckPool)
#include "TestSecretCheckPool.moc"
