#include "core/config/SecretStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <thread>

using Config::SecretStore;

namespace {

// Makes chmod, fchmod and fchmodat fail with EPERM for the calling thread alone (a seccomp filter, which
// stays with the thread until it ends). False when the kernel refuses the filter.
bool refuseChmodInThisThread()
{
#if defined(__x86_64__)
    constexpr quint32 architecture = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
    constexpr quint32 architecture = AUDIT_ARCH_AARCH64;
#else
    return false;
#endif
#ifndef __NR_chmod
#define __NR_chmod __NR_fchmodat // no chmod of its own on this architecture
#endif
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, architecture, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fchmod, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_chmod, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fchmodat, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
    };
    sock_fprog program { static_cast<unsigned short>(sizeof(filter) / sizeof(filter[0])), filter };
    return ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
        && ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
}

} // namespace

// Runs twice (tests/core/config/CMakeLists.txt): once with a real Secret Service (gnome-keyring on a
// private D-Bus session; SWITCHBOARD_TEST_KEYCHAIN=1), once with no session bus at all, where the secrets
// must go to the user-only file.
class TestSecretStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_expectKeychain = false;
    QString m_service;

    QString fallbackFile() const { return m_dir.filePath(QStringLiteral("config/secrets.json")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_expectKeychain = qEnvironmentVariable("SWITCHBOARD_TEST_KEYCHAIN") == QLatin1String("1");
        // A service of our own per run: nothing is left behind in, or read from, a real keychain.
        m_service
            = QStringLiteral("switchboard-test-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    }

    void choosesTheBackendThatIsThere()
    {
        SecretStore store(m_service, fallbackFile());
        QCOMPARE(store.backend(),
                 m_expectKeychain ? SecretStore::Backend::Keychain : SecretStore::Backend::File);
        if (m_expectKeychain)
            QCOMPARE(store.backendDescription(), QString("the system keychain"));
        else
            QVERIFY2(store.backendDescription().contains("which only you can read"),
                     qPrintable(store.backendDescription()));
    }

    void secretsRoundTrip()
    {
        SecretStore store(m_service, fallbackFile());
        QCOMPARE(store.read("auth-token").value(), std::optional<QByteArray>());
        const QByteArray secret("0123456789abcdef\x00\xff binary too", 30);
        const auto written = store.write("auth-token", secret);
        QVERIFY2(written, qPrintable(written.error()));
        QVERIFY(store.write("api-secret", "another"));
        // A second store (the next start) reads what the first wrote.
        SecretStore later(m_service, fallbackFile());
        QCOMPARE(later.read("auth-token").value(), std::optional<QByteArray>(secret));
        QVERIFY(later.write("auth-token", "replaced"));
        QCOMPARE(store.read("auth-token").value(), std::optional<QByteArray>("replaced"));
        QVERIFY(later.remove("auth-token"));
        QCOMPARE(store.read("auth-token").value(), std::optional<QByteArray>());
        QVERIFY(later.remove("auth-token")); // nothing to remove is no error
        QCOMPARE(store.read("api-secret").value(), std::optional<QByteArray>("another"));
        QVERIFY(store.remove("api-secret"));
    }

    void theFileIsTheUsersAloneAndOnlyWithoutAKeychain()
    {
        SecretStore store(m_service, fallbackFile());
        QVERIFY(store.write("auth-token", "s3cret-value"));
        if (m_expectKeychain) {
            QVERIFY2(!QFile::exists(fallbackFile()), "the keychain is there: no file may hold the secret");
        } else {
            QFile file(fallbackFile());
            QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains("s3cret-value")); // not in plain sight either
        }
        QVERIFY(store.remove("auth-token"));
    }

    void aDamagedFileIsReportedAndKept()
    {
        if (m_expectKeychain)
            QSKIP("only the file backend has a file to damage");
        const QString path = m_dir.filePath(QStringLiteral("damaged/secrets.json"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile damaged(path);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{ not json");
        damaged.close();
        SecretStore store(m_service, path);
        const auto read = store.read("auth-token");
        QVERIFY(!read);
        QVERIFY2(read.error().contains("is damaged"), qPrintable(read.error()));
        QVERIFY(!store.write("auth-token", "x"));
        QVERIFY(damaged.open(QIODevice::ReadOnly));
        QCOMPARE(damaged.readAll(), QByteArray("{ not json")); // nothing lost, nothing overwritten
    }

    // Where the file's mode cannot be set (a file system without modes, here a thread the kernel refuses
    // every chmod), the secrets are not written readable by all and the failure says so.
    void aModeThatCannotBeSetIsAFailure()
    {
        if (m_expectKeychain)
            QSKIP("the keychain run writes no file; the run without a session bus checks this");
        const QString file = m_dir.filePath(QStringLiteral("no-modes/secrets.json"));
        SecretStore store(m_service, file);
        QCOMPARE(store.backend(), SecretStore::Backend::File); // asked here: the thread below has no loop
        bool filtered = false;
        Result<void> written;
        std::thread writer([&] {
            filtered = refuseChmodInThisThread();
            if (filtered)
                written = store.write("auth-token", "secret");
        });
        writer.join();
        QVERIFY2(filtered, "the kernel did not take the seccomp filter");
        QVERIFY(!written);
        QVERIFY2(written.error().contains("readable by you alone"), qPrintable(written.error()));
        QVERIFY2(!QFile::exists(file), "nothing is written");
    }

    void aSecretNeedsAName()
    {
        SecretStore store(m_service, fallbackFile());
        QVERIFY(!store.write(QString(), "x"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
