// Transfers and three-way calls end to end in one process (ControlledCalls): the phone on a call asks the
// server, the server asks the simulated Twilio's REST API, and the conference's callbacks tell the server
// how it went. Blind and talk-first transfers, a colleague who does not answer, adding a party and merging,
// and what a client may not do.

#include "ControlledCalls.h"

using namespace ControlledCalls;

class TestCallTransfer : public QObject, public Fixture
{
    Q_OBJECT

    // Waits for the phone's next ring after the count given, and returns it.
    SimulatedCall *nextRing(int before)
    {
        if (!QTest::qWaitFor([&] { return m_device.rings.size() > before && m_device.rings.at(before); },
                             10000))
            return nullptr;
        return m_device.rings.at(before);
    }

    QStringList storyOf(const QString &room)
    {
        QStringList lines;
        if (const auto story = Store::CallStory(m_database).of(room))
            for (const Store::StoryEvent &event : *story)
                lines << event.sentence();
        return lines;
    }

    Answer actAsSeed(SimulatedCall *phone, const QString &action, const QByteArray &form = QByteArray())
    {
        return act(phone->callSid(), action, seedClient.toUtf8(), "secret-0001", form);
    }

private Q_SLOTS:
    void cleanup() { stop(); }

    void aBlindTransferLeavesAtOnceAndPutsTheCallerThroughOnAnswer()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        const QString room = caller->callSid();
        Simulator::ConferenceRoom *conference = caller->room();
        QSignalSpy phoneDone(phone.data(), &SimulatedCall::finished);

        const int rings = m_device.rings.size();
        const Answer asked = actAsSeed(phone, "transfer", "to=client%3Aalice&talkFirst=false");
        QCOMPARE(asked.status, 202);
        QCOMPARE(asked.body.value("label").toString(), QString("transfer-1"));
        QCOMPARE(asked.body.value("left").toBool(), true);
        // The transferrer is gone at once; the caller holds while alice rings, and sees the caller's number.
        QVERIFY(phoneDone.count() == 1 || phoneDone.wait(5000));
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));
        SimulatedCall *alice = nextRing(rings);
        QVERIFY(alice);
        QCOMPARE(alice->to(), QString("client:alice"));
        QCOMPARE(alice->from(), seedCaller);
        QVERIFY(!caller->isFinished());

        alice->answer();
        QVERIFY(QTest::qWaitFor([&] { return !conference->isHeld(Routing::PartyLabel::caller()); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return !heldInStore(room, Routing::PartyLabel::caller()); }, 5000));
        QVERIFY(partyIs(room, "transfer-1", "joined"));
        QVERIFY(partyIs(room, Routing::PartyLabel::callee(), "left"));
        QCOMPARE(partyOf(room, "transfer-1")->clientName, QString("alice"));
        QVERIFY(!caller->isFinished());

        // alice hangs up: the call is over for the caller too.
        QSignalSpy callerDone(caller.data(), &SimulatedCall::finished);
        alice->hangUp();
        QVERIFY(callerDone.count() == 1 || callerDone.wait(5000));
        QCOMPARE(caller->outcome().status, QString("completed"));
        QVERIFY2(caller->outcome().problems.isEmpty(), qPrintable(caller->outcome().problems.join('\n')));

        // The call log tells it as one story, under the caller's call.
        QStringList story;
        QTRY_VERIFY_WITH_TIMEOUT((story = storyOf(room)).contains("client:alice left"), 5000);
        const QString told = story.join('\n');
        for (const QString &line : QStringList { "+819059876543 joined", "client:DeviceId_0001 joined",
                                                 "client:DeviceId_0001 put +819059876543 on hold",
                                                 "client:DeviceId_0001 transferred the call to client:alice",
                                                 "client:DeviceId_0001 left", "client:alice joined",
                                                 "+819059876543 came off hold" })
            QVERIFY2(story.contains(line), qPrintable(line + " is not in:\n" + told));
        QVERIFY2(story.indexOf("client:DeviceId_0001 put +819059876543 on hold")
                         < story.indexOf("client:DeviceId_0001 transferred the call to client:alice")
                     && story.indexOf("client:alice joined") < story.indexOf("+819059876543 came off hold"),
                 qPrintable(told));
    }

    void aTalkFirstTransferHoldsTheCallerUntilHandedOver()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        const QString room = caller->callSid();
        Simulator::ConferenceRoom *conference = caller->room();

        // Nothing to hand over before anyone else is there.
        QCOMPARE(actAsSeed(phone, "handover").status, 409);

        const int rings = m_device.rings.size();
        const Answer asked = actAsSeed(phone, "transfer", "to=client%3Aalice&talkFirst=true");
        QCOMPARE(asked.status, 202);
        QCOMPARE(asked.body.value("left").toBool(), false);
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));
        QCOMPARE(partyOf(room, Routing::PartyLabel::caller())->heldBy, Routing::PartyLabel::callee());
        SimulatedCall *alice = nextRing(rings);
        QVERIFY(alice);
        alice->answer();
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, "transfer-1", "joined"); }, 5000));
        // The phone and alice talk; the caller still holds.
        QTest::qWait(100);
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));
        QVERIFY(!phone->isFinished());

        QSignalSpy phoneDone(phone.data(), &SimulatedCall::finished);
        const Answer handed = actAsSeed(phone, "handover");
        QCOMPARE(handed.status, 200);
        QVERIFY(phoneDone.count() == 1 || phoneDone.wait(5000));
        QVERIFY(!conference->isHeld(Routing::PartyLabel::caller()));
        QVERIFY(!caller->isFinished());
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, Routing::PartyLabel::callee(), "left"); }, 5000));

        const QStringList story = storyOf(room);
        QVERIFY2(story.contains("client:DeviceId_0001 transferred the call to client:alice, talking first")
                     && story.contains("client:DeviceId_0001 handed the call over and left"),
                 qPrintable(story.join('\n')));
        // Handed over, alice's leaving ends the call, as the phone's would have.
        QSignalSpy callerDone(caller.data(), &SimulatedCall::finished);
        alice->hangUp();
        QVERIFY(callerDone.count() == 1 || callerDone.wait(5000));
        QCOMPARE(caller->outcome().status, QString("completed"));
    }

    void aColleagueWhoDoesNotAnswerGivesTheCallerBack()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        const QString room = caller->callSid();
        Simulator::ConferenceRoom *conference = caller->room();
        const int rings = m_device.rings.size();
        QCOMPARE(actAsSeed(phone, "transfer", "to=client%3Aalice&talkFirst=true").status, 202);
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));
        QVERIFY(nextRing(rings));
        // alice lets it ring out (10 s at 20 times speed): the caller is back with the phone.
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, "transfer-1", "no-answer"); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return !conference->isHeld(Routing::PartyLabel::caller()); }, 5000));
        QVERIFY(!phone->isFinished());
        QVERIFY(!caller->isFinished());
        // The phone can try again, and call the second try off itself.
        const Answer again = actAsSeed(phone, "add", "to=client%3Aalice");
        QCOMPARE(again.status, 202);
        QCOMPARE(again.body.value("label").toString(), QString("added-2"));
        QVERIFY(QTest::qWaitFor([&] { return !partyOf(room, "added-2")->callSid.isEmpty(); }, 5000));
        QCOMPARE(actAsSeed(phone, "drop", "label=added-2").status, 200);
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, "added-2", "canceled"); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return !conference->isHeld(Routing::PartyLabel::caller()); }, 5000));
    }

    void aBlindTransferNobodyAnswersSendsTheCallerToVoicemail()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        QSignalSpy callerDone(caller.data(), &SimulatedCall::finished);
        QCOMPARE(actAsSeed(phone, "transfer", "to=client%3Aalice").status, 202);
        QVERIFY(callerDone.wait(10000) || !callerDone.isEmpty());
        const CallOutcome outcome = caller->outcome();
        QVERIFY2(outcome.recorded, qPrintable(outcome.problems.join('\n')));
        QVERIFY(outcome.said.join(' ').contains("leave a message"));
    }

    void anAddedPartyIsMergedIntoAThreeWayCall()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        const QString room = caller->callSid();
        Simulator::ConferenceRoom *conference = caller->room();
        const int rings = m_device.rings.size();
        const Answer added = actAsSeed(phone, "add", "to=client%3Aalice");
        QCOMPARE(added.status, 202);
        QCOMPARE(added.body.value("label").toString(), QString("added-1"));
        QCOMPARE(added.body.value("held").toArray().toVariantList(), QVariantList { "caller" });
        SimulatedCall *alice = nextRing(rings);
        QVERIFY(alice);
        alice->answer();
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, "added-1", "joined"); }, 5000));
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));

        // Merge: everyone hears everyone.
        const Answer merged = actAsSeed(phone, "resume");
        QCOMPARE(merged.status, 200);
        QCOMPARE(merged.body.value("parties").toArray().toVariantList(),
                 (QVariantList { "caller", "added-1" }));
        QVERIFY(!conference->isHeld(Routing::PartyLabel::caller()));
        QCOMPARE(conference->labels().size(), 3);

        // alice leaves the three-way call; the other two go on.
        alice->hangUp();
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, "added-1", "left"); }, 5000));
        QTest::qWait(100);
        QVERIFY(!caller->isFinished());
        QVERIFY(!phone->isFinished());
    }

    // One colleague calls another: each acts on its own leg only. The calling client's leg is its own,
    // not the colleague's it rang.
    void colleaguesEachActOnlyOnTheirOwnLeg()
    {
        start();
        m_device.answers = false;
        SimulatedCall *alice = m_simulator->placeOutgoing("alice", "client:" + seedClient);
        QVERIFY(QTest::qWaitFor([&] { return m_device.rang && alice->room(); }, 10000));
        SimulatedCall *phone = m_device.rang;
        phone->answer();
        const QString room = alice->callSid();
        QVERIFY(
            QTest::qWaitFor([&] { return partyIs(room, Routing::PartyLabel::callee(), "joined"); }, 10000));
        QCOMPARE(partyOf(room, Routing::PartyLabel::caller())->clientName, QString("alice"));
        QCOMPARE(partyOf(room, Routing::PartyLabel::callee())->clientName, seedClient);
        // The colleague who was rung may not act as the caller's leg, nor read it.
        QCOMPARE(act(alice->callSid(), "hold", seedClient.toUtf8(), "secret-0001").status, 404);
        QCOMPARE(act(alice->callSid(), "hold", "alice", "secret-alice").status, 200);
        QVERIFY(alice->room()->isHeld(Routing::PartyLabel::callee()));
        QCOMPARE(act(phone->callSid(), "hold", "alice", "secret-alice").status, 404);
    }

    void whatAClientMayNotDo()
    {
        start();
        const auto [caller, phone] = connectedCall();
        QVERIFY(caller && phone);
        // Another client's call is not found; a wrong secret is not signed in.
        QCOMPARE(act(phone->callSid(), "transfer", "alice", "secret-alice", "to=client%3Aalice").status, 404);
        QCOMPARE(act(phone->callSid(), "transfer", seedClient.toUtf8(), "wrong", "to=client%3Aalice").status,
                 401);
        // Destinations follow the rules of the client's own calls.
        const Answer nobody = actAsSeed(phone, "transfer", "to=client%3Abob");
        QCOMPARE(nobody.status, 422);
        QVERIFY2(nobody.body.value("error").toString().contains("no client named bob"),
                 qPrintable(nobody.body.value("error").toString()));
        QCOMPARE(actAsSeed(phone, "transfer", "to=" + seedClient.toUtf8()).status, 422);
        QCOMPARE(actAsSeed(phone, "transfer", "to=not-a-number").status, 422);
        QCOMPARE(actAsSeed(phone, "add").status, 400);
        QCOMPARE(actAsSeed(phone, "transfer", "to=client%3Aalice&talkFirst=maybe").status, 400);
        QCOMPARE(actAsSeed(phone, "drop", "label=caller").status, 404);
        QCOMPARE(actAsSeed(phone, "drop").status, 400);
        QCOMPARE(actAsSeed(phone, "transfer", "to=" + QByteArray(201, '1')).status, 400);
        QCOMPARE(actAsSeed(phone, "park").status, 404);
        // None of it touched the call.
        QVERIFY(!caller->room()->isHeld(Routing::PartyLabel::caller()));
        QCOMPARE(caller->room()->labels().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCallTransfer)
#include "TestCallTransfer.moc"
