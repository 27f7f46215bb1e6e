#include "core/server/WebhookServer.h"
#include "core/simulator/RecordingVault.h"
#include "core/store/CallLog.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/VoicemailStore.h"
#include "core/team/VoicemailClient.h"
#include "tests/support/AnswerOf.h"

#include <QTemporaryDir>
#include <QTest>

using Team::ServerAccount;
using Team::VoicemailClient;

// The phone's side of the team server's voicemail routes, against a real server whose Twilio is simulated:
// the inbox, the audio, heard, delete, and what a refusal says.
class TestVoicemailClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::shared_ptr<Simulator::RecordingVault> m_recordings;
    std::unique_ptr<Server::WebhookServer> m_server;
    QString m_message;

    ServerAccount account(const QByteArray &secret = "secret-carol") const
    {
        return ServerAccount { m_server->localUrl(), "carol", secret };
    }

    std::optional<Result<VoicemailClient::Inbox>> inboxOf(VoicemailClient &client)
    {
        return answerOf<Result<VoicemailClient::Inbox>>(
            [&](auto done) { client.fetchInbox(50, std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("team.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("carol", "secret-carol"));
        m_recordings = std::make_shared<Simulator::RecordingVault>();
        Store::CallEvent ringing;
        ringing.callSid = "CA" + QString(32, u'1');
        ringing.status = "ringing";
        ringing.direction = "incoming";
        ringing.from = "+819012345678";
        ringing.to = "+815031234567";
        ringing.clientName = "carol";
        ringing.timestamp = QDateTime::currentDateTimeUtc();
        QVERIFY(Store::CallLog(m_database).record(ringing));
        m_message = m_recordings->add(ringing.callSid, 3);
        QVERIFY(Store::VoicemailStore(m_database)
                    .record({ m_message, ringing.callSid, "completed", 3, "https://api.twilio.com/r",
                              QDateTime::currentDateTimeUtc() }));

        Server::ServerSettings settings;
        settings.port = 0;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = "team-auth-token";
        settings.simulatedRecordings = m_recordings;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_database.reset();
    }

    void readsPlaysMarksAndDeletes()
    {
        VoicemailClient client(account());
        const auto inbox = inboxOf(client);
        QVERIFY(inbox);
        QVERIFY2(*inbox, qPrintable(inbox->error()));
        QCOMPARE((*inbox)->unheard, 1);
        QCOMPARE((*inbox)->messages.size(), 1);
        QCOMPARE((*inbox)->messages[0].recordingSid, m_message);
        QCOMPARE((*inbox)->messages[0].caller, QString("+819012345678"));
        QCOMPARE((*inbox)->messages[0].duration, 3);

        const auto audio
            = answerOf<Result<QByteArray>>([&](auto done) { client.fetchAudio(m_message, std::move(done)); });
        QVERIFY(audio);
        QVERIFY2(*audio, qPrintable(audio->error()));
        QCOMPARE(**audio, Simulator::RecordingVault::toneWav(3));

        const auto heard
            = answerOf<Result<void>>([&](auto done) { client.setHeard(m_message, true, std::move(done)); });
        QVERIFY(heard);
        QVERIFY2(*heard, qPrintable(heard->error()));
        QCOMPARE((*inboxOf(client))->unheard, 0);

        const auto removed
            = answerOf<Result<void>>([&](auto done) { client.remove(m_message, std::move(done)); });
        QVERIFY(removed);
        QVERIFY2(*removed, qPrintable(removed->error()));
        QVERIFY((*inboxOf(client))->messages.isEmpty());
        QVERIFY(!m_recordings->find(m_message));

        const auto again
            = answerOf<Result<void>>([&](auto done) { client.remove(m_message, std::move(done)); });
        QVERIFY(again);
        QVERIFY(!*again);
        QVERIFY2(again->error().contains("refused to delete the message: no such voicemail"),
                 qPrintable(again->error()));
    }

    void saysWhyTheServerRefused()
    {
        VoicemailClient client(account("wrong-secret"));
        const auto inbox = inboxOf(client);
        QVERIFY(inbox);
        QVERIFY(!*inbox);
        QVERIFY2(inbox->error().contains("refused client carol"), qPrintable(inbox->error()));
        VoicemailClient incomplete(ServerAccount { QUrl("http://example.com"), "carol", "secret-carol" });
        const auto refused = inboxOf(incomplete);
        QVERIFY(refused && !*refused);
        QVERIFY2(refused->error().contains("must use https"), qPrintable(refused->error()));
    }

    void canGoWithRequestsUnderWay()
    {
        bool called = false;
        {
            VoicemailClient client(account());
            client.fetchInbox(50, [&called](const Result<VoicemailClient::Inbox> &) { called = true; });
            client.setHeard(m_message, true, [&called](const Result<void> &) { called = true; });
            client.remove(m_message, [&called](const Result<void> &) { called = true; });
        }
        QTest::qWait(200);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestVoicemailClient)
#include "TestVoicemailClient.moc"
