#include "core/config/SecretStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using Config::SecretStore;

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

    void aSecretNeedsAName()
    {
        SecretStore store(m_service, fallbackFile());
        QVERIFY(!store.write(QString(), "x"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
