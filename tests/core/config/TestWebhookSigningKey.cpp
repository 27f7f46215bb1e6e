#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"
#include "core/config/WebhookSigningKey.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using Config::SecretStore;
using Config::TwilioAccount;
using Config::WebhookSigningKey;

// The desktop app's webhook signing key: the auth token when there is one, else a local key made once and
// kept in the secret store, so that other programs of the same user can sign for the app. Runs twice, as
// TestSecretStore does: against gnome-keyring on a private D-Bus session (SWITCHBOARD_TEST_KEYCHAIN=1),
// and with no session bus, where the key goes to the user-only file.
class TestWebhookSigningKey : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_expectKeychain = false;

    QString secretsFile() const { return m_dir->filePath(QStringLiteral("secrets.json")); }
    // A service of this test's own, so that the keychain entries of one test never meet another's.
    SecretStore store() const
    {
        return SecretStore(QStringLiteral("switchboard-test-") + QFileInfo(m_dir->path()).fileName(),
                           secretsFile());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_expectKeychain = qEnvironmentVariable("SWITCHBOARD_TEST_KEYCHAIN") == QLatin1String("1");
        if (!m_expectKeychain)
            qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void theAuthTokenWinsAndNoLocalKeyIsMade()
    {
        TwilioAccount account;
        account.authToken = "the-account-auth-token";
        SecretStore secrets = store();
        const auto key = WebhookSigningKey::findOrCreate(account, secrets);
        QVERIFY2(key, qPrintable(key.error()));
        QCOMPARE(key->secret(), account.authToken);
        QCOMPARE(key->origin(), WebhookSigningKey::Origin::AuthToken);
        QVERIFY(!key->description().contains(QString::fromLatin1(account.authToken)));
        QCOMPARE(*secrets.read(WebhookSigningKey::localKeyName), std::nullopt);
    }

    void aLocalKeyIsMadeOnceAndKept()
    {
        SecretStore secrets = store();
        const auto none = WebhookSigningKey::find(TwilioAccount(), secrets);
        QVERIFY2(none, qPrintable(none.error()));
        QVERIFY(!none->has_value()); // nothing is made by looking

        const auto made = WebhookSigningKey::findOrCreate(TwilioAccount(), secrets);
        QVERIFY2(made, qPrintable(made.error()));
        QCOMPARE(made->origin(), WebhookSigningKey::Origin::LocalKey);
        QCOMPARE(made->secret().size(), 32); // 192 random bits, base64url
        QVERIFY(!made->description().contains(QString::fromLatin1(made->secret())));

        // Another process of the same user (a new store object on the same file) finds the same key...
        SecretStore later = store();
        const auto found = WebhookSigningKey::find(TwilioAccount(), later);
        QVERIFY2(found && found->has_value(), qPrintable(found.error()));
        QCOMPARE((*found)->secret(), made->secret());
        // ...and the next start of the app keeps it.
        const auto again = WebhookSigningKey::findOrCreate(TwilioAccount(), later);
        QCOMPARE(again->secret(), made->secret());

        // It is not the account's auth token: the account stays unset, and the Settings page shows none.
        QCOMPARE(*later.read(Config::AccountSettings::authTokenKey), std::nullopt);
        QCOMPARE(later.backend(),
                 m_expectKeychain ? SecretStore::Backend::Keychain : SecretStore::Backend::File);
        if (m_expectKeychain) {
            QVERIFY(!QFile::exists(secretsFile()));
            QVERIFY(later.remove(WebhookSigningKey::localKeyName));
        } else {
            const auto othersMay
                = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
            QCOMPARE(QFile::permissions(secretsFile()) & othersMay, QFile::Permissions());
        }
    }

    // The file may hold keys simulate relies on: one that cannot be read is left as it is, and no key is
    // made over it. With a keychain the file is not used at all, and stays as it is too.
    void aDamagedFileIsNeverOverwritten()
    {
        QFile damaged(secretsFile());
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{ not json");
        damaged.close();
        SecretStore secrets = store();
        const auto key = WebhookSigningKey::findOrCreate(TwilioAccount(), secrets);
        if (m_expectKeychain) {
            QVERIFY2(key, qPrintable(key.error()));
            QVERIFY(secrets.remove(WebhookSigningKey::localKeyName));
        } else {
            QVERIFY(!key);
            QVERIFY2(key.error().contains(QLatin1String("damaged")), qPrintable(key.error()));
        }
        QVERIFY(damaged.open(QIODevice::ReadOnly));
        QCOMPARE(damaged.readAll(), QByteArray("{ not json"));
    }
};

QTEST_GUILESS_MAIN(TestWebhookSigningKey)
#include "TestWebhookSigningKey.moc"
