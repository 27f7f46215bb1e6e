#include "tests/support/StoreTestDatabase.h"

#include "core/store/CallLog.h"
#include "core/store/Database.h"
#include "core/store/VoicemailStore.h"

#include <QTest>

using Store::RecordingReport;
using Store::TranscriptReport;
using Store::Voicemail;
using Store::VoicemailStore;

// The voicemail inbox's rows: what a recording callback stores, how a repeated or late callback leaves it,
// the transcript, heard and deleted, and each client's own messages. On SQLite and on PostgreSQL.
class TestVoicemailStore : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestVoicemailStore") };
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<VoicemailStore> m_voicemail;
    const QDateTime m_start = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);

    // An incoming call that rang client, as the call log has it.
    bool logCall(const QString &callSid, const QString &from, const QString &client)
    {
        Store::CallEvent event;
        event.callSid = callSid;
        event.status = "ringing";
        event.direction = "incoming";
        event.from = from;
        event.to = "+815031234567";
        event.clientName = client;
        event.timestamp = m_start;
        const auto recorded = Store::CallLog(m_database).record(event);
        if (!recorded)
            qWarning() << recorded.error();
        return recorded && *recorded;
    }

    RecordingReport report(const QString &recordingSid, const QString &callSid, int minute,
                           const QString &status = "completed") const
    {
        return { recordingSid,
                 callSid,
                 status,
                 7,
                 "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/" + recordingSid,
                 m_start.addSecs(60 * minute) };
    }

    QList<Voicemail> listFor(const QString &client)
    {
        VoicemailStore::Filter filter;
        filter.clientName = client;
        const auto list = m_voicemail->list(filter);
        if (!list)
            qWarning() << list.error();
        return list ? *list : QList<Voicemail>();
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }
    void cleanupTestCase() { m_store.tearDown(); }

    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        m_voicemail = std::make_unique<VoicemailStore>(m_database);
    }

    void cleanup()
    {
        m_voicemail.reset();
        m_database.reset();
    }

    void storesARecordingWithItsCallsParties()
    {
        QVERIFY(logCall("CA1", "+819012345678", "carol"));
        QVERIFY2(m_voicemail->record(report("RE1", "CA1", 1)), "stored");
        const auto found = m_voicemail->find("RE1");
        QVERIFY2(found, qPrintable(found.error()));
        QVERIFY(found->has_value());
        const Voicemail &voicemail = **found;
        QCOMPARE(voicemail.callSid, QString("CA1"));
        QCOMPARE(voicemail.caller, QString("+819012345678"));
        QCOMPARE(voicemail.called, QString("+815031234567"));
        QCOMPARE(voicemail.clientName, QString("carol"));
        QCOMPARE(voicemail.status, QString("completed"));
        QCOMPARE(voicemail.duration, 7);
        QVERIFY(voicemail.mediaUrl.endsWith("/Recordings/RE1"));
        QCOMPARE(voicemail.recorded, m_start.addSecs(60));
        QVERIFY(!voicemail.heard);
        QVERIFY(!voicemail.deleted);
    }

    void aRepeatedCallbackLeavesOneRow()
    {
        QVERIFY(logCall("CA1", "+819012345678", "carol"));
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY(m_voicemail->setHeard("RE1", true));
        RecordingReport again = report("RE1", "CA1", 1);
        again.duration = 8;
        QVERIFY(m_voicemail->record(again));
        const QList<Voicemail> list = listFor({});
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].duration, 8);
        QVERIFY2(list[0].heard, "a repeated callback does not make a heard message new again");
    }

    void takesTheCallsPartiesWhenTheRecordingCameFirst()
    {
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY(logCall("CA1", "+819012345678", "carol"));
        const QList<Voicemail> list = listFor("carol");
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].caller, QString("+819012345678"));
    }

    void listsEachClientsOwnNewestFirst()
    {
        QVERIFY(logCall("CA1", "+819011111111", "carol"));
        QVERIFY(logCall("CA2", "+819022222222", "dave"));
        QVERIFY(logCall("CA3", "+819033333333", "carol"));
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY(m_voicemail->record(report("RE2", "CA2", 2)));
        QVERIFY(m_voicemail->record(report("RE3", "CA3", 3)));
        const QList<Voicemail> carols = listFor("carol");
        QCOMPARE(carols.size(), 2);
        QCOMPARE(carols[0].recordingSid, QString("RE3"));
        QCOMPARE(carols[1].recordingSid, QString("RE1"));
        QCOMPARE(listFor("dave").size(), 1);
        QCOMPARE(listFor({}).size(), 3);
        QCOMPARE(*m_voicemail->unheardCount("carol"), 2);
        QVERIFY(m_voicemail->setHeard("RE3", true));
        QCOMPARE(*m_voicemail->unheardCount("carol"), 1);
        QCOMPARE(*m_voicemail->unheardCount({}), 2);
        QVERIFY(m_voicemail->setHeard("RE3", false));
        QCOMPARE(*m_voicemail->unheardCount("carol"), 2);
    }

    void leavesOutRecordingsThatHoldNoMessage()
    {
        QVERIFY(logCall("CA1", "+819011111111", "carol"));
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1, "absent")));
        QVERIFY(listFor("carol").isEmpty());
        QCOMPARE(*m_voicemail->unheardCount("carol"), 0);
        VoicemailStore::Filter everything;
        everything.includeUnplayable = true;
        QCOMPARE(m_voicemail->list(everything)->size(), 1);
    }

    void aDeletedMessageStaysDeleted()
    {
        QVERIFY(logCall("CA1", "+819011111111", "carol"));
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY(m_voicemail->markDeleted("RE1"));
        QVERIFY(listFor("carol").isEmpty());
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY2(listFor("carol").isEmpty(), "a late callback does not bring it back");
        const auto found = m_voicemail->find("RE1");
        QVERIFY((*found)->deleted);
        QVERIFY2(!m_voicemail->setHeard("RE1", true), "a deleted message cannot be marked");
        QVERIFY2(m_voicemail->markDeleted("RE1"), "deleting twice is done twice");
    }

    void refusesToChangeAMessageItDoesNotHave()
    {
        const auto heard = m_voicemail->setHeard("RE9", true);
        QVERIFY(!heard);
        QCOMPARE(heard.error(), QString("there is no voicemail RE9"));
        QVERIFY(!m_voicemail->markDeleted("RE9"));
        QVERIFY(!m_voicemail->find("RE9")->has_value());
    }

    void keepsTheTranscriptWhicheverCallbackComesFirst()
    {
        QVERIFY(logCall("CA1", "+819011111111", "carol"));
        QVERIFY(logCall("CA2", "+819022222222", "carol"));
        // The recording first, then its transcript.
        QVERIFY(m_voicemail->record(report("RE1", "CA1", 1)));
        QVERIFY(m_voicemail->transcribe({ "RE1", "CA1", {}, "Call me back, please.", "completed" }));
        // The transcript first.
        QVERIFY(m_voicemail->transcribe({ "RE2", "CA2", {}, "It's Bob.", "completed" }));
        QVERIFY(m_voicemail->record(report("RE2", "CA2", 2)));
        const QList<Voicemail> list = listFor("carol");
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].transcript, QString("It's Bob."));
        QCOMPARE(list[0].duration, 7);
        QCOMPARE(list[0].recorded, m_start.addSecs(120));
        QCOMPARE(list[1].transcript, QString("Call me back, please."));
        QCOMPARE(list[1].transcriptStatus, QString("completed"));
    }
};

QTEST_GUILESS_MAIN(TestVoicemailStore)
#include "TestVoicemailStore.moc"
