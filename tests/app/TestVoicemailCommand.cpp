#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/VoicemailStore.h"
#include "tests/app/SwitchboardRun.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char accountSid[] = "AC0123456789abcdef0123456789abcdef";
const char apiKeySid[] = "SK0123456789abcdef0123456789abcdef";
const char recordingSid[] = "RE0123456789abcdef0123456789abcdef";

} // namespace

// `voicemail list|play|delete` as a user runs them, with either binary (TestVoicemailCommand_server runs
// switchboard-server). Twilio's API is played by this test (play: the audio) or by Prism serving Twilio's
// own description of it (delete), so that the request the command sends is one Twilio accepts.
class TestVoicemailCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_databasePath;
    std::shared_ptr<Store::Database> m_database;

    QProcessEnvironment environment(const QString &apiUrl = QString()) const
    {
        QProcessEnvironment env;
        env.insert("PATH", qEnvironmentVariable("PATH"));
        env.insert("HOME", m_home.path());
        env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus");
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("TWILIO_ACCOUNT_SID", accountSid);
        env.insert("TWILIO_AUTH_TOKEN", "auth-token");
        env.insert("TWILIO_API_KEY", apiKeySid);
        env.insert("TWILIO_API_SECRET", "key-secret");
        if (!apiUrl.isEmpty())
            env.insert("SWITCHBOARD_TWILIO_API_URL", apiUrl);
        return env;
    }

    SwitchboardRun run(const QStringList &arguments, const QString &apiUrl = QString())
    {
        return SwitchboardRun::start(QStringList { "--database", m_databasePath } + arguments,
                                     environment(apiUrl), {}, true);
    }

    static QString prismUrl()
    {
        QFile file(qEnvironmentVariable("SWITCHBOARD_TEST_PRISM_URL_FILE"));
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).trimmed() : QString();
    }

    std::optional<Store::Voicemail> stored() const
    {
        const auto found = Store::VoicemailStore(m_database).find(recordingSid);
        return found ? *found : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_databasePath = m_home.filePath("voicemail.sqlite");
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_databasePath));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
    }

    void init()
    {
        QSqlQuery(m_database->connection()).exec("DELETE FROM voicemails");
        Store::CallEvent ringing;
        ringing.callSid = "CA0123456789abcdef0123456789abcdef";
        ringing.status = "ringing";
        ringing.direction = "incoming";
        ringing.from = "+819012345678";
        ringing.to = "+815031234567";
        ringing.clientName = "carol";
        ringing.timestamp = QDateTime::currentDateTimeUtc();
        QVERIFY(Store::CallLog(m_database).record(ringing));
        Store::RecordingReport report { recordingSid,
                                        ringing.callSid,
                                        "completed",
                                        7,
                                        "https://api.twilio.com/r",
                                        QDateTime(QDate(2026, 12, 1), QTime(9, 1), Qt::UTC) };
        QVERIFY(Store::VoicemailStore(m_database).record(report));
        QVERIFY(Store::VoicemailStore(m_database)
                    .transcribe({ recordingSid, ringing.callSid, {}, "Call me back.", "completed" }));
    }

    void cleanupTestCase() { m_database.reset(); }

    void listsTheMessages()
    {
        const SwitchboardRun listed = run({ "voicemail", "list" });
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(listed.out,
                 QByteArray("2026-12-01T09:01:00Z  RE0123456789abcdef0123456789abcdef  +819012345678  "
                            "carol  7 s  new\n    \"Call me back.\"\n"));
        const SwitchboardRun dave = run({ "voicemail", "list", "--client", "dave" });
        QCOMPARE(dave.exitCode, 0);
        QVERIFY(dave.out.isEmpty());
        QVERIFY2(dave.err.contains("no messages"), dave.err.constData());
    }

    void refusesWhatItCannotDo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        QTest::newRow("no action") << QStringList { "voicemail" } << 2 << "Actions:";
        QTest::newRow("unknown action") << QStringList { "voicemail", "erase" } << 2 << "unknown action";
        QTest::newRow("bad limit") << QStringList { "voicemail", "list", "--limit", "0" } << 2
                                   << "--limit must be";
        QTest::newRow("bad client") << QStringList { "voicemail", "list", "--client", "a b" } << 2
                                    << "invalid --client";
        QTest::newRow("no output") << QStringList { "voicemail", "play", recordingSid } << 2
                                   << "--output FILE is required";
        QTest::newRow("bad format") << QStringList { "voicemail", "play",     recordingSid, "--output",
                                                     "-",         "--format", "ogg" }
                                    << 2 << "--format must be wav or mp3";
        QTest::newRow("bad sid") << QStringList { "voicemail", "delete", "RE12" } << 2
                                 << "RecordingSid must be RE followed by 32 hexadecimal digits";
        QTest::newRow("unknown message")
            << QStringList { "voicemail", "delete", "RE0123456789abcdef0123456789abcde0" } << 1
            << "there is no voicemail RE0123456789abcdef0123456789abcde0";
    }
    void refusesWhatItCannotDo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        const SwitchboardRun refused = run(arguments);
        QCOMPARE(refused.exitCode, exitCode);
        QVERIFY2(refused.err.contains(error.toUtf8()), refused.err.constData());
        QVERIFY(stored().has_value() && !stored()->deleted);
    }

    void savesTheAudioForItsUserAlone()
    {
        ScriptedHttpServer twilio;
        const QByteArray wave = "RIFF\x24\0\0\0WAVEfmt " + QByteArray(24, '\1');
        twilio.script << ScriptedReply { 200, wave, { { "Content-Type", "audio/x-wav" } }, false };
        const QString output = m_home.filePath("message.wav");
        const SwitchboardRun played
            = run({ "voicemail", "play", recordingSid, "--output", output }, twilio.baseUrl());
        QCOMPARE(played.exitCode, 0);
        QCOMPARE(twilio.requests.size(), 1);
        QCOMPARE(twilio.requests[0].target,
                 QByteArray("/2010-04-01/Accounts/") + accountSid + "/Recordings/" + recordingSid + ".wav");
        QCOMPARE(twilio.requests[0].headers.value("authorization"),
                 "Basic " + (QByteArray(apiKeySid) + ":key-secret").toBase64());
        QFile saved(output);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), wave);
        QCOMPARE(saved.permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                        | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QVERIFY2(stored()->heard, "played means heard");

        // To standard output, as mp3.
        twilio.script << ScriptedReply { 200, "ID3mp3", { { "Content-Type", "audio/mpeg" } }, false };
        const SwitchboardRun piped = run(
            { "voicemail", "play", recordingSid, "--output", "-", "--format", "mp3" }, twilio.baseUrl());
        QCOMPARE(piped.exitCode, 0);
        QCOMPARE(piped.out, QByteArray("ID3mp3"));
        QVERIFY(twilio.requests[1].target.endsWith(".mp3"));
    }

    void saysWhyTwilioRefusedTheAudio()
    {
        ScriptedHttpServer twilio;
        twilio.script << ScriptedReply::json(
            404, R"({"code": 20404, "message": "The requested resource was not found", "status": 404})");
        const SwitchboardRun played = run(
            { "voicemail", "play", recordingSid, "--output", m_home.filePath("gone.wav") }, twilio.baseUrl());
        QCOMPARE(played.exitCode, 1);
        QVERIFY2(played.err.contains("Twilio refused to fetch the audio of voicemail "
                                     + QByteArray(recordingSid)
                                     + ": The requested resource was not found (HTTP 404, error 20404)."),
                 played.err.constData());
        QVERIFY(!QFile::exists(m_home.filePath("gone.wav")));
        QVERIFY(!stored()->heard);
    }

    void deletesAtTwilioThenHere()
    {
        const QString prism = prismUrl();
        QVERIFY2(!prism.isEmpty(), "run this test through ctest, whose prism fixture starts Prism");
        const SwitchboardRun deleted = run({ "voicemail", "delete", recordingSid }, prism);
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY2(deleted.err.contains("deleted at Twilio and here"), deleted.err.constData());
        QVERIFY(stored()->deleted);
        QVERIFY(run({ "voicemail", "list" }).out.isEmpty());
        QVERIFY(run({ "voicemail", "list", "--all" }).out.contains("7 s  deleted"));
    }

    void keepsTheMessageWhenTwilioRefusesToDelete()
    {
        ScriptedHttpServer twilio;
        twilio.script << ScriptedReply::json(401,
                                             R"({"code": 20003, "message": "Authenticate", "status": 401})");
        const SwitchboardRun refused = run({ "voicemail", "delete", recordingSid }, twilio.baseUrl());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("Authenticate (HTTP 401, error 20003). Check the account SID"),
                 refused.err.constData());
        QVERIFY2(refused.err.contains("Nothing was deleted."), refused.err.constData());
        QVERIFY(!stored()->deleted);
        QCOMPARE(twilio.requests[0].method, QByteArray("DELETE"));
    }

    void deletesHereWhatTwilioNoLongerHas()
    {
        ScriptedHttpServer twilio;
        twilio.script << ScriptedReply::json(404,
                                             R"({"code": 20404, "message": "Not found", "status": 404})");
        const SwitchboardRun deleted = run({ "voicemail", "delete", recordingSid }, twilio.baseUrl());
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY2(deleted.err.contains("gone at Twilio already"), deleted.err.constData());
        QVERIFY(stored()->deleted);
    }
};

QTEST_GUILESS_MAIN(TestVoicemailCommand)
#include "TestVoicemailCommand.moc"
