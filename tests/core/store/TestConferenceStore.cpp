#include "tests/support/StoreTestDatabase.h"

#include "core/store/CallStory.h"
#include "core/store/ConferenceStore.h"

#include <QTest>

using Store::ConferenceStore;
using Store::RoomParty;

// Call control's rows: the parties of a call's conference (added, filled in by callbacks that may repeat
// or cross, a label claimed once, who holds whom) and the call's story. On SQLite and on PostgreSQL.
class TestConferenceStore : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestConferenceStore") };
    std::shared_ptr<Store::Database> m_database;

    static RoomParty party(const QString &label, const QString &state, const QString &callSid = QString())
    {
        RoomParty made;
        made.room = "CA" + QString(32, u'1');
        made.label = label;
        made.state = state;
        made.callSid = callSid;
        return made;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }
    void cleanupTestCase() { m_store.tearDown(); }
    void init() { m_store.openFreshInto(m_database); }

    void partiesAreFilledInByWhatArrivesLater()
    {
        ConferenceStore store(m_database);
        RoomParty callee = party("callee", "calling");
        callee.clientName = "alice";
        callee.address = "client:alice";
        QVERIFY(store.addParty(callee));
        // The REST answer names the leg; a callback said nothing of its state: the state stays.
        QVERIFY(store.addParty(party("callee", QString(), "CA" + QString(32, u'2'))));
        QVERIFY(store.setConferenceSid(callee.room, "CF" + QString(32, u'3')));
        const auto found = store.partyOfCall("CA" + QString(32, u'2'));
        QVERIFY(found && *found);
        QCOMPARE((*found)->clientName, QString("alice"));
        QCOMPARE((*found)->state, QString("calling"));
        QCOMPARE((*found)->conferenceSid, "CF" + QString(32, u'3'));
        // A party added later takes the room's conference SID.
        QVERIFY(store.addParty(party("caller", "joined")));
        QCOMPARE((*store.party(callee.room, "caller"))->conferenceSid, "CF" + QString(32, u'3'));
        QCOMPARE(store.parties(callee.room)->size(), 2);
    }

    void aLabelIsClaimedOnce()
    {
        ConferenceStore store(m_database);
        const auto first = store.claimParty(party("added-1", "calling"));
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY(*first);
        const auto second = store.claimParty(party("added-1", "calling"));
        QVERIFY2(second, qPrintable(second.error()));
        QVERIFY(!*second);
        QCOMPARE(store.parties(party("x", "").room)->size(), 1);
    }

    void whoHoldsIsKeptUntilTheHoldEnds()
    {
        ConferenceStore store(m_database);
        const QString room = party("x", "").room;
        QVERIFY(store.addParty(party("caller", "joined")));
        QVERIFY(store.setHold(room, "caller", true, "callee"));
        QCOMPARE((*store.party(room, "caller"))->heldBy, QString("callee"));
        // The conference's own callback says held, not by whom: the holder stays.
        QVERIFY(store.setHold(room, "caller", true));
        QVERIFY((*store.party(room, "caller"))->onHold);
        QCOMPARE((*store.party(room, "caller"))->heldBy, QString("callee"));
        QVERIFY(store.setHold(room, "caller", false));
        QVERIFY(!(*store.party(room, "caller"))->onHold);
        QVERIFY((*store.party(room, "caller"))->heldBy.isEmpty());
        QVERIFY(!store.setHold(room, "nobody", true, "callee")); // no such party: said, not ignored
    }

    void aCallsStoryIsToldInOrder()
    {
        Store::CallStory story(m_database);
        const QString room = party("x", "").room;
        Store::StoryEvent held;
        held.event = Store::StoryEvent::held();
        held.party = "caller";
        held.address = "+819059876543";
        held.actor = "client:alice";
        QVERIFY(story.note(room, held));
        Store::StoryEvent transfer;
        transfer.event = Store::StoryEvent::transfer();
        transfer.party = "transfer-1";
        transfer.address = "client:bob";
        transfer.actor = "client:alice";
        transfer.detail = "blind";
        QVERIFY(story.note(room, transfer));
        QVERIFY(story.note("CA" + QString(32, u'9'), held)); // another call's
        const auto told = story.of(room);
        QVERIFY2(told, qPrintable(told.error()));
        QCOMPARE(told->size(), 2);
        QCOMPARE(told->at(0).sentence(), QString("client:alice put +819059876543 on hold"));
        QCOMPARE(told->at(1).sentence(), QString("client:alice transferred the call to client:bob"));
        QVERIFY(told->at(0).at.isValid() && told->at(0).at.timeSpec() == Qt::UTC);
    }
};

QTEST_GUILESS_MAIN(TestConferenceStore)
#include "TestConferenceStore.moc"
