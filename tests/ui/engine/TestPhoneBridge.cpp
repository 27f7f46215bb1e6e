// PhoneBridge's own logic against a scripted page (tests/support/ScriptedPage.h), without QtWebEngine: the
// commands it holds until the page is ready, do not disturb, which call an event is about (its CallSid),
// and each error said once. TestSoftphoneEngine and TestSimulatedPhone run the same bridge with the real
// page and SDK.

#include "tests/support/ScriptedPage.h"
#include "ui/engine/PhoneBridge.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using Engine::PhoneBridge;
using State = Engine::PhoneBridge::State;
using Report = ScriptedPage::Report;

namespace {

const QString caller = "+819059876543";

QVariantMap sid(const QString &callSid)
{
    return { { "callSid", callSid } };
}

QVariantMap incoming(const QString &callSid, const QString &from = caller)
{
    return { { "callSid", callSid }, { "from", from }, { "to", "+815031234567" } };
}

QVariantMap deviceError(int code, const QString &message)
{
    return { { "code", code }, { "message", message }, { "callSid", "" }, { "call", false } };
}

} // namespace

class TestPhoneBridge : public QObject
{
    Q_OBJECT

    std::unique_ptr<PhoneBridge> m_bridge;
    std::unique_ptr<ScriptedPage> m_page;

    PhoneBridge *bridge() const { return m_bridge.get(); }
    ScriptedPage &page() const { return *m_page; }

    // A simulated phone, registered on a ready page.
    void registerOnAReadyPage()
    {
        page().becomeReady();
        bridge()->setSimulatedBackend("alice");
        bridge()->registerPhone();
        page().say("registered", { { "identity", "alice" } });
        QCOMPARE(bridge()->state(), State::Ready);
        page().commands.clear();
    }

private Q_SLOTS:
    void init()
    {
        m_bridge = std::make_unique<PhoneBridge>();
        m_page = std::make_unique<ScriptedPage>(m_bridge.get());
        page().answer("register", { Report { "registering", {} } });
    }

    void cleanup()
    {
        m_page.reset();
        m_bridge.reset();
    }

    // The point of this test: the bridge's logic needs no browser. A library that pulled QtWebEngine in
    // again would show here.
    void runsWithoutTheWebEngine()
    {
        QFile maps("/proc/self/maps");
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray loaded = maps.readAll();
        QVERIFY(loaded.contains("libQt6Core"));
        QVERIFY(!loaded.contains("WebEngine"));
        QVERIFY(!loaded.contains("libQt6Widgets"));
    }

    // ---- the queue of pending commands

    void commandsWaitForThePageAndKeepTheirOrder()
    {
        QSignalSpy readiness(bridge(), &PhoneBridge::pageReadyChanged);
        bridge()->setSimulatedBackend("alice");
        bridge()->registerPhone();
        bridge()->selectInputDevice("mic-2");
        bridge()->selectSpeakerDevice("speaker-3");
        QCOMPARE(bridge()->state(), State::Registering);
        QVERIFY(page().commands.isEmpty());
        QVERIFY(!bridge()->isPageReady());

        page().becomeReady();
        QVERIFY(bridge()->isPageReady());
        QCOMPARE(readiness.count(), 1);
        QCOMPARE(page().commandNames(),
                 QStringList({ "start", "register", "setInputDevice", "setSpeakerDevice" }));
        QCOMPARE(page().commands.at(0).second.value("backend").toString(), QString("simulated"));
        QCOMPARE(page().commands.at(0).second.value("identity").toString(), QString("alice"));
        QCOMPARE(page().commands.at(2).second.value("id").toString(), QString("mic-2"));
        QCOMPARE(page().commands.at(3).second.value("id").toString(), QString("speaker-3"));
        QCOMPARE(bridge()->pageInfo().value("sdkVersion").toString(), QString("2.18.5"));

        // Once ready, commands go at once.
        bridge()->selectRingtoneDevice("bell");
        QCOMPARE(page().commandNames().last(), QString("setRingtoneDevice"));
        QCOMPARE(page().commands.size(), 5);
    }

    // The first page loads: what was said before it is for it.
    void commandsBeforeTheFirstPageSurviveItsLoading()
    {
        bridge()->setSimulatedBackend("alice");
        bridge()->registerPhone();
        bridge()->pageLoading();
        page().becomeReady();
        QCOMPARE(page().commandNames(), QStringList({ "start", "register" }));
    }

    // A page that reloads forgot its device: the bridge waits for it again and does not pretend a call or
    // a registration survived.
    void aReloadingPageHoldsCommandsAgain()
    {
        registerOnAReadyPage();
        page().say("incoming", incoming("CA1"));
        QCOMPARE(bridge()->state(), State::Ringing);
        QSignalSpy readiness(bridge(), &PhoneBridge::pageReadyChanged);

        bridge()->pageLoading();
        QCOMPARE(readiness.count(), 1);
        QCOMPARE(readiness.first().first().toBool(), false);
        QVERIFY(!bridge()->currentCall());
        QCOMPARE(bridge()->state(), State::Offline);
        QVERIFY(bridge()->pageInfo().isEmpty());

        bridge()->registerPhone(); // a fresh device on the new page
        QVERIFY(page().commands.isEmpty());
        page().becomeReady();
        QCOMPARE(page().commandNames(), QStringList({ "start", "register" }));
    }

    // A lost page takes its queue with it: commands meant for it are not carried out on the next one.
    void aLostPageDropsItsQueue()
    {
        bridge()->setSimulatedBackend("alice");
        bridge()->registerPhone();
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        bridge()->pageLost("The phone's web engine stopped.");
        QCOMPARE(bridge()->state(), State::Error);
        QCOMPARE(errors.count(), 1);
        page().becomeReady();
        QVERIFY(page().commands.isEmpty());
    }

    // ---- do not disturb

    void doNotDisturbDeclinesWithoutRinging()
    {
        registerOnAReadyPage();
        QSignalSpy changed(bridge(), &PhoneBridge::doNotDisturbChanged);
        QSignalSpy declined(bridge(), &PhoneBridge::declinedQuietly);
        QSignalSpy rang(bridge(), &PhoneBridge::incomingCall);
        QSignalSpy states(bridge(), &PhoneBridge::stateChanged);
        QSignalSpy calls(bridge(), &PhoneBridge::callChanged);
        bridge()->setDoNotDisturb(true);
        bridge()->setDoNotDisturb(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(bridge()->doNotDisturb());

        page().say("incoming", incoming("CA1"));
        QCOMPARE(page().commandNames(), QStringList({ "reject" }));
        QCOMPARE(declined.count(), 1);
        QCOMPARE(declined.first().first().toString(), caller);
        // The page's own reject event that follows finds no call of ours.
        page().say("reject", sid("CA1"));
        QVERIFY(rang.isEmpty());
        QVERIFY(states.isEmpty());
        QVERIFY(calls.isEmpty());
        QVERIFY(!bridge()->currentCall());
        QCOMPARE(bridge()->state(), State::Ready);

        // Off again: the next call rings.
        bridge()->setDoNotDisturb(false);
        QCOMPARE(changed.count(), 2);
        page().say("incoming", incoming("CA2"));
        QCOMPARE(rang.count(), 1);
        QCOMPARE(bridge()->state(), State::Ringing);
        QCOMPARE(declined.count(), 1);
        QCOMPARE(page().commandNames(), QStringList({ "reject" }));
    }

    // Do not disturb concerns calls that ring: the one the person is on goes on.
    void doNotDisturbLeavesTheCurrentCallAlone()
    {
        registerOnAReadyPage();
        page().say("incoming", incoming("CA1"));
        bridge()->accept();
        page().say("accept", sid("CA1"));
        bridge()->setDoNotDisturb(true);
        QCOMPARE(bridge()->state(), State::InCall);
        QCOMPARE(page().commandNames(), QStringList({ "accept" }));
    }

    // ---- events matched to the call by CallSid

    void eventsOfAnotherCallAreNotOurs()
    {
        registerOnAReadyPage();
        page().say("incoming", incoming("CA1"));
        QCOMPARE(bridge()->currentCall()->callSid, QString("CA1"));
        QSignalSpy calls(bridge(), &PhoneBridge::callChanged);

        page().say("accept", sid("CA2"));
        page().say("mute", { { "callSid", "CA2" }, { "muted", true } });
        page().say("disconnect", sid("CA2"));
        page().say("cancel", sid("CA2"));
        QVERIFY(calls.isEmpty());
        QCOMPARE(bridge()->state(), State::Ringing);
        QVERIFY(!bridge()->currentCall()->answered);
        QVERIFY(!bridge()->currentCall()->muted);

        page().say("accept", sid("CA1"));
        QVERIFY(bridge()->currentCall()->answered);
        QCOMPARE(bridge()->state(), State::InCall);
        page().say("disconnect", sid("CA1"));
        QVERIFY(!bridge()->currentCall());
        QCOMPARE(bridge()->state(), State::Ready);
        QCOMPARE(calls.count(), 2);
    }

    // An outgoing call has no SID until Twilio names it: the first event that names it gives it one, and
    // from then on the other calls' events are told apart.
    void anOutgoingCallTakesTheFirstSidItHears()
    {
        registerOnAReadyPage();
        bridge()->call("+81 90-5987-6543");
        QCOMPARE(page().commandNames(), QStringList({ "connect" }));
        QCOMPARE(page().commands.first().second.value("to").toString(), QString("+819059876543"));
        page().say("outgoing", { { "callSid", "" }, { "to", "+819059876543" } });
        QVERIFY(bridge()->currentCall()->callSid.isEmpty());

        page().say("ringing", sid("CA7"));
        QCOMPARE(bridge()->currentCall()->callSid, QString("CA7"));
        QVERIFY(bridge()->currentCall()->remoteRinging);
        page().say("accept", sid("CA8"));
        QVERIFY(!bridge()->currentCall()->answered);
        page().say("accept", sid("CA7"));
        QVERIFY(bridge()->currentCall()->answered);
        QVERIFY(!bridge()->currentCall()->remoteRinging);
        QVERIFY(bridge()->currentCall()->answeredAt.isValid());
        page().say("disconnect", sid("CA8"));
        QCOMPARE(bridge()->state(), State::InCall);
        // An event with no SID is about whichever call there is (the page knows no other).
        page().say("disconnect", sid(""));
        QCOMPARE(bridge()->state(), State::Ready);
    }

    // ---- errors said once

    // The SDK retries, and fails the same way every time: the person hears it once, until it changes or
    // the phone registers again.
    void aRepeatedErrorIsSaidOnce()
    {
        registerOnAReadyPage();
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        QSignalSpy states(bridge(), &PhoneBridge::stateChanged);
        for (int attempt = 0; attempt < 3; ++attempt)
            page().say("error", deviceError(31005, "ConnectionError (31005)"));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(states.count(), 1);
        QCOMPARE(bridge()->state(), State::Error);
        QCOMPARE(bridge()->errorCode(), 31005);
        QCOMPARE(errors.first().first().toString(), bridge()->errorText());
        QVERIFY2(bridge()->errorText().contains("network"), qPrintable(bridge()->errorText()));

        // Another error is news.
        page().say("error", deviceError(20101, "AccessTokenInvalid"));
        QCOMPARE(errors.count(), 2);
        QCOMPARE(bridge()->errorCode(), 20101);

        // Registering again clears it, and the same failure is said again.
        bridge()->registerPhone();
        QCOMPARE(bridge()->state(), State::Registering);
        QCOMPARE(bridge()->errorText(), QString());
        page().say("error", deviceError(20101, "AccessTokenInvalid"));
        QCOMPARE(errors.count(), 3);
        QCOMPARE(bridge()->state(), State::Error);
    }

    // An error about a call is said, but the phone stays as it was: it can still take calls.
    void aCallErrorLeavesThePhoneReady()
    {
        registerOnAReadyPage();
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        page().say("error",
                   { { "code", 31486 }, { "message", "BusyHere" }, { "callSid", "CA1" }, { "call", true } });
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().first().toString(), QString("The other side is busy."));
        QCOMPARE(bridge()->state(), State::Ready);
        QCOMPARE(bridge()->errorText(), QString());
    }

    // A token that cannot be made is an error before the page hears anything; trying again says it again.
    void aTokenThatCannotBeMadeIsSaidAtEveryTry()
    {
        page().becomeReady();
        bridge()->setTwilioBackend("alice",
                                   [](const PhoneBridge::TokenDone &done) { done(Failure("no API secret")); },
                                   { "opus", "pcmu" });
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        bridge()->registerPhone();
        bridge()->registerPhone();
        QCOMPARE(errors.count(), 2);
        QVERIFY2(bridge()->errorText().contains("no API secret"), qPrintable(bridge()->errorText()));
        QVERIFY(page().commands.isEmpty());
    }

    // A token from the team's server comes later: the phone registers once it is in, and renews on it.
    void aTokenThatComesLaterStartsTheDevice()
    {
        page().becomeReady();
        QList<PhoneBridge::TokenDone> waiting;
        bridge()->setTwilioBackend(
            "alice", [&waiting](const PhoneBridge::TokenDone &done) { waiting.append(done); }, { "opus" });
        bridge()->registerPhone();
        QCOMPARE(bridge()->state(), State::Registering);
        QCOMPARE(waiting.size(), 1);
        QVERIFY(page().commands.isEmpty());

        waiting.takeFirst()(Token::IssuedToken { "a.b.c", std::chrono::milliseconds(50) });
        QCOMPARE(page().commandNames(), QStringList({ "start", "register" }));
        QCOMPARE(page().commands.first().second.value("token").toString(), QString("a.b.c"));

        // The renewal follows the token's own renewAfter; a failed renewal is a warning, not an error. Every
        // 50 ms it asks again while no answer came (on a busy machine, several times before this looks): the
        // latest ask is the one answered, the earlier ones are nobody's.
        QTRY_VERIFY(!waiting.isEmpty());
        const PhoneBridge::TokenDone renewal = waiting.takeLast();
        waiting.clear();
        QSignalSpy errors(bridge(), &PhoneBridge::errorOccurred);
        renewal(Failure("the server cannot be reached."));
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains("the server cannot be reached"),
                 qPrintable(errors.first().first().toString()));
        QVERIFY(bridge()->state() != State::Error);
        QTRY_VERIFY(!waiting.isEmpty()); // and it tries again at the next turn
        const PhoneBridge::TokenDone again = waiting.takeLast();
        waiting.clear();
        again(Token::IssuedToken { "d.e.f", std::chrono::hours(1) });
        QCOMPARE(page().commandNames().last(), QString("token"));
        QCOMPARE(page().commands.last().second.value("token").toString(), QString("d.e.f"));
    }

    // Stopped, or asked again, before the token came: the late answer starts nothing.
    void aLateTokenIsDropped()
    {
        page().becomeReady();
        QList<PhoneBridge::TokenDone> waiting;
        bridge()->setTwilioBackend(
            "alice", [&waiting](const PhoneBridge::TokenDone &done) { waiting.append(done); }, { "opus" });
        bridge()->registerPhone();
        bridge()->unregisterPhone();
        QCOMPARE(bridge()->state(), State::Offline);
        waiting.takeFirst()(Token::IssuedToken { "a.b.c", std::chrono::hours(1) });
        QVERIFY(page().commands.isEmpty());

        bridge()->registerPhone();
        bridge()->registerPhone(); // the second request replaces the first
        QCOMPARE(waiting.size(), 2);
        waiting.takeFirst()(Failure("wrong secret"));
        QCOMPARE(bridge()->state(), State::Registering);
        waiting.takeFirst()(Token::IssuedToken { "g.h.i", std::chrono::hours(1) });
        QCOMPARE(page().commandNames(), QStringList({ "start", "register" }));
        QCOMPARE(page().commands.first().second.value("token").toString(), QString("g.h.i"));
    }
};

QTEST_GUILESS_MAIN(TestPhoneBridge)
#include "TestPhoneBridge.moc"
