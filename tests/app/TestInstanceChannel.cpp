#include "app/InstanceChannel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using App::InstanceChannel;

class TestInstanceChannel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder; // private (0700), as the real socket's folder is
    QByteArray m_savedRuntime;
    QByteArray m_savedTemp;

    QString uniquePath()
    {
        static int count = 0;
        return m_folder.filePath(QStringLiteral("instance-%1.sock").arg(++count));
    }

    // The sender blocks while it waits for the answer, so it runs in a thread of its own and the
    // listening side keeps its event loop.
    static bool sendFromAnotherThread(const QString &path, const QString &message,
                                      std::optional<uint> trustedUserId = std::nullopt)
    {
        bool delivered = false;
        QThread *sender = QThread::create(
            [&] { delivered = InstanceChannel::sendToRunning(path, message, 2000, trustedUserId); });
        sender->start();
        if (!QTest::qWaitFor([sender] { return sender->isFinished(); }, 5000))
            qWarning("the sender did not finish");
        sender->wait();
        delete sender;
        return delivered;
    }

    static QString modeOf(const QString &path)
    {
        struct stat status
        {
        };
        if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
            return QStringLiteral("missing");
        return QString::number(status.st_mode & 07777, 8);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        m_savedRuntime = qgetenv("XDG_RUNTIME_DIR");
        m_savedTemp = qgetenv("TMPDIR");
    }

    void cleanup()
    {
        qputenv("XDG_RUNTIME_DIR", m_savedRuntime);
        qputenv("TMPDIR", m_savedTemp);
    }

    void handsTheMessageToTheRunningInstance()
    {
        const QString path = uniquePath();
        InstanceChannel running;
        const auto listening = running.listen(path);
        QVERIFY2(listening, qPrintable(listening.error()));
        QSignalSpy received(&running, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(path, QStringLiteral("dial tel:+819059876543")));
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().first().toString(), QString("dial tel:+819059876543"));
    }

    void nobodyRunning()
    {
        QVERIFY(!InstanceChannel::sendToRunning(uniquePath(), QStringLiteral("hello"), 500));
    }

    void aSecondInstanceCannotTakeOverALiveOne()
    {
        const QString path = uniquePath();
        InstanceChannel first;
        QVERIFY(first.listen(path));
        // The second start must not steal the socket: it would answer the first's messages.
        QThread *second = QThread::create([&] {
            InstanceChannel thief;
            QVERIFY(!thief.listen(path));
        });
        second->start();
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 5000);
        delete second;
        QSignalSpy received(&first, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(path, QStringLiteral("still me")));
        QTRY_COMPARE(received.size(), 1);
    }

    void aSocketLeftByACrashIsTakenOver()
    {
        // What a killed instance leaves: a socket file nobody listens on.
        const QString path = uniquePath();
        const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof(address.sun_path));
        QCOMPARE(::bind(descriptor, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        ::close(descriptor);
        QVERIFY(QFile::exists(path));

        InstanceChannel restarted;
        const auto listening = restarted.listen(path);
        QVERIFY2(listening, qPrintable(listening.error()));
        QSignalSpy received(&restarted, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(path, QStringLiteral("back")));
        QTRY_COMPARE(received.size(), 1);
    }

    // The kernel says who connected; a message from another user is dropped unread. Another user cannot
    // reach the socket through its 0700 folder at all, so the test stands in for one by expecting a
    // different user than the one it runs as.
    void aMessageFromAnotherUserIsRefused()
    {
        const QString path = uniquePath();
        InstanceChannel running;
        running.setTrustedUserId(::geteuid() + 4242);
        QVERIFY(running.listen(path));
        QSignalSpy received(&running, &InstanceChannel::messageReceived);
        QVERIFY(!sendFromAnotherThread(path, QStringLiteral("dial tel:+819059876543")));
        QCOMPARE(received.size(), 0);
    }

    // The other way round: a listener that runs as someone else never gets the number to dial.
    void aLinkIsNotHandedToAnotherUsersInstance()
    {
        const QString path = uniquePath();
        InstanceChannel stranger;
        QVERIFY(stranger.listen(path));
        QSignalSpy received(&stranger, &InstanceChannel::messageReceived);
        QVERIFY(!sendFromAnotherThread(path, QStringLiteral("dial tel:+819059876543"), ::geteuid() + 4242));
        QCOMPARE(received.size(), 0);
    }

    void theSocketLivesInThePrivateRuntimeFolder()
    {
        QTemporaryDir runtime;
        QVERIFY(
            QFile::setPermissions(runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        const auto path = InstanceChannel::defaultPath();
        QVERIFY2(path, qPrintable(path.error()));
        QCOMPARE(QFileInfo(*path).absolutePath(), runtime.path());

        InstanceChannel running;
        const auto listening = running.listen(*path);
        QVERIFY2(listening, qPrintable(listening.error()));
        QSignalSpy received(&running, &InstanceChannel::messageReceived);
        QVERIFY(sendFromAnotherThread(*path, QStringLiteral("dial tel:+15551234567")));
        QTRY_COMPARE(received.size(), 1);
    }

    // Without a usable runtime folder: a 0700 folder of the user's own under the temporary folder.
    void withoutARuntimeFolderAPrivateOneIsMade()
    {
        QTemporaryDir temp;
        qputenv("TMPDIR", QFile::encodeName(temp.path()));
        qunsetenv("XDG_RUNTIME_DIR");
        const auto path = InstanceChannel::defaultPath();
        QVERIFY2(path, qPrintable(path.error()));
        const QString folder = QFileInfo(*path).absolutePath();
        QCOMPARE(folder, QDir(temp.path()).filePath(QStringLiteral("switchboard-%1").arg(::geteuid())));
        QCOMPARE(modeOf(folder), QStringLiteral("700"));
        // Made once, then found again.
        const auto again = InstanceChannel::defaultPath();
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(*again, *path);
    }

    void aRuntimeFolderOthersMayEnterIsNotUsed()
    {
        QTemporaryDir runtime;
        QTemporaryDir temp;
        QVERIFY(QFile::setPermissions(runtime.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                          | QFile::ReadOther | QFile::ExeOther));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        qputenv("TMPDIR", QFile::encodeName(temp.path()));
        const auto path = InstanceChannel::defaultPath();
        QVERIFY2(path, qPrintable(path.error()));
        QVERIFY2(path->startsWith(temp.path() + u'/'), qPrintable(*path));
    }

    // The attack: another user creates /tmp/switchboard-<uid> first and listens there for our links.
    void aFolderAnotherUserMadeIsNotTrusted()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give the folder to another user (CI runs as root)");
        QTemporaryDir temp;
        qputenv("TMPDIR", QFile::encodeName(temp.path()));
        qunsetenv("XDG_RUNTIME_DIR");
        const QString folder = QDir(temp.path()).filePath(QStringLiteral("switchboard-%1").arg(::geteuid()));
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(::chown(QFile::encodeName(folder).constData(), 65534, 65534), 0); // nobody
        const auto path = InstanceChannel::defaultPath();
        QVERIFY(!path);
        QVERIFY2(path.error().contains(QLatin1String("belongs to user 65534")), qPrintable(path.error()));
    }

    void aFolderOthersMayWriteIsNotTrusted()
    {
        QTemporaryDir temp;
        qputenv("TMPDIR", QFile::encodeName(temp.path()));
        qunsetenv("XDG_RUNTIME_DIR");
        const QString folder = QDir(temp.path()).filePath(QStringLiteral("switchboard-%1").arg(::geteuid()));
        QVERIFY(QDir().mkdir(folder));
        QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0777), 0);
        const auto path = InstanceChannel::defaultPath();
        QVERIFY(!path);
        QVERIFY2(path.error().contains(QLatin1String("0777")), qPrintable(path.error()));
        QCOMPARE(modeOf(folder), QStringLiteral("777")); // left for the user to look at, not adopted
    }

    void aLinkInsteadOfTheFolderIsNotTrusted()
    {
        QTemporaryDir temp;
        QTemporaryDir elsewhere;
        QVERIFY(
            QFile::setPermissions(elsewhere.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("TMPDIR", QFile::encodeName(temp.path()));
        qunsetenv("XDG_RUNTIME_DIR");
        const QString folder = QDir(temp.path()).filePath(QStringLiteral("switchboard-%1").arg(::geteuid()));
        QVERIFY(QFile::link(elsewhere.path(), folder));
        const auto path = InstanceChannel::defaultPath();
        QVERIFY(!path);
        QVERIFY2(path.error().contains(QLatin1String("not a folder")), qPrintable(path.error()));
    }
};

QTEST_GUILESS_MAIN(TestInstanceChannel)
#include "TestInstanceChannel.moc"
