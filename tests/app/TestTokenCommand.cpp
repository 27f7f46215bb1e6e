#include "SwitchboardRun.h"
#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/token/Jwt.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// Runs the real `switchboard token` binary, as a shell user would: in a home of its own (settings, secret
// file, no keychain) on a database that has the seed's client DeviceId_0001 and a disabled one.
class TestTokenCommand : public QObject
{
    Q_OBJECT

    using Run = SwitchboardRun;

    QTemporaryDir m_home;

    QString database() const { return m_home.filePath("token.sqlite"); }
    QString configHome() const { return m_home.filePath("config"); }

    // Nothing from the TWILIO_* variables: what the desktop app would find saved, and nothing else.
    QProcessEnvironment homeEnvironment() const
    {
        QProcessEnvironment env;
        env.insert("HOME", m_home.path());
        env.insert("XDG_CONFIG_HOME", configHome());
        env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
        return env;
    }

    const QString accountSid = "AC" + QString(32, u'1');
    const QString keySid = "SK" + QString(32, u'2');
    const QString appSid = "AP" + QString(32, u'3');
    const QByteArray keySecret = "api-key-secret-value";
    const QByteArray authToken = "auth-token-value";

    QProcessEnvironment fullEnvironment() const
    {
        QProcessEnvironment env = homeEnvironment();
        env.insert("TWILIO_ACCOUNT_SID", accountSid);
        env.insert("TWILIO_AUTH_TOKEN", authToken);
        env.insert("TWILIO_API_KEY", keySid);
        env.insert("TWILIO_API_SECRET", keySecret);
        env.insert("TWILIO_TWIML_APP_SID", appSid);
        return env;
    }

    Run run(QStringList arguments, const QProcessEnvironment &environment) const
    {
        arguments << "--database" << database();
        return SwitchboardRun::start(arguments, environment);
    }

    // The account as the desktop app's Settings page saves it: SIDs in the settings file, secrets in the
    // user-only file (no keychain here).
    void saveAccount(const Config::TwilioAccount &account)
    {
        QSettings settings(configHome() + "/Switchboard/switchboard.conf", QSettings::IniFormat);
        Config::SecretStore secrets("Switchboard", configHome() + "/Switchboard/switchboard/secrets.json");
        const auto saved = Config::AccountSettings(settings, secrets).save(account);
        QVERIFY2(saved, qPrintable(saved.error()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
        const Run added
            = SwitchboardRun::start({ "client", "add", "DeviceId_0001", "--database", database() },
                                    homeEnvironment(), "secret-0001\n");
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(SwitchboardRun::start({ "client", "add", "Retired_01", "--database", database() },
                                       homeEnvironment(), "secret-0002\n")
                     .exitCode,
                 0);
        auto opened = Store::Database::open(*Store::DatabaseLocation::parse(database()));
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(Store::ClientStore(*opened).setDisabled("Retired_01", true));
    }
    void printsAnAccessToken()
    {
        const Run result = run({ "token", "--client", "DeviceId_0001" }, fullEnvironment());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.err, QByteArray());
        QVERIFY(result.out.endsWith('\n'));
        QCOMPARE(result.out.count('\n'), 1);

        const auto decoded
            = Token::Jwt::verifyHs256(result.out.trimmed(), keySecret, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        const QJsonObject grants = decoded->payload["grants"].toObject();
        QCOMPARE(grants["identity"].toString(), QString("DeviceId_0001"));
        QCOMPARE(grants["voice"]["incoming"]["allow"].toBool(), true);
        QCOMPARE(grants["voice"]["outgoing"]["application_sid"].toString(), appSid);
        QCOMPARE(decoded->payload["iss"].toString(), keySid);
        QCOMPARE(decoded->payload["sub"].toString(), accountSid);
        QCOMPARE(decoded->payload["exp"].toInteger() - decoded->payload["iat"].toInteger(), 3600);
        QCOMPARE(decoded->header["cty"].toString(), QString("twilio-fpa;v=1"));
    }

    void printsACapabilityToken()
    {
        QProcessEnvironment env = fullEnvironment();
        env.remove("TWILIO_API_KEY"); // not needed for a capability token
        env.remove("TWILIO_API_SECRET");
        const Run result = run({ "token", "--capability", "--client", "DeviceId_0001", "--ttl", "60" }, env);
        QCOMPARE(result.exitCode, 0);
        const auto decoded
            = Token::Jwt::verifyHs256(result.out.trimmed(), authToken, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload["scope"].toString(),
                 "scope:client:incoming?clientName=DeviceId_0001 scope:client:outgoing?appSid=" + appSid
                     + "&clientName=DeviceId_0001");
        QCOMPARE(decoded->payload["iss"].toString(), accountSid);
        QCOMPARE(decoded->payload["exp"].toInteger() - decoded->payload["iat"].toInteger(), 60);
    }

    void cleanup()
    {
        // Every test starts with no saved account.
        QFile::remove(configHome() + "/Switchboard/switchboard.conf");
        QFile::remove(configHome() + "/Switchboard/switchboard/secrets.json");
    }

    // The case: a token for `ghost`, which no client of the database is, was signed all the same.
    void refusesClientsTheDatabaseDoesNotHave_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown") << QStringList { "token", "--client", "ghost" }
                                 << QByteArray("switchboard token: no client named ghost");
        QTest::newRow("unknown, capability") << QStringList { "token", "--client", "ghost", "--capability" }
                                             << QByteArray("no client named ghost");
        QTest::newRow("disabled") << QStringList { "token", "--client", "Retired_01" }
                                  << QByteArray("client Retired_01 is disabled");
    }

    void refusesClientsTheDatabaseDoesNotHave()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run result = run(arguments, fullEnvironment());
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QByteArray());
        QVERIFY2(result.err.contains(message), result.err.constData());
        QVERIFY2(result.err.contains("--any-identity"), result.err.constData());
        QCOMPARE(result.err.count('\n'), 1); // one sentence, no log lines
    }

    void anyIdentityIsTheDeliberateCase()
    {
        const Run result = run({ "token", "--client", "ghost", "--any-identity" }, fullEnvironment());
        QCOMPARE(result.exitCode, 0);
        const auto decoded
            = Token::Jwt::verifyHs256(result.out.trimmed(), keySecret, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload["grants"]["identity"].toString(), QString("ghost"));
    }

    // The account comes from where the desktop app keeps it; TWILIO_* variables that are set win, as in the
    // app.
    void usesTheAccountTheDesktopAppSaved()
    {
        Config::TwilioAccount saved;
        saved.accountSid = accountSid;
        saved.apiKeySid = keySid;
        saved.apiKeySecret = "saved-api-key-secret";
        saved.twimlAppSid = appSid;
        saveAccount(saved);
        if (QTest::currentTestFailed())
            return;

        const Run fromSettings = run({ "token", "--client", "DeviceId_0001" }, homeEnvironment());
        QVERIFY2(fromSettings.exitCode == 0, fromSettings.err.constData());
        const auto decoded = Token::Jwt::verifyHs256(fromSettings.out.trimmed(), saved.apiKeySecret,
                                                     QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload["iss"].toString(), keySid);

        QProcessEnvironment overridden = homeEnvironment();
        overridden.insert("TWILIO_API_SECRET", keySecret);
        const Run fromEnvironment = run({ "token", "--client", "DeviceId_0001" }, overridden);
        QVERIFY2(fromEnvironment.exitCode == 0, fromEnvironment.err.constData());
        QVERIFY(Token::Jwt::verifyHs256(fromEnvironment.out.trimmed(), keySecret,
                                        QDateTime::currentSecsSinceEpoch()));
    }

    void namesMissingVariables_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("removed");
        QTest::newRow("access: account") << QStringList { "token", "--client", "a" } << "TWILIO_ACCOUNT_SID";
        QTest::newRow("access: key") << QStringList { "token", "--client", "a" } << "TWILIO_API_KEY";
        QTest::newRow("access: secret") << QStringList { "token", "--client", "a" } << "TWILIO_API_SECRET";
        QTest::newRow("access: app") << QStringList { "token", "--client", "a" } << "TWILIO_TWIML_APP_SID";
        QTest::newRow("capability: auth token")
            << QStringList { "token", "--client", "a", "--capability" } << "TWILIO_AUTH_TOKEN";
    }

    void namesMissingVariables()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, removed);
        QProcessEnvironment env = fullEnvironment();
        env.remove(removed);
        const Run result = run(arguments, env);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QByteArray());
        QVERIFY2(result.err.contains(removed.toUtf8() + " is not set"), result.err.constData());
        QVERIFY(!result.err.contains(keySecret) && !result.err.contains(authToken));
    }

    void refusesMalformedSid()
    {
        QProcessEnvironment env = fullEnvironment();
        env.insert("TWILIO_API_KEY", "SK123");
        const Run result = run({ "token", "--client", "a" }, env);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains("TWILIO_API_KEY must be SK followed by 32 hexadecimal digits"));
    }

    void refusesBadCommandLines_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no client") << QStringList { "token" } << QByteArray("--client NAME is required");
        QTest::newRow("client without value") << QStringList { "token", "--client" } << QByteArray("client");
        QTest::newRow("bad client") << QStringList { "token", "--client", "a b" }
                                    << QByteArray("invalid --client");
        QTest::newRow("ttl not a number")
            << QStringList { "token", "--client", "a", "--ttl", "soon" } << QByteArray("--ttl");
        QTest::newRow("ttl zero") << QStringList { "token", "--client", "a", "--ttl", "0" }
                                  << QByteArray("--ttl");
        // The same limits as the Settings page and the desktop phone (Token::TokenLifetime).
        QTest::newRow("ttl under a minute") << QStringList { "token", "--client", "a", "--ttl", "59" }
                                            << QByteArray("--ttl: give from 60 to 86400 seconds");
        QTest::newRow("ttl over a day")
            << QStringList { "token", "--client", "a", "--ttl", "86401" } << QByteArray("86400");
        QTest::newRow("unknown option")
            << QStringList { "token", "--client", "a", "--bogus" } << QByteArray("bogus");
        QTest::newRow("stray argument")
            << QStringList { "token", "--client", "a", "extra" } << QByteArray("extra");
        QTest::newRow("unknown command")
            << QStringList { "frobnicate" } << QByteArray("unknown command 'frobnicate'");
    }

    void refusesBadCommandLines()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run result = run(arguments, fullEnvironment());
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QByteArray());
        QVERIFY2(result.err.contains(message), result.err.constData());
    }

    void explainsItself()
    {
        const Run help = run({ "token", "--help" }, homeEnvironment());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: switchboard token [options]"));
        QVERIFY(help.out.contains("--capability"));
        QVERIFY(help.out.contains("TWILIO_API_SECRET"));
        QVERIFY(help.out.contains("--any-identity"));
        QVERIFY(help.out.contains("Settings page"));
        const Run top = run({ "--help" }, homeEnvironment());
        QCOMPARE(top.exitCode, 0);
        QVERIFY(top.out.contains("token --client NAME"));
    }
};

QTEST_GUILESS_MAIN(TestTokenCommand)
#include "TestTokenCommand.moc"
