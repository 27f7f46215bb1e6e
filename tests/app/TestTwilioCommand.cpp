// `twilio connect|check|disconnect` as a user runs them, with either binary (TestTwilioCommand_server runs
// switchboard-server), against the simulator's account served by a server in this test: numbers that
// change, a TwiML App and an API key made and deleted. The key's secret never appears in what the commands
// print or in the settings file.

#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/app/SwitchboardRun.h"
#include "tests/support/SimulatedAccountServer.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char accountSid[] = "AC0123456789abcdef0123456789abcdef";
const QByteArray authToken = "twilio-command-auth-token";
const QString tokyo = "+815031234567";
const QString osaka = "+815031234568";
const QString demoUrl = "https://demo.twilio.com/welcome/voice/";

QJsonObject withoutTimes(QJsonObject number)
{
    number.remove("date_updated");
    return number;
}

} // namespace

class TestTwilioCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_databasePath;
    std::shared_ptr<Store::Database> m_database;
    SimulatedAccountServer m_twilio;
    std::shared_ptr<Simulator::AccountResources> m_account;
    QString m_serverUrl;

    QProcessEnvironment environment(const QByteArray &token = authToken) const
    {
        QProcessEnvironment env;
        env.insert("PATH", qEnvironmentVariable("PATH"));
        env.insert("HOME", m_home.path());
        env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("TWILIO_ACCOUNT_SID", accountSid);
        env.insert("TWILIO_AUTH_TOKEN", token);
        env.insert("SWITCHBOARD_TWILIO_API_URL", m_serverUrl);
        return env;
    }

    SwitchboardRun run(const QStringList &arguments, const QByteArray &input = {},
                       const QByteArray &token = authToken, const QProcessEnvironment &extra = {})
    {
        QProcessEnvironment env = environment(token);
        for (const QString &name : extra.keys())
            env.insert(name, extra.value(name));
        return SwitchboardRun::start(QStringList { "--database", m_databasePath } + arguments, env, input,
                                     true);
    }

    // Every file the commands wrote under the test's home, and the secret store's secrets.
    QByteArray settingsText() const
    {
        QByteArray text;
        QDirIterator files(m_home.filePath("config"), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.fileName().endsWith(".conf") && file.open(QIODevice::ReadOnly))
                text += file.readAll();
        }
        return text;
    }

    QString secretsFile() const
    {
        QDirIterator files(m_home.filePath("config"), { "secrets.json" }, QDir::Files,
                           QDirIterator::Subdirectories);
        return files.hasNext() ? files.next() : QString();
    }

    QByteArray keySecret() const
    {
        QFile file(secretsFile());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        // The file keeps each secret in base64 (Config::SecretStore).
        const QJsonObject secrets = QJsonDocument::fromJson(file.readAll()).object();
        return QByteArray::fromBase64(secrets.value("twilio-api-key-secret").toString().toLatin1());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_databasePath = m_home.filePath("switchboard.sqlite");
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_databasePath));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("desktop", "secret-desktop"));
        QVERIFY(Store::ClientStore(m_database).add("alice", "secret-alice"));

        Simulator::AccountResources::Options options;
        options.accountSid = accountSid;
        const QString problem = m_twilio.start(m_database, options, authToken);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_account = m_twilio.account;
        m_serverUrl = m_twilio.url();
    }

    void cleanupTestCase() { m_twilio.server.reset(); }

    void badArgumentsAreRefusedBeforeAnythingIsAsked()
    {
        const auto noUrl = run({ "twilio", "connect", "--yes" });
        QCOMPARE(noUrl.exitCode, 2);
        QVERIFY2(noUrl.err.contains("public URL is needed"), noUrl.err);
        const auto noClient = run({ "twilio", "connect", "--public-url", m_serverUrl, "--number", tokyo });
        QCOMPARE(noClient.exitCode, 2);
        QVERIFY2(noClient.err.contains("NUMBER=CLIENT"), noClient.err);
        const auto unknownClient
            = run({ "twilio", "connect", "--public-url", m_serverUrl, "--number", tokyo + "=bob" });
        QCOMPARE(unknownClient.exitCode, 2);
        QVERIFY2(unknownClient.err.contains("there is no client bob"), unknownClient.err);
        const auto badUrl = run({ "twilio", "connect", "--public-url", "ftp://example.com" });
        QCOMPARE(badUrl.exitCode, 2);
        QVERIFY2(badUrl.err.contains("https://"), badUrl.err);
        QCOMPARE(withoutTimes(*m_account->number(tokyo)).value("voice_url").toString(), demoUrl);

        // Against Twilio's own API, an address only this machine knows is refused before anything is asked.
        QProcessEnvironment twilio = environment();
        twilio.remove("SWITCHBOARD_TWILIO_API_URL");
        const auto local = SwitchboardRun::start({ "--database", m_databasePath, "twilio", "connect",
                                                   "--public-url", "http://127.0.0.1:8080", "--yes" },
                                                 twilio, {}, true);
        QCOMPARE(local.exitCode, 2);
        QVERIFY2(local.err.contains("Twilio cannot reach http://127.0.0.1:8080"), local.err);
    }

    void wrongCredentialsAreSaidClearly()
    {
        const auto refused
            = run({ "twilio", "connect", "--public-url", m_serverUrl, "--yes" }, {}, "wrong-token");
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("does not accept these credentials"), refused.err);
        QVERIFY(m_account->keySids().isEmpty());
    }

    void connectShowsTheChangesAndAsksFirst()
    {
        const auto declined = run(
            { "twilio", "connect", "--public-url", m_serverUrl, "--number", tokyo + "=desktop" }, "n\n");
        QCOMPARE(declined.exitCode, 1);
        QVERIFY2(
            declined.out.contains(("VoiceUrl " + demoUrl + " → " + m_serverUrl + "/voice/incoming").toUtf8()),
            declined.out);
        QVERIFY2(declined.out.contains("Nothing was changed."), declined.out);
        QCOMPARE(m_account->number(tokyo)->value("voice_url").toString(), demoUrl);
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_account->applications().isEmpty());
    }

    // A server's environment file names an API key already: it is kept, and signs the phones' tokens.
    void anApiKeyOfTheEnvironmentIsKept()
    {
        QString what;
        const auto created = m_account->request(
            "POST", "Keys.json", {}, *Webhook::FormParameters::decode("FriendlyName=Server"), &what);
        QCOMPARE(created.status, 201);
        const QJsonObject key = QJsonDocument::fromJson(created.body).object();
        QProcessEnvironment withKey;
        withKey.insert("TWILIO_API_KEY", key.value("sid").toString());
        withKey.insert("TWILIO_API_SECRET", key.value("secret").toString());
        const auto connected
            = run({ "twilio", "connect", "--public-url", m_serverUrl, "--yes" }, {}, authToken, withKey);
        QVERIFY2(connected.exitCode == 0, connected.out + connected.err);
        QVERIFY2(connected.out.contains(
                     ("API key \"Server\" (" + key.value("sid").toString() + "): kept").toUtf8()),
                 connected.out);
        QCOMPARE(m_account->keySids(), QStringList { key.value("sid").toString() });
        QVERIFY2(connected.out.contains("TwiML App \"Switchboard\" (AP"), connected.out);
        const auto undone = run({ "twilio", "disconnect", "--yes" }, {}, authToken, withKey);
        QVERIFY2(undone.exitCode == 0, undone.out + undone.err);
        QCOMPARE(m_account->keySids(), QStringList { key.value("sid").toString() }); // not ours to delete
        QVERIFY(m_account->applications().isEmpty());
        QCOMPARE(m_account->request("DELETE", "Keys/" + key.value("sid").toString() + ".json", {}, {}, &what)
                     .status,
                 204);
        QFile::remove(secretsFile());
        QDirIterator conf(m_home.filePath("config"), { "*.conf" }, QDir::Files, QDirIterator::Subdirectories);
        while (conf.hasNext())
            QVERIFY(QFile::remove(conf.next()));
    }

    // A server run as a service: the key, its secret and the app go to its environment file, whose other
    // lines stay as they were; disconnect empties them again.
    void aServicesEnvironmentFileGetsTheKeyAndApp()
    {
        const QString path = m_home.filePath("switchboard-server.env");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# the service's secrets\nTWILIO_AUTH_TOKEN=" + authToken
                   + "\nTWILIO_API_KEY=\nTWILIO_API_SECRET=\n"
                     "SWITCHBOARD_SERVE_OPTIONS=\"--listen 127.0.0.1:8080\"\n");
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));

        const auto missing = run({ "twilio", "connect", "--public-url", m_serverUrl, "--env-file",
                                   m_home.filePath("nowhere.env"), "--yes" });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("does not exist"), missing.err);

        const auto connected
            = run({ "twilio", "connect", "--public-url", m_serverUrl, "--env-file", path, "--yes" });
        QVERIFY2(connected.exitCode == 0, connected.out + connected.err);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        file.close();
        QCOMPARE(m_account->keySids().size(), 1);
        const QString keySid = m_account->keySids().first();
        QVERIFY2(written.contains(("\nTWILIO_API_KEY=" + keySid + "\n").toUtf8()), written);
        const QByteArray secret = written.mid(written.indexOf("TWILIO_API_SECRET=") + 18).split('\n').first();
        QVERIFY(m_account->acceptsKey(keySid, secret));
        QVERIFY2(!connected.out.contains(secret), "never printed");
        QVERIFY2(written.contains("TWILIO_TWIML_APP_SID=AP"), written);
        QVERIFY2(written.startsWith("# the service's secrets\nTWILIO_AUTH_TOKEN=" + authToken + "\n"),
                 written);
        QVERIFY2(written.contains("SWITCHBOARD_SERVE_OPTIONS=\"--listen 127.0.0.1:8080\"\n"), written);
        QCOMPARE(QFile(path).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QVERIFY2(keySecret().isEmpty(), "not in this user's secret store");

        const auto undone = run({ "twilio", "disconnect", "--env-file", path, "--yes" });
        QVERIFY2(undone.exitCode == 0, undone.out + undone.err);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray after = file.readAll();
        QVERIFY2(after.contains("\nTWILIO_API_KEY=\nTWILIO_API_SECRET=\n")
                     && after.contains("TWILIO_TWIML_APP_SID=\n"),
                 after);
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_account->applications().isEmpty());
    }

    // connect, check, someone changes a number in the console, check again, disconnect.
    void connectCheckAndDisconnect()
    {
        const QJsonObject tokyoBefore = withoutTimes(*m_account->number(tokyo));
        const QJsonObject osakaBefore = withoutTimes(*m_account->number(osaka));
        const auto connected = run({ "twilio", "connect", "--public-url", m_serverUrl, "--number",
                                     tokyo + "=desktop", "--number", osaka + "=alice" },
                                   "y\n");
        QVERIFY2(connected.exitCode == 0, connected.out + connected.err);
        QVERIFY2(connected.out.contains(("Calls to +81 50-3123-4567 now ring client:desktop, calls to +81 "
                                         "50-3123-4568 now ring client:alice through "
                                         + m_serverUrl + ".")
                                            .toUtf8()),
                 connected.out);
        QCOMPARE(m_account->number(tokyo)->value("voice_url").toString(), m_serverUrl + "/voice/incoming");
        QCOMPARE(m_account->number(osaka)->value("status_callback").toString(),
                 m_serverUrl + "/voice/status");
        QCOMPARE(Store::NumberStore(m_database).find(osaka)->clientName, "alice");
        QCOMPARE(m_account->keySids().size(), 1);
        const QByteArray secret = keySecret();
        QVERIFY2(m_account->acceptsKey(m_account->keySids().first(), secret),
                 "the key's secret is in the store");
        QCOMPARE(QFile(secretsFile()).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY2(!connected.out.contains(secret) && !connected.err.contains(secret), "never printed");
        QVERIFY2(!settingsText().contains(secret) && !settingsText().contains(authToken),
                 "the settings file holds no secret");
        QVERIFY2(settingsText().contains(m_account->keySids().first().toUtf8()), settingsText());

        const auto again = run({ "twilio", "connect", "--public-url", m_serverUrl, "--number",
                                 tokyo + "=desktop", "--number", osaka + "=alice" });
        QCOMPARE(again.exitCode, 0); // nothing to change: nothing asked
        QCOMPARE(again.out.count("already right, unchanged"), 3);
        QCOMPARE(m_account->keySids().size(), 1);

        const auto checked = run({ "twilio", "check", "--server", m_serverUrl });
        QVERIFY2(checked.exitCode == 0, checked.out + checked.err);
        QVERIFY2(checked.out.contains("leads to this server"), checked.out);
        QVERIFY2(!checked.out.contains("PROBLEM"), checked.out);

        m_account->setVoiceUrl(osaka, "https://someone-else.example/voice");
        const auto broken = run({ "twilio", "check", "--server", m_serverUrl });
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.out.contains(
                     "PROBLEM: +81 50-3123-4568's voice URL is https://someone-else.example/voice"),
                 broken.out);

        const auto elsewhere
            = run({ "twilio", "check", "--server", m_serverUrl, "--public-url", "http://127.0.0.1:1" });
        QCOMPARE(elsewhere.exitCode, 1);
        QVERIFY2(elsewhere.out.contains("PROBLEM: Twilio cannot reach http://127.0.0.1:1"), elsewhere.out);

        // A tunnel that leads to another server: it answers, but the nonce sent through it never arrives
        // here.
        Server::ServerSettings otherSettings;
        otherSettings.port = 0;
        Server::WebhookServer other(m_database, otherSettings);
        QVERIFY(other.start());
        const auto wrongServer = run(
            { "twilio", "check", "--server", m_serverUrl, "--public-url", other.localUrl().toString() });
        QCOMPARE(wrongServer.exitCode, 1);
        QVERIFY2(wrongServer.out.contains("answers, but it is not this server"), wrongServer.out);

        const auto disconnected = run({ "twilio", "disconnect", "--yes" });
        QVERIFY2(disconnected.exitCode == 0, disconnected.out + disconnected.err);
        QVERIFY2(disconnected.out.contains("is as it was before Switchboard connected it"), disconnected.out);
        QCOMPARE(withoutTimes(*m_account->number(tokyo)), tokyoBefore);
        QCOMPARE(withoutTimes(*m_account->number(osaka)).value("status_callback"),
                 osakaBefore.value("status_callback"));
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_account->applications().isEmpty());
        QVERIFY(keySecret().isEmpty());

        const auto nothing = run({ "twilio", "disconnect", "--yes" });
        QCOMPARE(nothing.exitCode, 0);
        QVERIFY2(nothing.out.contains("Nothing to put back"), nothing.out);
        const auto disconnectedCheck = run({ "twilio", "check", "--server", m_serverUrl });
        QCOMPARE(disconnectedCheck.exitCode, 1);
        QVERIFY2(disconnectedCheck.out.contains("is not connected to this server"), disconnectedCheck.out);
        QVERIFY2(!disconnectedCheck.out.contains("changed in Twilio's console"), disconnectedCheck.out);
    }
};

QTEST_GUILESS_MAIN(TestTwilioCommand)
#include "TestTwilioCommand.moc"
