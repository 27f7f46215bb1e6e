#include "core/config/AppSettings.h"
#include "core/config/SecretStore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using Config::AppSettings;
using Config::ListenAddress;

// The non-secret settings: each field's check, the round trip through an INI file, a refused save that
// leaves the file as it was, and the PostgreSQL password kept out of it.
class TestAppSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("switchboard.conf")); }
    // A secret store of this test's own: a service name no other run shares, its file in dir.
    static Config::SecretStore secretStoreIn(const QTemporaryDir &dir)
    {
        return Config::SecretStore(
            QStringLiteral("switchboard-test-%1").arg(QRandomGenerator::global()->generate64(), 0, 16),
            dir.filePath("secrets.json"));
    }

    static QByteArray bytes(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static AppSettings changed()
    {
        AppSettings settings;
        settings.clientName = "front_desk";
        settings.region = "US";
        settings.tokenTtl = 600;
        settings.edge = "tokyo";
        settings.codecPreferences = QStringList { "pcmu" };
        settings.listen = *ListenAddress::parse("[::1]:9090");
        settings.publicUrl = "https://example.ngrok.app/switchboard/";
        settings.database = "postgresql://switchboard@db.example:5433/calls";
        settings.allowedRegions = QStringList { "US", "CA" };
        settings.allowedNumberTypes = { Phone::NumberType::PremiumRate, Phone::NumberType::Satellite };
        settings.dialTimeout = 25;
        settings.voicemailMaxLength = 300;
        settings.transcribeVoicemail = true;
        settings.callControl = true;
        return settings;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { QFile::remove(settingsFile()); }

    void defaultsAreValid()
    {
        const AppSettings settings;
        QCOMPARE(settings.problems(), QStringList());
        QCOMPARE(settings.listen.toString(), QString("127.0.0.1:8080"));
        QVERIFY(AppSettings::supportedRegions().contains("JP"));
        QVERIFY(AppSettings::supportedRegions().size() > 200);
    }

    void fieldChecks_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("client") << "client"
                                << "front_desk_2" << true;
        QTest::newRow("client empty") << "client"
                                      << "" << false;
        QTest::newRow("client space") << "client"
                                      << "front desk" << false;
        QTest::newRow("client too long") << "client" << QString(122, u'a') << false;
        QTest::newRow("region US") << "region"
                                   << "US" << true;
        QTest::newRow("region lower") << "region"
                                      << "us" << false;
        QTest::newRow("region unknown") << "region"
                                        << "XX" << false;
        QTest::newRow("region empty") << "region"
                                      << "" << false;
        QTest::newRow("ttl min") << "ttl"
                                 << "60" << true;
        QTest::newRow("ttl max") << "ttl"
                                 << "86400" << true;
        QTest::newRow("ttl short") << "ttl"
                                   << "59" << false;
        QTest::newRow("ttl long") << "ttl"
                                  << "86401" << false;
        QTest::newRow("ring min") << "ring"
                                  << "5" << true;
        QTest::newRow("ring max") << "ring"
                                  << "600" << true;
        QTest::newRow("ring short") << "ring"
                                    << "4" << false;
        QTest::newRow("ring long") << "ring"
                                   << "601" << false;
        QTest::newRow("voicemail min") << "voicemail"
                                       << "1" << true;
        QTest::newRow("voicemail max") << "voicemail"
                                       << "3600" << true;
        QTest::newRow("voicemail none") << "voicemail"
                                        << "0" << false;
        QTest::newRow("voicemail long") << "voicemail"
                                        << "3601" << false;
        QTest::newRow("edge automatic") << "edge"
                                        << "" << true;
        QTest::newRow("edge tokyo") << "edge"
                                    << "tokyo" << true;
        QTest::newRow("edge roaming") << "edge"
                                      << "roaming" << true;
        QTest::newRow("edge legacy region") << "edge"
                                            << "jp1" << false;
        QTest::newRow("edge capital") << "edge"
                                      << "Tokyo" << false;
        QTest::newRow("codecs both") << "codecs"
                                     << "pcmu,opus" << true;
        QTest::newRow("codecs one") << "codecs"
                                    << "opus" << true;
        QTest::newRow("codecs none") << "codecs"
                                     << "" << false;
        QTest::newRow("codecs twice") << "codecs"
                                      << "opus,opus" << false;
        QTest::newRow("codecs unknown") << "codecs"
                                        << "g722" << false;
        QTest::newRow("listen v4") << "listen"
                                   << "0.0.0.0:80" << true;
        QTest::newRow("listen v6") << "listen"
                                   << "[::1]:8080" << true;
        QTest::newRow("listen port 0") << "listen"
                                       << "127.0.0.1:0" << false;
        QTest::newRow("url empty") << "url"
                                   << "" << true;
        QTest::newRow("url https") << "url"
                                   << "https://example.ngrok.app" << true;
        QTest::newRow("url port path") << "url"
                                       << "http://10.0.0.2:8080/sb/" << true;
        QTest::newRow("url ftp") << "url"
                                 << "ftp://example.com" << false;
        QTest::newRow("url no scheme") << "url"
                                       << "example.com" << false;
        QTest::newRow("url query") << "url"
                                   << "https://example.com/?a=1" << false;
        QTest::newRow("url fragment") << "url"
                                      << "https://example.com/#top" << false;
        QTest::newRow("url user") << "url"
                                  << "https://me:pw@example.com" << false;
        QTest::newRow("url space") << "url"
                                   << "https://exa mple.com" << false;
        QTest::newRow("db default") << "db"
                                    << "" << true;
        QTest::newRow("db file") << "db"
                                 << "/var/lib/switchboard/calls.sqlite" << true;
        QTest::newRow("db sqlite:") << "db"
                                    << "sqlite:///var/lib/switchboard/calls.sqlite" << true;
        QTest::newRow("db relative") << "db"
                                     << "calls.sqlite" << false;
        QTest::newRow("db postgres") << "db"
                                     << "postgresql://sb@localhost:5432/calls" << true;
        QTest::newRow("db no name") << "db"
                                    << "postgresql://sb@localhost" << false;
        QTest::newRow("db password") << "db"
                                     << "postgresql://sb:secret@localhost/calls" << false;
        QTest::newRow("db mysql") << "db"
                                  << "mysql://localhost/calls" << false;
    }

    void fieldChecks()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        AppSettings settings;
        QString fieldName;
        if (field == "client") {
            settings.clientName = value;
            fieldName = "Client name";
        } else if (field == "region") {
            settings.region = value;
            fieldName = "Default region";
        } else if (field == "ttl") {
            settings.tokenTtl = value.toInt();
            fieldName = "Token lifetime";
        } else if (field == "ring") {
            settings.dialTimeout = value.toInt();
            fieldName = "Ring for";
        } else if (field == "voicemail") {
            settings.voicemailMaxLength = value.toInt();
            fieldName = "Voicemail up to";
        } else if (field == "edge") {
            settings.edge = value;
            fieldName = "Edge";
        } else if (field == "codecs") {
            settings.codecPreferences = value.split(',', Qt::SkipEmptyParts);
            fieldName = "Codec preference";
        } else if (field == "listen") {
            settings.listen = *ListenAddress::parse(value);
            fieldName = "Listening address";
        } else if (field == "url") {
            settings.publicUrl = value;
            fieldName = "Public URL";
        } else {
            settings.database = value;
            fieldName = "Database";
        }
        const QStringList problems = settings.problems();
        QCOMPARE(problems.isEmpty(), valid);
        if (!valid) {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().startsWith(fieldName + ": "), qPrintable(problems.first()));
            QVERIFY2(!problems.first().contains("secret"), "a problem never quotes a password");
        }
    }

    void roundTrip()
    {
        {
            QSettings file(settingsFile(), QSettings::IniFormat);
            const auto saved = changed().save(file);
            QVERIFY2(saved, qPrintable(saved.error()));
        }
        QSettings file(settingsFile(), QSettings::IniFormat);
        QStringList problems;
        const AppSettings loaded = AppSettings::load(file, &problems);
        QCOMPARE(problems, QStringList());
        QCOMPARE(loaded.clientName, QString("front_desk"));
        QCOMPARE(loaded.region, QString("US"));
        QCOMPARE(loaded.tokenTtl, 600);
        QCOMPARE(loaded.edge, QString("tokyo"));
        QCOMPARE(loaded.codecPreferences, QStringList { "pcmu" });
        QCOMPARE(loaded.listen.toString(), QString("[::1]:9090"));
        QCOMPARE(loaded.publicUrl, QString("https://example.ngrok.app/switchboard")); // no trailing slash
        QCOMPARE(loaded.database, changed().database);
        QCOMPARE(loaded.allowedRegions, (QStringList { "US", "CA" }));
        QCOMPARE(loaded.allowedNumberTypes, changed().allowedNumberTypes);
        QCOMPARE(file.value("calls/allowedNumberTypes").toStringList(),
                 (QStringList { "premium-rate", "satellite" }));
        QCOMPARE(loaded.dialTimeout, 25);
        QCOMPARE(loaded.voicemailMaxLength, 300);
        QCOMPARE(file.value("calls/dialTimeout").toInt(), 25);
        QCOMPARE(file.value("calls/voicemailMaxLength").toInt(), 300);
        QVERIFY(loaded.transcribeVoicemail);
        QCOMPARE(file.value("calls/transcribeVoicemail").toString(), QString("true"));
        QVERIFY(loaded.callControl);
        QCOMPARE(file.value("calls/callControl").toString(), QString("true"));
    }

    // What the desktop app's own server, and `simulate` without --server, route calls with.
    void theRouterGetsTheSettings()
    {
        const AppSettings defaults;
        QCOMPARE(defaults.dialTimeout, 60);
        QCOMPARE(defaults.voicemailMaxLength, 120);
        const Routing::RoutingSettings routing = changed().routing();
        QCOMPARE(routing.defaultRegion, QString("US"));
        QCOMPARE(routing.allowedRegions, (QStringList { "US", "CA" }));
        QCOMPARE(routing.allowedNumberTypes, changed().allowedNumberTypes);
        QCOMPARE(routing.dialTimeout, 25);
        QCOMPARE(routing.voicemailMaxLength, 300);
        QVERIFY(routing.transcribeVoicemail);
        QVERIFY(!AppSettings().routing().transcribeVoicemail);
        QVERIFY(routing.callControl);
        QVERIFY(!AppSettings().routing().callControl);
    }

    // By default outgoing calls reach the default region alone, and no type refused by default.
    void tollFraudDefaults()
    {
        const AppSettings settings;
        QCOMPARE(settings.allowedRegions, QStringList());
        QCOMPARE(settings.allowedNumberTypes, QList<Phone::NumberType>());
        QCOMPARE(AppSettings::allowedRegionsProblem({ "US", "JP" }), QString());
        QVERIFY(AppSettings::allowedRegionsProblem({ "1" }).contains("calling code"));
        QVERIFY(AppSettings::allowedRegionsProblem({ "XX" }).contains("'XX'"));
        QVERIFY(AppSettings::allowedRegionsProblem({ "us" }).contains("capital"));
        AppSettings wrong;
        wrong.allowedRegions = QStringList { "81" };
        QVERIFY2(wrong.problems().join(' ').contains("Outgoing calls to: '81' is a calling code"),
                 qPrintable(wrong.problems().join(' ')));

        QSettings file(settingsFile(), QSettings::IniFormat);
        file.setValue("calls/allowedRegions", QStringList { "US", "1" });
        file.setValue("calls/allowedNumberTypes", QStringList { "mobile" });
        QStringList problems;
        const AppSettings loaded = AppSettings::load(file, &problems);
        QCOMPARE(loaded.allowedRegions, QStringList());
        QCOMPARE(loaded.allowedNumberTypes, QList<Phone::NumberType>());
        QCOMPARE(problems.size(), 2);
    }

    void aRefusedSaveWritesNothing()
    {
        {
            QSettings file(settingsFile(), QSettings::IniFormat);
            QVERIFY(changed().save(file));
        }
        const QByteArray before = bytes(settingsFile());
        QVERIFY(!before.isEmpty());
        AppSettings wrong = changed();
        wrong.clientName = "desk 2";
        wrong.tokenTtl = 5;
        wrong.dialTimeout = 601;
        wrong.voicemailMaxLength = 0;
        wrong.database = "postgresql://sb:secret@db.example/calls";
        QSettings file(settingsFile(), QSettings::IniFormat);
        const auto saved = wrong.save(file);
        QVERIFY(!saved);
        QVERIFY2(saved.error().contains("Client name") && saved.error().contains("Token lifetime")
                     && saved.error().contains("Database"),
                 qPrintable(saved.error()));
        QVERIFY2(saved.error().contains("Ring for: give from 5 to 600 seconds (Twilio's limits), not 601"),
                 qPrintable(saved.error()));
        QVERIFY2(saved.error().contains("Voicemail up to: give from 1 to 3600 seconds (an hour), not 0"),
                 qPrintable(saved.error()));
        file.sync();
        QCOMPARE(bytes(settingsFile()), before);
        QVERIFY(!before.contains("secret"));
    }

    void invalidStoredValuesFallBackToDefaults()
    {
        QSettings file(settingsFile(), QSettings::IniFormat);
        file.setValue("phone/client", "front desk");
        file.setValue("phone/region", "jp"); // lower case is read as JP
        file.setValue("phone/tokenTtl", "soon");
        file.setValue("phone/edge", "moon");
        file.setValue("phone/codecs", QStringList { "opus", "g729" });
        file.setValue("server/listen", "localhost");
        file.setValue("calls/dialTimeout", "a minute");
        file.setValue("calls/voicemailMaxLength", 14400); // Twilio's limit, over ours
        file.setValue("calls/transcribeVoicemail", "yes");
        file.setValue("calls/callControl", "on");
        QStringList problems;
        const AppSettings loaded = AppSettings::load(file, &problems);
        const AppSettings defaults;
        QCOMPARE(loaded.clientName, defaults.clientName);
        QCOMPARE(loaded.region, QString("JP"));
        QCOMPARE(loaded.tokenTtl, defaults.tokenTtl);
        QCOMPARE(loaded.edge, defaults.edge);
        QCOMPARE(loaded.codecPreferences, defaults.codecPreferences);
        QCOMPARE(loaded.listen.toString(), defaults.listen.toString());
        QCOMPARE(loaded.dialTimeout, defaults.dialTimeout);
        QCOMPARE(loaded.voicemailMaxLength, defaults.voicemailMaxLength);
        QVERIFY(!loaded.transcribeVoicemail);
        QVERIFY(!loaded.callControl);
        QCOMPARE(problems.size(), 9);
        for (const QString &field :
             QStringList { "Client name", "Token lifetime", "Edge", "Codec preference", "Listening address",
                           "Ring for", "Voicemail up to", "Transcribe voicemail", "Call control" })
            QVERIFY2(problems.join('\n').contains(field + QStringLiteral(": ")), qPrintable(field));
        QVERIFY2(
            problems.contains("Ring for: not a number of seconds (stored in calls/dialTimeout; the default "
                              "is used)"),
            qPrintable(problems.join('\n')));
        QVERIFY2(
            problems.contains("Voicemail up to: give from 1 to 3600 seconds (an hour), not 14400 (stored "
                              "in calls/voicemailMaxLength; the default is used)"),
            qPrintable(problems.join('\n')));
    }

    void theOldPortKeyIsRead()
    {
        QSettings file(settingsFile(), QSettings::IniFormat);
        file.setValue("server/port", 8181);
        QCOMPARE(AppSettings::load(file).listen.toString(), QString("127.0.0.1:8181"));
        file.setValue("server/listen", "0.0.0.0:8282"); // the newer key wins
        QCOMPARE(AppSettings::load(file).listen.toString(), QString("0.0.0.0:8282"));
        QVERIFY(AppSettings().save(file));
        QVERIFY(!file.contains("server/port"));
    }

    // The desktop app opens the database the settings name, with the password the Settings page put in
    // the secret store; a SQLite file needs none, and a URL without a stored password stays as it is.
    void putsTheStoredDatabasePasswordBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Config::SecretStore secrets = secretStoreIn(dir);
        AppSettings settings;
        settings.database = "postgresql://sb@db.example/calls";
        QCOMPARE(*settings.databaseWithPassword(secrets), settings.database);

        QVERIFY(secrets.write(AppSettings::databasePasswordKey, "p@ss"));
        const auto joined = settings.databaseWithPassword(secrets);
        QVERIFY2(joined, qPrintable(joined.error()));
        QCOMPARE(*joined, QString("postgresql://sb:p%40ss@db.example/calls"));

        settings.database = "POSTGRES://sb@db.example/calls"; // the scheme's case does not matter
        QCOMPARE(*settings.databaseWithPassword(secrets), QString("POSTGRES://sb:p%40ss@db.example/calls"));

        settings.database = dir.filePath("calls.sqlite");
        QCOMPARE(*settings.databaseWithPassword(secrets), settings.database);
    }

    // Team mode: the server from the settings, the client's secret from the secret store; the
    // SWITCHBOARD_* variables win, for scripts and tests. No team server: no team.
    void teamAccountFromSettingsAndEnvironment()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Config::SecretStore secrets = secretStoreIn(dir);
        AppSettings settings;
        settings.clientName = "carol";
        const QProcessEnvironment none;
        const auto solo = settings.teamAccount(secrets, none);
        QVERIFY(solo);
        QVERIFY(!solo->has_value());

        settings.teamServer = "https://switchboard.example.com";
        QVERIFY(secrets.write(AppSettings::teamSecretKey, "secret-carol"));
        const auto saved = settings.teamAccount(secrets, none);
        QVERIFY(saved && saved->has_value());
        QCOMPARE((*saved)->server, QUrl("https://switchboard.example.com"));
        QCOMPARE((*saved)->client, QString("carol"));
        QCOMPARE((*saved)->secret, QByteArray("secret-carol"));

        QProcessEnvironment environment;
        environment.insert("SWITCHBOARD_SERVER_URL", "http://127.0.0.1:9000");
        environment.insert("SWITCHBOARD_CLIENT", "dave");
        environment.insert("SWITCHBOARD_CLIENT_SECRET", "secret-dave");
        const auto overridden = AppSettings().teamAccount(secrets, environment);
        QVERIFY(overridden && overridden->has_value());
        QCOMPARE((*overridden)->server, QUrl("http://127.0.0.1:9000"));
        QCOMPARE((*overridden)->client, QString("dave"));
        QCOMPARE((*overridden)->secret, QByteArray("secret-dave"));
    }

    void teamServerIsChecked()
    {
        QCOMPARE(AppSettings::teamServerProblem(QString()), QString());
        QCOMPARE(AppSettings::teamServerProblem("https://switchboard.example.com/team"), QString());
        QVERIFY(AppSettings::teamServerProblem("http://switchboard.example.com").contains("https"));
        AppSettings settings;
        settings.teamServer = "switchboard.example.com";
        QVERIFY2(settings.problems().join('\n').contains("Team server"),
                 qPrintable(settings.problems().join('\n')));
        QTemporaryDir dir;
        QSettings file(dir.filePath("s.conf"), QSettings::IniFormat);
        QVERIFY(!settings.save(file)); // refused, nothing written
        QVERIFY(!file.contains("phone/teamServer"));
        file.setValue("phone/teamServer", "ftp://example.com");
        QStringList problems;
        QCOMPARE(AppSettings::load(file, &problems).teamServer, QString());
        QVERIFY2(problems.join('\n').contains("Team server"), qPrintable(problems.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "TestAppSettings.moc"
