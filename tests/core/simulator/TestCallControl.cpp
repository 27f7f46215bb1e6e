// Call control end to end in one process: the real WebhookServer with call control on, and the simulator
// playing Twilio behind it, both its webhooks and its REST API (Calls, Conferences, Participants). A call
// goes through a conference of its own; the phone's client is called in through the REST API; the phone
// holds and resumes the caller through the server's route.

#include "ControlledCalls.h"

using namespace ControlledCalls;

class TestCallControl : public QObject, public Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { stop(); }

    void anIncomingCallIsHeldAndResumedByThePhoneOnIt()
    {
        start();
        SimulatedCall *caller = m_simulator->placeIncoming(seedCaller, seedNumber);
        QSignalSpy callerDone(caller, &SimulatedCall::finished);
        const QString room = caller->callSid();

        // The caller waits in its own conference; the client is called in through the REST API, answers,
        // and both are in.
        QVERIFY(QTest::qWaitFor([&] { return m_device.rang && m_device.rang->room(); }, 10000));
        SimulatedCall *phone = m_device.rang;
        QCOMPARE(phone->direction(), SimulatedCall::Direction::Participant);
        QCOMPARE(phone->to(), "client:" + seedClient);
        QCOMPARE(phone->from(), seedCaller);
        QCOMPARE(caller->room(), phone->room());
        QCOMPARE(caller->room()->name(), room);
        Simulator::ConferenceRoom *conference = caller->room();
        QStringList heard;
        connect(conference, &Simulator::ConferenceRoom::noted, this,
                [&](const QString &what) { heard << what; });
        QVERIFY(conference->isStarted());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return partyIs(room, Routing::PartyLabel::caller(), "joined")
                    && partyIs(room, Routing::PartyLabel::callee(), "joined");
            },
            10000));
        const auto callee = Store::ConferenceStore(m_database).party(room, Routing::PartyLabel::callee());
        QCOMPARE((*callee)->callSid, phone->callSid());
        QCOMPARE((*callee)->clientName, seedClient);
        QCOMPARE((*callee)->conferenceSid, conference->sid());

        // Another client may not touch the call, nor may anyone with a wrong secret.
        QCOMPARE(act(phone->callSid(), "hold", "alice", "secret-alice").status, 404);
        QCOMPARE(act(phone->callSid(), "hold", seedClient.toUtf8(), "wrong").status, 401);
        QVERIFY(!conference->isHeld(Routing::PartyLabel::caller()));

        // Hold: the caller hears what /voice/hold says.
        const Answer held = act(phone->callSid(), "hold", seedClient.toUtf8(), "secret-0001");
        QCOMPARE(held.status, 200);
        QCOMPARE(held.body.value("onHold").toBool(), true);
        QCOMPARE(held.body.value("parties").toArray().toVariantList(), QVariantList { "caller" });
        QVERIFY(conference->isHeld(Routing::PartyLabel::caller()));
        QVERIFY(QTest::qWaitFor([&] { return heard.join('\n').contains("on hold hears Say: Please hold."); },
                                5000));
        QVERIFY2(!heard.join('\n').contains("problem"), qPrintable(heard.join('\n')));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto party
                    = Store::ConferenceStore(m_database).party(room, Routing::PartyLabel::caller());
                return party && *party && (*party)->onHold;
            },
            5000));

        // Resume.
        const Answer resumed = act(phone->callSid(), "resume", seedClient.toUtf8(), "secret-0001");
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.body.value("onHold").toBool(), false);
        QVERIFY(!conference->isHeld(Routing::PartyLabel::caller()));

        // The phone hangs up: the conference ends, and so does the caller's call.
        QSignalSpy phoneDone(phone, &SimulatedCall::finished);
        phone->hangUp();
        QVERIFY(callerDone.wait(10000) || !callerDone.isEmpty());
        QVERIFY(phoneDone.count() == 1 || phoneDone.wait(5000));
        const auto outcome = callerDone.first().first().value<CallOutcome>();
        QCOMPARE(outcome.status, QString("completed"));
        QVERIFY2(outcome.problems.isEmpty(), qPrintable(outcome.problems.join('\n')));
        QVERIFY(QTest::qWaitFor([&] { return partyIs(room, Routing::PartyLabel::caller(), "left"); }, 5000));
        // Nothing to act on once it is over.
        QCOMPARE(act(phone->callSid(), "hold", seedClient.toUtf8(), "secret-0001").status, 409);
        // The call log has it answered, the client's.
        QVERIFY(m_server->flushCallLog());
        const auto logged = Store::CallLog(m_database).find(room);
        QVERIFY(logged);
        QCOMPARE(logged->outcome, Store::CallResult::Answered);
        QCOMPARE(logged->clientName, seedClient);
    }

    // The caller gives up while the phone rings: the server calls the phone off, and the call log has a
    // missed call, not the caller's wait as a conversation.
    void aCallerWhoHangsUpFirstIsAMissedCall()
    {
        start();
        m_device.answers = false;
        SimulatedCall *caller = m_simulator->placeIncoming(seedCaller, seedNumber);
        QSignalSpy callerDone(caller, &SimulatedCall::finished);
        QVERIFY(QTest::qWaitFor([&] { return m_device.rang && caller->room(); }, 10000));
        SimulatedCall *phone = m_device.rang;
        QSignalSpy phoneDone(phone, &SimulatedCall::finished);
        caller->hangUpCaller();
        QVERIFY(callerDone.wait(10000) || !callerDone.isEmpty());
        QVERIFY(phoneDone.wait(10000) || !phoneDone.isEmpty());
        QCOMPARE(phone->outcome().status, QString("canceled"));
        QVERIFY(m_server->flushCallLog());
        QTRY_VERIFY_WITH_TIMEOUT(Store::CallLog(m_database).find(caller->callSid())
                                     && Store::CallLog(m_database).find(caller->callSid())->outcome
                                         == Store::CallResult::Missed,
                                 5000);
    }

    void aClientThatDoesNotAnswerSendsTheCallerToVoicemail()
    {
        start();
        m_device.answers = false;
        QStringList heard;
        connect(m_simulator.get(), &Simulator::CallSimulator::conferenceOpened, this,
                [&](Simulator::ConferenceRoom *room) {
                    connect(room, &Simulator::ConferenceRoom::noted, this,
                            [&](const QString &what) { heard << what; });
                });
        SimulatedCall *caller = m_simulator->placeIncoming(seedCaller, seedNumber);
        QSignalSpy callerDone(caller, &SimulatedCall::finished);
        QVERIFY(callerDone.wait(15000));
        const auto outcome = callerDone.first().first().value<CallOutcome>();
        QVERIFY2(outcome.recorded, qPrintable(outcome.problems.join('\n')));
        QVERIFY(outcome.said.join(' ').contains("leave a message"));
        QVERIFY(m_device.rang);
        QCOMPARE(m_device.rang->outcome().status, QString("no-answer"));
        QVERIFY(partyIs(caller->callSid(), Routing::PartyLabel::callee(), "no-answer"));
        // While the phone rang, the caller heard ringing: the server's tone, a WAV of one 6-s cadence.
        QVERIFY2(heard.contains(caller->callSid() + " waiting hears Play: /media/ringback.wav"),
                 qPrintable(heard.join('\n')));
        QNetworkReply *tone
            = m_network.get(QNetworkRequest(m_server->localUrl().resolved(QUrl("/media/ringback.wav"))));
        QSignalSpy toneDone(tone, &QNetworkReply::finished);
        QVERIFY(toneDone.wait(5000));
        tone->deleteLater();
        QCOMPARE(tone->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(tone->header(QNetworkRequest::ContentTypeHeader).toString(), QString("audio/x-wav"));
        const QByteArray wav = tone->readAll();
        QVERIFY(wav.startsWith("RIFF") && wav.mid(8, 4) == "WAVE");
        QCOMPARE(wav.size(), 44 + 6 * 8000 * 2);
    }
};

QTEST_GUILESS_MAIN(TestCallControl)
#include "TestCallControl.moc"
