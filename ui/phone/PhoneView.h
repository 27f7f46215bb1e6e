#pragma once

// The phone: the number field, dial pad and call button while idle; the incoming-call prompt while it
// rings; the call panel during a call; a status line above them all. It shows what the PhoneBridge says
// and asks it for what the person does, and keeps no call state of its own.

#include "ui/engine/PhoneBridge.h"
#include "ui/phone/CallController.h"

#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
QT_END_NAMESPACE

namespace Phone {

class CallPanel;
class CallWaitingBanner;
class DialPad;
class IncomingCallPrompt;
class NumberField;
class RecentCallsList;
class VoicemailPanel;

class PhoneView : public QWidget
{
    Q_OBJECT

public:
    // region: how numbers without +CC are read and shown.
    PhoneView(Engine::PhoneBridge *bridge, const QString &region, QWidget *parent = nullptr);

    // Shown in the status line: the phone's own number (with its label) or, without one, its identity.
    void setOwnAddress(const QString &address, const QString &label = QString());
    // The numbers that ring this phone (E.164) and their labels: an incoming call shows which one was
    // called, when the call says, or when there is only one.
    void setOwnNumbers(const QList<QPair<QString, QString>> &numbersAndLabels);
    // The label a caller's number has in the mapping (one of our own lines calling), shown with it.
    void setLabelLookup(std::function<QString(const QString &e164)> lookup)
    {
        m_labelFor = std::move(lookup);
    }
    // Puts number in the field (a tel: link), without calling: the person presses Call.
    void prepareCall(const QString &number);
    // A call this phone placed reached no one: sentence shows in the status line until the next attempt,
    // or until the number is edited.
    void showCallProblem(const QString &sentence);
    // Call control: control runs the phone's requests about its call at the server (hold, transfer, add,
    // merge, hand over). Set, the call panel offers them on a connected call; clients are the colleagues
    // offered as transfer targets.
    void setCallControl(CallControl control, const QStringList &clients = {});
    // Dials address at once (from the recent calls or the call log), as the Call button would.
    void callBack(const QString &address);
    // Offers the recent calls in a tab next to the keypad (taking ownership), with a filter for missed
    // calls; a double-click calls back. The tab counts the missed calls not seen yet.
    void addRecentCalls(RecentCallsList *recentCalls);
    // Offers the voicemail in a tab after Recent (taking ownership), which counts the new messages.
    void addVoicemail(VoicemailPanel *voicemail);
    VoicemailPanel *voicemail() const { return m_voicemail; }

    // Shows the counts of missed calls and new messages on their tabs, and says them (waitingChanged).
    void showWaiting();

    NumberField *numberField() const { return m_number; }
    QString statusText() const;
    // Wide enough for the keypad's tabs and Do not disturb side by side, without scroll arrows.
    QSize minimumSizeHint() const override;
    // How a remote party reads: numbers in international format, client:NAME as it is.
    static QString displayName(const QString &remote, const QString &region);

Q_SIGNALS:
    // A call rings: the window raises itself and notifies (the caller as it reads).
    void ringing(const QString &caller);
    // It rings no more: answered, declined, or gone.
    void ringingEnded();
    // What waits for the person: missed calls not seen yet, messages not heard yet.
    void waitingChanged(int missedCalls, int newMessages);
    // A call was missed, or a message left: who (as shown) and the address to call back.
    void missedCallArrived(const QString &caller, const QString &address);
    void messageArrived(const QString &caller, const QString &address);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showState();
    // Which page shows for the bridge's current call (the prompt, the call panel, or the keypad).
    void showCallPage();
    void sendDigits(const QString &digits);
    void requestHold(bool hold);
    // Shows what the CallController knows of the call: the conference bar, its sentence, Hold's state.
    void showConference();
    // Asks whom to transfer the call to, or to add, then asks the server.
    void askTarget(bool transfer);
    // Call waiting: the banner for the bridge's waiting and held calls.
    void showCallWaiting();
    // Answers the waiting call: the server holds the call on first (call control), or it ends.
    void answerWaiting();
    void showCall();
    void placeCall();

    Engine::PhoneBridge *m_bridge;
    QString m_region;
    QString m_ownAddress;
    QString m_ownLabel;
    QList<QPair<QString, QString>> m_ownNumbers;
    std::function<QString(const QString &)> m_labelFor;
    QLabel *m_status = nullptr;
    QCheckBox *m_doNotDisturb = nullptr;
    QString m_missedNote; // a call declined while do not disturb was on
    QString m_callProblem; // why the last call attempt reached no one; until the next attempt or edit
    QStackedWidget *m_pages = nullptr;
    QWidget *m_idlePage = nullptr;
    NumberField *m_number = nullptr;
    DialPad *m_dialPad = nullptr;
    QTabWidget *m_idleTabs = nullptr;
    RecentCallsList *m_recentCalls = nullptr;
    QWidget *m_recentPage = nullptr;
    VoicemailPanel *m_voicemail = nullptr;
    bool m_hadCall = false;
    bool m_ringingShown = false; // the prompt showed at the last showCall()
    QPushButton *m_call = nullptr;
    IncomingCallPrompt *m_prompt = nullptr;
    CallPanel *m_callPanel = nullptr;
    CallWaitingBanner *m_waitingBanner = nullptr;
    QString m_panelCallSid; // the call the panel shows: another one is shown afresh
    QString m_answerWhenRinging; // a waiting call to answer once its own ringing starts (End and answer)
    CallControl m_control;
    CallController *m_controller = nullptr;
    QStringList m_colleagues;
    bool m_holdPending = false;
};

} // namespace Phone
