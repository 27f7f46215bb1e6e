#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/VoicemailStore.h"
#include "tests/support/RawHttpClient.h"
#include "tests/support/TestWebhookRequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char publicUrl[] = "https://switchboard.example.com";
const QByteArray authToken = "recording-test-token";
const char recordingSid[] = "RE0123456789abcdef0123456789abcdef";
const char callSid[] = "CA0123456789abcdef0123456789abcdef";

using Parameters = QList<QPair<QString, QString>>;

Parameters completedRecording()
{
    return { { "AccountSid", "AC" + QString(32, u'a') },
             { "CallSid", callSid },
             { "RecordingSid", recordingSid },
             { "RecordingUrl",
               QString("https://api.twilio.com/2010-04-01/Accounts/AC%1/Recordings/%2")
                   .arg(QString(32, u'a'), recordingSid) },
             { "RecordingStatus", "completed" },
             { "RecordingDuration", "7" },
             { "RecordingChannels", "1" },
             { "RecordingSource", "RecordVerb" },
             { "RecordingStartTime", "Tue, 01 Dec 2026 09:01:00 +0000" },
             { "ErrorCode", "0" } };
}

Parameters with(Parameters parameters, const QString &name, const QString &value)
{
    for (auto &[key, current] : parameters)
        if (key == name)
            current = value;
    return parameters;
}

} // namespace

// POST /voice/recording and /voice/transcription through a real server: a message is in the inbox, with its
// call's parties, before Twilio hears 204; a repeated callback changes nothing; bad or unsigned ones store
// nothing and say why.
class TestRecordingWebhooks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    quint16 m_port = 0;

    QByteArray post(const QString &path, const Parameters &parameters)
    {
        RawClient client(m_port);
        client.send(testSignedWebhook(authToken, publicUrl, path, parameters));
        return client.nextResponse();
    }

    QList<Store::Voicemail> inbox()
    {
        Store::VoicemailStore::Filter everything;
        everything.includeDeleted = true;
        everything.includeUnplayable = true;
        const auto list = Store::VoicemailStore(m_database).list(everything);
        return list ? *list : QList<Store::Voicemail>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("voicemail.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = publicUrl;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = authToken;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_port = *port;
        // The call that went unanswered, as the incoming webhook logged it.
        Store::CallEvent ringing;
        ringing.callSid = callSid;
        ringing.status = "ringing";
        ringing.direction = "incoming";
        ringing.from = "+819012345678";
        ringing.to = "+815031234567";
        ringing.clientName = "carol";
        ringing.timestamp = QDateTime::currentDateTimeUtc();
        QVERIFY(Store::CallLog(m_database).record(ringing));
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_database.reset();
    }

    void init()
    {
        QSqlDatabase connection = m_database->connection();
        QSqlQuery(connection).exec("DELETE FROM voicemails");
    }

    void storesTheMessageBeforeAnswering()
    {
        QSignalSpy told(m_server.get(), &Server::WebhookServer::voicemailWritten);
        const QByteArray response = post(Routing::WebhookPaths::recording(), completedRecording());
        QCOMPARE(statusOf(response), 204);
        // The phone on this desktop hears of it (in its own thread), and reads it.
        QVERIFY(!told.isEmpty() || told.wait(10000));
        // Answered means stored: read at once, by another connection.
        const QList<Store::Voicemail> stored = inbox();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].recordingSid, QString(recordingSid));
        QCOMPARE(stored[0].caller, QString("+819012345678"));
        QCOMPARE(stored[0].clientName, QString("carol"));
        QCOMPARE(stored[0].duration, 7);
        QCOMPARE(stored[0].recorded, QDateTime(QDate(2026, 12, 1), QTime(9, 1), Qt::UTC));
        QVERIFY(stored[0].mediaUrl.endsWith(QString("/Recordings/") + recordingSid));

        QCOMPARE(statusOf(post(Routing::WebhookPaths::recording(), completedRecording())), 204);
        QCOMPARE(inbox().size(), 1); // Twilio retried
    }

    void keepsAnAbsentRecordingOutOfTheInbox()
    {
        QCOMPARE(statusOf(post(Routing::WebhookPaths::recording(),
                               with(with(completedRecording(), "RecordingStatus", "absent"),
                                    "RecordingDuration", "0"))),
                 204);
        QCOMPARE(inbox().size(), 1);
        QCOMPARE(inbox()[0].status, QString("absent"));
        QVERIFY(Store::VoicemailStore(m_database).list({})->isEmpty());
    }

    void storesNothingForAnInProgressReport()
    {
        QCOMPARE(statusOf(post(Routing::WebhookPaths::recording(),
                               with(completedRecording(), "RecordingStatus", "in-progress"))),
                 204);
        QVERIFY(inbox().isEmpty());
    }

    void refusesWhatIsNotARecordingReport_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("short sid") << "RecordingSid"
                                   << "RE123"
                                   << "RecordingSid must be RE followed by 32";
        QTest::newRow("path in sid") << "RecordingSid"
                                     << "RE0123456789abcdef0123456789abcd/."
                                     << "RecordingSid must be RE";
        QTest::newRow("no call") << "CallSid"
                                 << ""
                                 << "CallSid must be CA";
        QTest::newRow("status") << "RecordingStatus"
                                << "done"
                                << "RecordingStatus must be";
        QTest::newRow("duration") << "RecordingDuration"
                                  << "-3"
                                  << "RecordingDuration must be";
        QTest::newRow("words") << "RecordingDuration"
                               << "seven"
                               << "RecordingDuration must be";
    }
    void refusesWhatIsNotARecordingReport()
    {
        QSignalSpy told(m_server.get(), &Server::WebhookServer::voicemailWritten);
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, error);
        const QByteArray response
            = post(Routing::WebhookPaths::recording(), with(completedRecording(), name, value));
        QCOMPARE(statusOf(response), 400);
        const QString message = QJsonDocument::fromJson(bodyOf(response)).object().value("error").toString();
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(inbox().isEmpty());
        QCoreApplication::processEvents(); // a voicemailWritten on its way would be here now
        QCOMPARE(told.size(), 0);
    }

    void refusesAnUnsignedReport()
    {
        RawClient client(m_port);
        const QByteArray body = testFormBody(completedRecording());
        client.send("POST /voice/recording HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    "application/x-www-form-urlencoded\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(statusOf(client.nextResponse()), 403);
        QVERIFY(inbox().isEmpty());
    }

    void addsTheTranscript()
    {
        QCOMPARE(statusOf(post(Routing::WebhookPaths::recording(), completedRecording())), 204);
        const Parameters transcript { { "AccountSid", "AC" + QString(32, u'a') },
                                      { "CallSid", callSid },
                                      { "RecordingSid", recordingSid },
                                      { "TranscriptionSid", "TR0123456789abcdef0123456789abcdef" },
                                      { "TranscriptionText", "Hello, it's Bob. Call me back." },
                                      { "TranscriptionStatus", "completed" },
                                      { "TranscriptionType", "fast" } };
        QCOMPARE(statusOf(post(Routing::WebhookPaths::transcription(), transcript)), 204);
        QCOMPARE(inbox().size(), 1);
        QCOMPARE(inbox()[0].transcript, QString("Hello, it's Bob. Call me back."));
        QCOMPARE(inbox()[0].duration, 7);
        QCOMPARE(statusOf(post(Routing::WebhookPaths::transcription(),
                               with(transcript, "TranscriptionStatus", "maybe"))),
                 400);
    }
};

QTEST_GUILESS_MAIN(TestRecordingWebhooks)
#include "TestRecordingWebhooks.moc"
