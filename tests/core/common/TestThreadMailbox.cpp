#include "core/common/ThreadMailbox.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using Common::ThreadMailbox;

namespace {

// A receiver as the server's are: it hands its events to the mailbox, and closes it as it goes.
class Receiver : public QObject
{
public:
    Receiver() = default;
    ~Receiver() override { mailbox->close(); }

    std::shared_ptr<ThreadMailbox> mailbox = std::make_shared<ThreadMailbox>(this);
    int otherEvents = 0;

protected:
    void customEvent(QEvent *event) override
    {
        if (!mailbox->deliver(event))
            ++otherEvents;
    }
};

// Counts its copies that are still alive: a dropped task must be destroyed, not leaked.
struct Tracked
{
    explicit Tracked(std::shared_ptr<std::atomic<int>> counter)
        : alive(std::move(counter))
    {
        ++*alive;
    }
    Tracked(const Tracked &other)
        : alive(other.alive)
    {
        ++*alive;
    }
    Tracked &operator=(const Tracked &) = delete;
    ~Tracked() { --*alive; }
    std::shared_ptr<std::atomic<int>> alive;
};

} // namespace

class TestThreadMailbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsTasksInTheReceiversThreadInTheirOrder()
    {
        // Made before its thread starts, as the server makes its workers: the thread's start is what
        // publishes the receiver's members to it (customEvent() reads the mailbox pointer unlocked).
        QThread thread;
        auto *receiver = new Receiver;
        receiver->moveToThread(&thread);
        thread.start();
        const std::shared_ptr<ThreadMailbox> mailbox = receiver->mailbox;

        std::mutex orderLock; // QThread::wait() is no synchronisation ThreadSanitizer sees
        std::vector<int> order;
        std::atomic<bool> elsewhere { false };
        std::atomic<bool> refused { false };
        constexpr int perPoster = 200;
        std::vector<std::thread> posters;
        for (int poster = 0; poster < 2; ++poster) {
            posters.emplace_back([&, poster] {
                for (int index = 0; index < perPoster; ++index) {
                    const bool posted = mailbox->post([&, value = poster * perPoster + index] {
                        if (QThread::currentThread() != &thread)
                            elsewhere = true;
                        const std::lock_guard locker(orderLock);
                        order.push_back(value);
                    });
                    if (!posted)
                        refused = true;
                }
            });
        }
        for (std::thread &poster : posters)
            poster.join();
        std::atomic<bool> drained { false };
        QVERIFY(mailbox->post([&drained] { drained = true; }));
        QTRY_VERIFY(drained.load());
        QMetaObject::invokeMethod(receiver, &QObject::deleteLater);
        thread.quit();
        QVERIFY(thread.wait(10000));

        QVERIFY2(!refused, "a post was refused while the receiver lived");
        QVERIFY2(!elsewhere, "a task ran outside the receiver's thread");
        const std::lock_guard locker(orderLock);
        QCOMPARE(int(order.size()), 2 * perPoster);
        for (int poster = 0; poster < 2; ++poster) {
            int last = -1;
            for (const int value : order) {
                if (value / perPoster == poster) {
                    QVERIFY2(value > last, "one poster's tasks ran out of their order");
                    last = value;
                }
            }
        }
    }

    void nothingRunsOnceTheReceiverIsGone()
    {
        auto alive = std::make_shared<std::atomic<int>>(0);
        bool ran = false;
        std::shared_ptr<ThreadMailbox> mailbox;
        {
            Receiver receiver;
            mailbox = receiver.mailbox;
            QVERIFY(mailbox->post([&ran, tracked = Tracked(alive)] { ran = true; }));
            QCOMPARE(alive->load(), 1);
        } // gone before its event loop ran the task
        QCOMPARE(alive->load(), 0); // dropped, and destroyed with the receiver
        QVERIFY2(!mailbox->post([&ran, tracked = Tracked(alive)] { ran = true; }),
                 "posted to a receiver that is gone");
        QCOMPARE(alive->load(), 0);
        QCoreApplication::processEvents();
        QVERIFY(!ran);
    }

    void otherEventsAreLeftToTheReceiver()
    {
        Receiver receiver;
        QCoreApplication::postEvent(&receiver, new QEvent(QEvent::Type(QEvent::registerEventType())));
        bool ran = false;
        QVERIFY(receiver.mailbox->post([&ran] { ran = true; }));
        QTRY_VERIFY(ran);
        QCOMPARE(receiver.otherEvents, 1);
    }
};

QTEST_GUILESS_MAIN(TestThreadMailbox)
#include "TestThreadMailbox.moc"
