// The phone's side of call control, against a scripted server: what it asks for each button, what it
// shows of the parties the server reports, when it asks again, and the sentences of what went wrong.

#include "ui/phone/CallController.h"
#include "ui/phone/CallTargetDialog.h"
#include "ui/phone/CallWaitingBanner.h"
#include "ui/phone/ConferenceBar.h"

#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using Phone::CallController;
using Phone::CallRequest;

namespace {

const char *const ownLeg = "CA00000000000000000000000000000001";

QJsonObject party(const QString &label, const QString &address, const QString &state, bool onHold = false,
                  bool you = false)
{
    return {
        { "label", label }, { "address", address }, { "state", state }, { "onHold", onHold }, { "you", you }
    };
}

// Answers each request from the script; keeps what was asked.
struct ScriptedServer
{
    QList<CallRequest> asked;
    QJsonArray parties;
    QString refusal; // non-empty: actions are refused with it
    bool holdAnswers = false; // actions wait for answer()
    std::function<void(Result<QJsonObject>)> held;

    Phone::CallControl control()
    {
        return [this](const CallRequest &request, std::function<void(Result<QJsonObject>)> done) {
            asked.append(request);
            if (request.action.isEmpty()) {
                done(QJsonObject { { "parties", parties } });
                return;
            }
            if (holdAnswers) {
                held = std::move(done);
                return;
            }
            if (!refusal.isEmpty())
                done(Failure(refusal));
            else
                done(QJsonObject());
        };
    }
    QStringList actions() const
    {
        QStringList names;
        for (const CallRequest &request : asked)
            if (!request.action.isEmpty())
                names << request.action;
        return names;
    }
};

QString asIs(const QString &address)
{
    return address;
}

} // namespace

class TestCallController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheCallAndOffersWhatFits()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true) };
        CallController controller;
        QVERIFY(!controller.isAvailable());
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        QCOMPARE(server.asked.size(), 1);
        QCOMPARE(server.asked.first().callSid, QString(ownLeg));
        QVERIFY(server.asked.first().action.isEmpty());
        QCOMPARE(controller.others().size(), 1); // not its own leg
        QVERIFY(controller.canBringIn());
        QVERIFY(!controller.canMerge());
        QVERIFY(!controller.canHandOver());
        QVERIFY(!controller.broughtIn());
        QCOMPARE(controller.stateText(asIs), QString());
    }

    void aTransferIsAskedForAndFollowedUntilTheColleagueAnswers()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true) };
        CallController controller;
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        server.parties = { party("caller", "+819059876543", "joined", true),
                           party("callee", "client:me", "joined", false, true),
                           party("transfer-1", "client:alice", "calling") };
        controller.transfer("client:alice", true);
        QCOMPARE(server.actions(), QStringList { "transfer" });
        const CallRequest &asked = server.asked.at(1);
        QCOMPARE(asked.to, QString("client:alice"));
        QVERIFY(asked.talkFirst);
        // After the answer it read the call again: alice rings.
        QCOMPARE(controller.stateText(asIs), QString("Transferring to client:alice…"));
        QVERIFY(controller.broughtIn());
        QCOMPARE(controller.broughtIn()->label, QString("transfer-1"));
        QVERIFY(!controller.canBringIn());
        // It asks again while she rings; she answers.
        server.parties[2] = party("transfer-1", "client:alice", "joined");
        const int before = server.asked.size();
        QTRY_VERIFY_WITH_TIMEOUT(server.asked.size() > before, CallController::pollMs * 3);
        QTRY_COMPARE(controller.stateText(asIs), QString("Talking to client:alice; +819059876543 on hold"));
        QVERIFY(controller.canHandOver());
        QVERIFY(controller.canMerge());
        controller.handOver();
        QCOMPARE(server.actions(), (QStringList { "transfer", "handover" }));
    }

    void aColleagueWhoDoesNotAnswerIsSaidInASentence()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined", true),
                           party("callee", "client:me", "joined", false, true),
                           party("added-1", "+819011112222", "calling") };
        CallController controller;
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        controller.add("+819011112222");
        QCOMPARE(controller.stateText(asIs), QString("Calling +819011112222…"));
        QCOMPARE(controller.broughtIn()->address, QString("+819011112222"));
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true),
                           party("added-1", "+819011112222", "no-answer") };
        QTRY_VERIFY_WITH_TIMEOUT(!controller.problem().isEmpty(), CallController::pollMs * 3);
        QCOMPARE(controller.problem(), QString("+819011112222 did not answer. You are back on the call."));
        QVERIFY(controller.canBringIn());
        QCOMPARE(controller.stateText(asIs), QString());
    }

    void aRefusalIsSaidAndNothingElseChanges()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true) };
        server.refusal = "there is no client named bob";
        CallController controller;
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        controller.transfer("client:bob", false);
        QCOMPARE(controller.problem(),
                 QString("The call could not be transferred to client:bob: there is no "
                         "client named bob"));
        QVERIFY(controller.canBringIn());
        QVERIFY(!controller.isBusy());
    }

    void anAnswerAboutAnEndedCallIsDropped()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true) };
        server.holdAnswers = true;
        CallController controller;
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        controller.add("client:alice");
        QVERIFY(controller.isBusy());
        controller.add("client:carol"); // one request at a time
        QCOMPARE(server.actions(), QStringList { "add" });
        controller.setCall(QString());
        QVERIFY(!controller.isBusy());
        server.held(Failure(QStringLiteral("late")));
        QVERIFY(controller.problem().isEmpty());
        QVERIFY(controller.others().isEmpty());
    }

    void threeOnTheCallReadAsPeople()
    {
        ScriptedServer server;
        server.parties = { party("caller", "+819059876543", "joined"),
                           party("callee", "client:me", "joined", false, true),
                           party("added-1", "client:alice", "joined") };
        CallController controller;
        controller.setControl(server.control());
        controller.setCall(ownLeg);
        QCOMPARE(controller.stateText(asIs), QString("3 people on the call"));
        QVERIFY(controller.canHandOver());
        QVERIFY(!controller.canMerge());
        QVERIFY(!controller.broughtIn());
    }

    void theTargetDialogReadsNamesAndNumbers()
    {
        Phone::CallTargetDialog dialog(Phone::CallTargetDialog::Purpose::Transfer, { "alice", "bob" });
        QVERIFY(dialog.target().isEmpty());
        dialog.setTargetText("alice");
        QCOMPARE(dialog.target(), QString("client:alice"));
        dialog.setTargetText("090-1111-2222");
        QCOMPARE(dialog.target(), QString("090-1111-2222"));
        dialog.setTargetText("client:carol");
        QCOMPARE(dialog.target(), QString("client:carol"));
        QVERIFY(!dialog.talkFirst());
        dialog.setTalkFirst(true);
        QVERIFY(dialog.talkFirst());
        Phone::CallTargetDialog adding(Phone::CallTargetDialog::Purpose::Add, {});
        adding.setTalkFirst(true);
        QVERIFY(!adding.talkFirst()); // an added call is always talked to first: no choice to make
    }

    void theBarShowsOnlyWhatCanBeDone()
    {
        Phone::ConferenceBar bar;
        bar.show();
        Phone::ConferenceBar::View view;
        view.canBringIn = true;
        bar.display(view);
        QVERIFY(bar.findChild<QPushButton *>("transfer")->isEnabled());
        QVERIFY(!bar.findChild<QPushButton *>("merge")->isVisible());
        QVERIFY(!bar.findChild<QPushButton *>("handOver")->isVisible());
        QVERIFY(!bar.findChild<QPushButton *>("dropParty")->isVisible());
        QVERIFY(bar.stateText().isEmpty());
        view = {};
        view.state = "Calling alice…";
        view.broughtIn = "alice";
        view.broughtInRinging = true;
        bar.display(view);
        QVERIFY(!bar.findChild<QPushButton *>("transfer")->isEnabled());
        QCOMPARE(bar.findChild<QPushButton *>("dropParty")->text(), QString("Stop calling alice"));
        QCOMPARE(bar.stateText(), QString("Calling alice…"));
        QCOMPARE(bar.findChild<QPushButton *>("transfer")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        // A new text keeps the shortcut (QAbstractButton::setText() would put the text's mnemonic there).
        QCOMPARE(bar.findChild<QPushButton *>("dropParty")->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    }

    void theWaitingBannerOffersItsChoicesWithTheirShortcuts()
    {
        QWidget window;
        auto &banner = *new Phone::CallWaitingBanner(&window);
        window.show();
        QVERIFY(!banner.isVisible());
        banner.showWaiting("+81 90-1234-5678", true);
        QVERIFY(banner.isVisible());
        QCOMPARE(banner.waitingText(), QString("Call waiting: +81 90-1234-5678"));
        auto *answer = banner.findChild<QPushButton *>("answerWaiting");
        QCOMPARE(answer->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QVERIFY(answer->text().startsWith("Hold and answer ("));
        banner.showWaiting("+81 90-1234-5678", false);
        QVERIFY(answer->text().startsWith("End and answer ("));
        QCOMPARE(answer->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
        QCOMPARE(banner.findChild<QPushButton *>("declineWaiting")->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        QCOMPARE(banner.findChild<QPushButton *>("ignoreWaiting")->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        QSignalSpy declined(&banner, &Phone::CallWaitingBanner::declineRequested);
        QTest::mouseClick(banner.findChild<QPushButton *>("declineWaiting"), Qt::LeftButton);
        QCOMPARE(declined.count(), 1);
        banner.setPending(true);
        QVERIFY(!answer->isEnabled());
        banner.setPending(false);
        QVERIFY(answer->isEnabled());
        banner.showWaiting(QString(), true);
        banner.showHeld("+81 90-5987-6543");
        QVERIFY(banner.isVisible());
        QVERIFY(banner.waitingText().isEmpty());
        QVERIFY(!answer->isEnabled()); // no shortcut acts on a call that is not there
        QCOMPARE(banner.heldText(),
                 QString("+81 90-5987-6543 is on hold; the call comes back when this one ends"));
        banner.showHeld(QString());
        QVERIFY(!banner.isVisible());
    }
};

QTEST_MAIN(TestCallController)
#include "TestCallController.moc"
