#include "app/InstanceChannel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

class TestInstanceChannel : public QObject
{
    Q_OBJECT

    static QString uniqueName()
    {
        static int count = 0;
        return QStringLiteral("switchboard-test-%1-%2").arg(QCoreApplication::applicationPid()).arg(++count);
    }

    // The sender blocks while it waits for the answer, so it runs in a thread of its own and the
    // listening side keeps its event loop.
    static bool sendFromAnotherThread(const QString &name, const QString &message)
    {
        bool delivered = false;
        QThread *sender = QThread::create([&] { delivered = InstanceChannel::sendToRunning(name, message); });
        sender->start();
        if (!QTest::qWaitFor([sender] { return sender->isFinished(); }, 5000))
            qWarning("the sender did not finish");
        sender->wait();
        delete sender;
        return delivered;
    }

private Q_SLOTS:
    void handsTheMessageToTheRunningInstance()
    {
        const QString name = uniqueName();
        InstanceChannel running;
        const auto listening = running.listen(name);
        QVERIFY2(listening, qPrintable(listening.error()));
        QSignalSpy received(&running, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(name, QStringLiteral("dial tel:+819059876543")));
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().first().toString(), QString("dial tel:+819059876543"));
    }

    void nobodyRunning()
    {
        QVERIFY(!InstanceChannel::sendToRunning(uniqueName(), QStringLiteral("hello"), 500));
    }

    void aSecondInstanceCannotTakeOverALiveOne()
    {
        const QString name = uniqueName();
        InstanceChannel first;
        QVERIFY(first.listen(name));
        // The second start must not steal the socket: it would answer the first's messages.
        QThread *second = QThread::create([&] {
            InstanceChannel thief;
            QVERIFY(!thief.listen(name));
        });
        second->start();
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 5000);
        delete second;
        QSignalSpy received(&first, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(name, QStringLiteral("still me")));
        QTRY_COMPARE(received.size(), 1);
    }

    void aSocketLeftByACrashIsTakenOver()
    {
        // What a killed instance leaves: a socket file nobody listens on.
        const QString name = uniqueName();
        const QString path = QDir::tempPath() + u'/' + name;
        const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof(address.sun_path));
        QCOMPARE(::bind(descriptor, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        ::close(descriptor);
        QVERIFY(QFile::exists(path));

        InstanceChannel restarted;
        const auto listening = restarted.listen(name);
        QVERIFY2(listening, qPrintable(listening.error()));
        QSignalSpy received(&restarted, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(name, QStringLiteral("back")));
        QTRY_COMPARE(received.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInstanceChannel)
#include "TestInstanceChannel.moc"
