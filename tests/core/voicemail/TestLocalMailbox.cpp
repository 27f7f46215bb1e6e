// The desktop's own mailbox: the client's messages from the store, their audio and their deletion through
// the REST client (here against a scripted server standing for Twilio), and what happens when Twilio
// refuses, cannot be asked, or no longer holds a recording.

#include "core/config/TwilioAccount.h"
#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/VoicemailStore.h"
#include "core/voicemail/LocalMailbox.h"
#include "tests/support/AnswerOf.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QTemporaryDir>
#include <QTest>

using Voicemail::LocalMailbox;
using Voicemail::Mailbox;

namespace {

const QString accountSid = QStringLiteral("AC") + QString(32, u'a');

QString sid(char digit)
{
    return QStringLiteral("RE") + QString(32, QLatin1Char(digit));
}

} // namespace

class TestLocalMailbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    ScriptedHttpServer m_twilio;
    // What the desktop would answer for each message: set by each test.
    std::function<Result<std::optional<Rest::ApiAccess>>(const Store::Voicemail &)> m_access;

    std::unique_ptr<LocalMailbox> mailbox(const QString &client)
    {
        return std::make_unique<LocalMailbox>(
            m_database, client, [this](const Store::Voicemail &message) { return m_access(message); });
    }

    Rest::ApiAccess twilio() const
    {
        Config::TwilioAccount account;
        account.accountSid = accountSid;
        account.authToken = "auth-token";
        return *Rest::ApiAccess::forAccount(account, QUrl(m_twilio.baseUrl()));
    }

    void leaveMessage(const QString &recordingSid, const QString &callSid, const QString &client)
    {
        Store::CallEvent event;
        event.callSid = callSid;
        event.status = "no-answer";
        event.direction = "incoming";
        event.from = "+819012345678";
        event.to = "+815031234567";
        event.clientName = client;
        event.timestamp = QDateTime::currentDateTimeUtc();
        QVERIFY(Store::CallLog(m_database).record(event));
        QVERIFY(Store::VoicemailStore(m_database)
                    .record({ recordingSid, callSid, "completed", 5,
                              "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Recordings/"
                                  + recordingSid,
                              QDateTime::currentDateTimeUtc() }));
    }

    template<typename Answer, typename Ask> static std::optional<Answer> answer(Ask ask)
    {
        return answerOf<Answer>(ask);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("mailbox.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        leaveMessage(sid('1'), "CA" + QString(32, u'1'), "carol");
        leaveMessage(sid('2'), "CA" + QString(32, u'2'), "carol");
        leaveMessage(sid('3'), "CA" + QString(32, u'3'), "dave");
    }

    void init()
    {
        m_twilio.script.clear();
        m_twilio.requests.clear();
        m_access = [this](const Store::Voicemail &) { return std::optional(twilio()); };
    }

    void listsTheClientsOwnMessages()
    {
        const auto carol = mailbox("carol");
        const auto inbox
            = answer<Result<Mailbox::Contents>>([&carol](auto done) { carol->fetchInbox(10, done); });
        QVERIFY(inbox && *inbox);
        QCOMPARE((*inbox)->messages.size(), 2);
        QCOMPARE((*inbox)->unheard, 2);
        for (const Store::Voicemail &message : (*inbox)->messages)
            QCOMPARE(message.clientName, QString("carol"));
        // Dave's message is none of carol's business: as if it did not exist.
        const auto marked
            = answer<Result<void>>([&carol](auto done) { carol->setHeard(sid('3'), true, done); });
        QVERIFY(marked && !*marked);
        QVERIFY2(marked->error().contains("no such message"), qPrintable(marked->error()));
        QVERIFY(!Store::VoicemailStore(m_database).find(sid('3'))->value().heard);
        QVERIFY(m_twilio.requests.isEmpty());
    }

    void fetchesTheAudioFromTwilio()
    {
        m_twilio.script
            = { ScriptedReply { 200, "RIFF-audio", { { "Content-Type", "audio/x-wav" } }, false } };
        const auto carol = mailbox("carol");
        const auto audio
            = answer<Result<QByteArray>>([&carol](auto done) { carol->fetchAudio(sid('1'), done); });
        QVERIFY(audio && *audio);
        QCOMPARE(**audio, QByteArray("RIFF-audio"));
        QCOMPARE(m_twilio.requests.size(), 1);
        QCOMPARE(m_twilio.requests[0].method, QByteArray("GET"));
        QCOMPARE(m_twilio.requests[0].target,
                 ("/2010-04-01/Accounts/" + accountSid + "/Recordings/" + sid('1') + ".wav").toUtf8());
        QVERIFY(m_twilio.requests[0].headers.value("authorization").startsWith("Basic "));
    }

    void aRefusedDeletionDeletesNothing()
    {
        m_twilio.script = { ScriptedReply::json(
            403, R"({"code": 20003, "message": "Permission denied", "status": 403})") };
        const auto carol = mailbox("carol");
        const auto removed = answer<Result<void>>([&carol](auto done) { carol->remove(sid('1'), done); });
        QVERIFY(removed && !*removed);
        QVERIFY2(removed->error().startsWith("Nothing was deleted: "), qPrintable(removed->error()));
        QVERIFY2(removed->error().contains("Permission denied"), qPrintable(removed->error()));
        QVERIFY(!Store::VoicemailStore(m_database).find(sid('1'))->value().deleted);

        // Without a way to Twilio, nothing is asked and nothing deleted.
        m_access = [](const Store::Voicemail &) -> Result<std::optional<Rest::ApiAccess>> {
            return Failure(QStringLiteral("TWILIO_AUTH_TOKEN is not set"));
        };
        const auto unreachable = answer<Result<void>>([&carol](auto done) { carol->remove(sid('1'), done); });
        QVERIFY(unreachable && !*unreachable);
        QVERIFY2(unreachable->error().contains("TWILIO_AUTH_TOKEN is not set"),
                 qPrintable(unreachable->error()));
        QCOMPARE(m_twilio.requests.size(), 1);
        QVERIFY(!Store::VoicemailStore(m_database).find(sid('1'))->value().deleted);
    }

    void aRecordingGoneAtTwilioIsDeletedHereToo()
    {
        m_twilio.script = { ScriptedReply::json(
            404, R"({"code": 20404, "message": "The requested resource was not found", "status": 404})") };
        const auto carol = mailbox("carol");
        const auto audio
            = answer<Result<QByteArray>>([&carol](auto done) { carol->fetchAudio(sid('2'), done); });
        QVERIFY(audio && !*audio);
        QVERIFY2(audio->error().contains("deleted elsewhere"), qPrintable(audio->error()));

        m_twilio.script = { ScriptedReply::json(404, R"({"code": 20404, "status": 404})") };
        const auto removed = answer<Result<void>>([&carol](auto done) { carol->remove(sid('2'), done); });
        QVERIFY(removed && *removed);
        QCOMPARE(m_twilio.requests.constLast().method, QByteArray("DELETE"));
        QVERIFY(Store::VoicemailStore(m_database).find(sid('2'))->value().deleted);
    }

    // A simulated recording of an earlier run: no API holds it; it cannot play, and deleting it asks no one.
    void aRecordingNoApiHoldsIsOnlyTheRow()
    {
        m_access = [](const Store::Voicemail &) { return std::optional<Rest::ApiAccess>(); };
        const auto carol = mailbox("carol");
        const auto audio
            = answer<Result<QByteArray>>([&carol](auto done) { carol->fetchAudio(sid('1'), done); });
        QVERIFY(audio && !*audio);
        QVERIFY2(audio->error().startsWith("There is nothing to play"), qPrintable(audio->error()));
        const auto removed = answer<Result<void>>([&carol](auto done) { carol->remove(sid('1'), done); });
        QVERIFY(removed && *removed);
        QVERIFY(m_twilio.requests.isEmpty());
        QVERIFY(Store::VoicemailStore(m_database).find(sid('1'))->value().deleted);
    }
};

QTEST_GUILESS_MAIN(TestLocalMailbox)
#include "TestLocalMailbox.moc"
