#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using Config::AccountSettings;
using Config::SecretStore;
using Config::TwilioAccount;

// Runs twice, as TestSecretStore does: against gnome-keyring on a private D-Bus session, and with no bus
// (the user-only file). Either way the settings file must never hold a secret.
class TestAccountSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_service;

    QString settingsFile() const { return m_dir.filePath(QStringLiteral("switchboard.conf")); }
    QString secretsFile() const { return m_dir.filePath(QStringLiteral("secrets.json")); }

    static TwilioAccount account()
    {
        TwilioAccount account;
        account.accountSid = "AC" + QString(32, u'a');
        account.authToken = "auth-token-0123456789";
        account.apiKeySid = "SK" + QString(32, u'b');
        account.apiKeySecret = "api-secret-abcdefghij";
        account.twimlAppSid = "AP" + QString(32, u'c');
        return account;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_service
            = QStringLiteral("switchboard-test-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    }

    void roundTripWithoutSecretsInTheSettingsFile()
    {
        {
            QSettings settings(settingsFile(), QSettings::IniFormat);
            SecretStore secrets(m_service, secretsFile());
            const auto saved = AccountSettings(settings, secrets).save(account());
            QVERIFY2(saved, qPrintable(saved.error()));
        }
        QSettings settings(settingsFile(), QSettings::IniFormat);
        SecretStore secrets(m_service, secretsFile());
        const auto loaded = AccountSettings(settings, secrets).load();
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->accountSid, account().accountSid);
        QCOMPARE(loaded->authToken, account().authToken);
        QCOMPARE(loaded->apiKeySid, account().apiKeySid);
        QCOMPARE(loaded->apiKeySecret, account().apiKeySecret);
        QCOMPARE(loaded->twimlAppSid, account().twimlAppSid);

        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains(account().accountSid.toLatin1())); // the SIDs are there...
        QVERIFY(!text.contains("auth-token-0123456789")); // ...the secrets are not
        QVERIFY(!text.contains("api-secret-abcdefghij"));
        QCOMPARE(QFile::exists(secretsFile()), secrets.backend() == SecretStore::Backend::File);
    }

    void aWrongSidChangesNothing()
    {
        QSettings settings(settingsFile(), QSettings::IniFormat);
        SecretStore secrets(m_service, secretsFile());
        AccountSettings store(settings, secrets);
        TwilioAccount wrong = account();
        wrong.apiKeySid = "AC" + QString(32, u'b'); // an account SID where a key SID belongs
        wrong.authToken = "a-new-token";
        const auto saved = store.save(wrong);
        QVERIFY(!saved);
        QVERIFY2(saved.error().contains("API key SID"), qPrintable(saved.error()));
        QCOMPARE(store.load()->authToken, account().authToken);
        QCOMPARE(store.load()->apiKeySid, account().apiKeySid);
    }

    void emptySecretsAreRemoved()
    {
        QSettings settings(settingsFile(), QSettings::IniFormat);
        SecretStore secrets(m_service, secretsFile());
        AccountSettings store(settings, secrets);
        QVERIFY(store.save(TwilioAccount()));
        const auto loaded = store.load();
        QVERIFY(loaded);
        QVERIFY(loaded->authToken.isEmpty());
        QVERIFY(loaded->accountSid.isEmpty());
        QCOMPARE(secrets.read("twilio-auth-token").value(), std::optional<QByteArray>());
    }

    void theEnvironmentWinsForThisRun()
    {
        QProcessEnvironment environment;
        environment.insert("TWILIO_AUTH_TOKEN", "from-the-environment");
        const TwilioAccount merged = AccountSettings::withEnvironment(account(), environment);
        QCOMPARE(merged.authToken, QByteArray("from-the-environment"));
        QCOMPARE(merged.accountSid, account().accountSid); // unset variables leave the saved value
    }
};

QTEST_GUILESS_MAIN(TestAccountSettings)
#include "TestAccountSettings.moc"
