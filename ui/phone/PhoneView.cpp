#include "ui/phone/PhoneView.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/server/ApiPaths.h"
#include "ui/phone/AudioDevicesPanel.h"
#include "ui/phone/CallPanel.h"
#include "ui/phone/CallTargetDialog.h"
#include "ui/phone/CallWaitingBanner.h"
#include "ui/phone/ConferenceBar.h"
#include "ui/phone/DialPad.h"
#include "ui/phone/IncomingCallPrompt.h"
#include "ui/phone/NumberField.h"
#include "ui/phone/RecentCallsList.h"
#include "ui/phone/VoicemailPanel.h"
#include "ui/phone/VoicemailPlayer.h"

#include <QCheckBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>

#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace Phone {

using Engine::PhoneBridge;

PhoneView::PhoneView(PhoneBridge *bridge, const QString &region, QWidget *parent)
    : QWidget(parent)
    , m_bridge(bridge)
    , m_region(region)
{
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText); // sentences quote what was typed or received
    m_status->setWordWrap(true);
    // The keypad may shrink; the status line must stay readable.
    m_status->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_doNotDisturb = new QCheckBox(tr("Do not disturb"));
    m_doNotDisturb->setToolTip(tr("Calls go straight to voicemail, without ringing"));

    m_idlePage = new QWidget(this);
    m_number = new NumberField(region, m_idlePage);
    QFont numberFont = m_number->font();
    numberFont.setPointSizeF(numberFont.pointSizeF() * 1.5);
    m_number->setFont(numberFont);
    m_dialPad = new DialPad(m_idlePage);
    m_call = new QPushButton(tr("Call"), m_idlePage);
    m_call->setStyleSheet(QStringLiteral("QPushButton { background: #2e7d32; color: white; padding: 8px; }"
                                         "QPushButton:disabled { background: #9e9e9e; }"));
    auto *idleLayout = new QVBoxLayout(m_idlePage);
    idleLayout->setContentsMargins(0, 0, 0, 0);
    idleLayout->addWidget(m_number);
    m_idleTabs = new QTabWidget(m_idlePage);
    m_idleTabs->addTab(m_dialPad, tr("Keypad"));
    m_idleTabs->setCornerWidget(m_doNotDisturb, Qt::TopRightCorner);
    m_idleTabs->addTab(new AudioDevicesPanel(m_bridge, m_idleTabs), tr("Audio"));
    idleLayout->addWidget(m_idleTabs, 1);
    idleLayout->addWidget(m_call);

    m_prompt = new IncomingCallPrompt(this);
    m_callPanel = new CallPanel(this);
    m_controller = new CallController(this);
    m_waitingBanner = new CallWaitingBanner(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_idlePage);
    m_pages->addWidget(m_prompt);
    m_pages->addWidget(m_callPanel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_waitingBanner);
    layout->addWidget(m_pages, 1);

    connect(m_dialPad, &DialPad::keyPressed, m_number, &NumberField::insertKey);
    connect(m_number, &NumberField::dialRequested, this, &PhoneView::placeCall);
    connect(m_number, &QLineEdit::textChanged, this, &PhoneView::showState);
    connect(m_number, &QLineEdit::textEdited, this, [this] {
        if (!std::exchange(m_callProblem, QString()).isEmpty())
            showState();
    });
    connect(m_call, &QPushButton::clicked, this, &PhoneView::placeCall);
    connect(m_prompt, &IncomingCallPrompt::acceptRequested, m_bridge, &PhoneBridge::accept);
    connect(m_prompt, &IncomingCallPrompt::declineRequested, m_bridge, &PhoneBridge::reject);
    connect(m_callPanel, &CallPanel::hangUpRequested, m_bridge, &PhoneBridge::hangUp);
    connect(m_callPanel, &CallPanel::muteToggled, m_bridge, &PhoneBridge::setMuted);
    connect(m_callPanel, &CallPanel::holdToggled, this, &PhoneView::requestHold);
    ConferenceBar *conference = m_callPanel->conferenceBar();
    connect(conference, &ConferenceBar::transferRequested, this, [this] { askTarget(true); });
    connect(conference, &ConferenceBar::addRequested, this, [this] { askTarget(false); });
    connect(conference, &ConferenceBar::mergeRequested, m_controller, &CallController::merge);
    connect(conference, &ConferenceBar::handOverRequested, m_controller, &CallController::handOver);
    connect(conference, &ConferenceBar::dropRequested, m_controller, &CallController::dropBroughtIn);
    connect(m_controller, &CallController::changed, this, &PhoneView::showConference);
    connect(m_waitingBanner, &CallWaitingBanner::answerRequested, this, &PhoneView::answerWaiting);
    connect(m_waitingBanner, &CallWaitingBanner::declineRequested, m_bridge, &PhoneBridge::rejectWaiting);
    connect(m_waitingBanner, &CallWaitingBanner::ignoreRequested, m_bridge, &PhoneBridge::ignoreWaiting);
    connect(m_bridge, &PhoneBridge::callWaiting, this,
            [this](const QString &from) { Q_EMIT ringing(displayName(from, m_region)); });
    connect(m_callPanel, &CallPanel::digitPressed, this, [this](QChar digit) { sendDigits(QString(digit)); });
    connect(m_bridge, &PhoneBridge::volumeChanged, m_callPanel, &CallPanel::setLevels);
    connect(m_bridge, &PhoneBridge::stateChanged, this, &PhoneView::showState);
    connect(m_bridge, &PhoneBridge::callChanged, this, &PhoneView::showCall);
    connect(m_bridge, &PhoneBridge::errorOccurred, this, &PhoneView::showState);
    connect(m_doNotDisturb, &QCheckBox::toggled, m_bridge, &PhoneBridge::setDoNotDisturb);
    connect(m_bridge, &PhoneBridge::doNotDisturbChanged, m_doNotDisturb, &QCheckBox::setChecked);
    connect(m_bridge, &PhoneBridge::declinedQuietly, this, [this](const QString &from) {
        m_missedNote = tr("Declined a call from %1 (do not disturb)").arg(displayName(from, m_region));
        showState();
    });
    connect(m_bridge, &PhoneBridge::incomingCall, this, [this](const QString &from) {
        // The note is about the call before; this one is what matters now.
        if (!std::exchange(m_missedNote, QString()).isEmpty())
            showState();
        Q_EMIT ringing(displayName(from, m_region));
    });
    showState();
    showCall();
}

QSize PhoneView::minimumSizeHint() const
{
    QSize hint = QWidget::minimumSizeHint();
    const QMargins margins = layout()->contentsMargins();
    const int tabs = m_idleTabs->tabBar()->sizeHint().width() + m_doNotDisturb->sizeHint().width()
        + margins.left() + margins.right() + 12;
    hint.setWidth(std::max({ hint.width(), tabs, 300 }));
    return hint;
}

void PhoneView::addRecentCalls(RecentCallsList *recentCalls)
{
    m_recentCalls = recentCalls;
    m_recentPage = new QWidget(m_idleTabs);
    auto *missedOnly = new QCheckBox(tr("Missed calls only"), m_recentPage);
    missedOnly->setObjectName(QStringLiteral("missedOnly"));
    auto *layout = new QVBoxLayout(m_recentPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(missedOnly);
    layout->addWidget(recentCalls, 1);
    m_idleTabs->insertTab(1, m_recentPage, tr("Recent"));
    updateGeometry(); // one tab more to fit
    connect(missedOnly, &QCheckBox::toggled, recentCalls, &RecentCallsList::setMissedOnly);
    connect(recentCalls, &RecentCallsList::callBackRequested, this, &PhoneView::callBack);
    connect(recentCalls, &RecentCallsList::missedCountChanged, this, &PhoneView::showWaiting);
    connect(recentCalls, &RecentCallsList::missedCallArrived, this, [this](const QString &address) {
        const QString label = m_labelFor ? m_labelFor(address) : QString();
        const QString caller = displayName(address, m_region);
        Q_EMIT missedCallArrived(label.isEmpty() ? caller : QStringLiteral("%1 (%2)").arg(caller, label),
                                 address);
    });
}

void PhoneView::showWaiting()
{
    const int missed = m_recentCalls ? m_recentCalls->missedCount() : 0;
    const int unheard = m_voicemail ? std::max(0, m_voicemail->unheardCount()) : 0;
    if (m_recentPage)
        m_idleTabs->setTabText(m_idleTabs->indexOf(m_recentPage),
                               missed > 0 ? tr("Recent (%1)").arg(missed) : tr("Recent"));
    if (m_voicemail)
        m_idleTabs->setTabText(m_idleTabs->indexOf(m_voicemail),
                               unheard > 0 ? tr("Voicemail (%1)").arg(unheard) : tr("Voicemail"));
    updateGeometry();
    Q_EMIT waitingChanged(missed, unheard);
}

void PhoneView::addVoicemail(VoicemailPanel *voicemail)
{
    m_voicemail = voicemail;
    const int after = m_recentPage ? m_idleTabs->indexOf(m_recentPage) + 1 : 1;
    m_idleTabs->insertTab(after, voicemail, tr("Voicemail"));
    updateGeometry();
    connect(voicemail, &VoicemailPanel::callBackRequested, this, &PhoneView::callBack);
    // Messages play through the speaker calls use, when Qt knows it by the web engine's name for it.
    const auto followSpeaker = [this, voicemail] {
        const auto outputs = m_bridge->outputDevices();
        for (const auto &device : outputs) {
            if (device.id == m_bridge->speakerDeviceId())
                voicemail->player()->setSpeakerName(device.label);
        }
    };
    connect(m_bridge, &PhoneBridge::audioDevicesChanged, voicemail, followSpeaker);
    followSpeaker();
    connect(voicemail, &VoicemailPanel::unheardCountChanged, this, &PhoneView::showWaiting);
    connect(voicemail, &VoicemailPanel::messageArrived, this, &PhoneView::messageArrived);
}

void PhoneView::callBack(const QString &address)
{
    m_number->setNumber(address);
    m_idleTabs->setCurrentWidget(m_dialPad);
    placeCall();
}

void PhoneView::setOwnNumbers(const QList<QPair<QString, QString>> &numbersAndLabels)
{
    m_ownNumbers = numbersAndLabels;
}

void PhoneView::setOwnAddress(const QString &address, const QString &label)
{
    m_ownAddress = address;
    m_ownLabel = label;
    showState();
}

void PhoneView::prepareCall(const QString &number)
{
    m_number->setNumber(number);
    m_number->setFocus();
}

QString PhoneView::statusText() const
{
    return m_status->text();
}

QString PhoneView::displayName(const QString &remote, const QString &region)
{
    if (Phone::ClientAddress::hasPrefix(remote))
        return remote;
    const auto number = Phone::PhoneNumber::parse(remote, region);
    return number ? number->international() : remote;
}

void PhoneView::placeCall()
{
    const QString dial = m_number->dialString();
    if (dial.isEmpty() || m_bridge->state() != PhoneBridge::State::Ready)
        return;
    m_missedNote.clear();
    m_callProblem.clear();
    // A number no server would route is refused here, where the person looks, and not after a round trip.
    if (!dial.contains(u':')) {
        if (const auto number = Phone::PhoneNumber::parse(dial, m_region); !number) {
            showCallProblem(tr("Cannot call: %1").arg(number.error()));
            return;
        }
    }
    showState();
    m_bridge->call(dial);
}

void PhoneView::showCallProblem(const QString &sentence)
{
    m_callProblem = sentence;
    showState();
}

void PhoneView::showState()
{
    const PhoneBridge::State state = m_bridge->state();
    QString text;
    switch (state) {
    case PhoneBridge::State::Offline:
        text = tr("Offline");
        break;
    case PhoneBridge::State::Registering:
        text = tr("Connecting…");
        break;
    case PhoneBridge::State::Ready:
        text = tr("Ready");
        break;
    case PhoneBridge::State::Ringing:
        text = tr("Ringing");
        break;
    case PhoneBridge::State::InCall:
        text = tr("In a call");
        break;
    case PhoneBridge::State::Error:
        text = tr("Not connected: %1").arg(m_bridge->errorText());
        break;
    }
    if (!m_ownAddress.isEmpty())
        text += QStringLiteral("  ·  ") + displayName(m_ownAddress, m_region)
            + (m_ownLabel.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_ownLabel));
    if (!m_missedNote.isEmpty())
        text += u'\n' + m_missedNote;
    if (!m_callProblem.isEmpty())
        text += u'\n' + m_callProblem;
    m_status->setText(text);
    m_call->setEnabled(state == PhoneBridge::State::Ready && !m_number->dialString().isEmpty());
}

void PhoneView::showCall()
{
    showCallPage();
    showCallWaiting();
    const bool ringingNow = m_pages->currentWidget() == m_prompt;
    if (std::exchange(m_ringingShown, ringingNow) && !ringingNow)
        Q_EMIT ringingEnded();
}

void PhoneView::showCallPage()
{
    const auto call = m_bridge->currentCall();
    if (!call) {
        // The call just ended: Recent shows what the log has now, and follows it as the server's last
        // word on the call is stored (RecentCallsList::callLogChanged).
        if (std::exchange(m_hadCall, false) && m_recentCalls)
            m_recentCalls->refresh();
        m_controller->setCall(QString());
        m_pages->setCurrentWidget(m_idlePage);
        m_number->setFocus();
        showState();
        return;
    }
    m_hadCall = true;
    const QString remote = displayName(call->remote, m_region);
    if (call->direction == PhoneBridge::Direction::Incoming && !call->answered) {
        // Which line rang: the one the call names, or this phone's only one.
        QString line = call->line;
        if (line.isEmpty() && m_ownNumbers.size() == 1)
            line = m_ownNumbers.first().first;
        QString lineText;
        if (!line.isEmpty()) {
            lineText = displayName(line, m_region);
            for (const auto &[number, label] : std::as_const(m_ownNumbers)) {
                if (number == line && !label.isEmpty())
                    lineText += QStringLiteral(" (%1)").arg(label);
            }
        }
        const QString callerLabel = m_labelFor ? m_labelFor(call->remote) : QString();
        m_prompt->showCaller(
            callerLabel.isEmpty() ? remote : QStringLiteral("%1 (%2)").arg(remote, callerLabel), lineText);
        m_pages->setCurrentWidget(m_prompt);
    } else {
        // Another call (the one that waited, or the one that held, back) is shown afresh.
        if (m_pages->currentWidget() != m_callPanel || call->callSid != m_panelCallSid)
            m_callPanel->showCall(remote, call->answered ? QString() : tr("Calling…"));
        m_panelCallSid = call->callSid;
        if (call->answered)
            m_callPanel->setAnswered(call->answeredAt);
        m_callPanel->setMuted(call->muted);
        const bool controlled = m_control && call->answered && !call->callSid.isEmpty();
        m_callPanel->setHoldAvailable(controlled);
        m_controller->setCall(controlled ? call->callSid : QString());
        if (m_pages->currentWidget() != m_callPanel) {
            m_pages->setCurrentWidget(m_callPanel);
            // The keyboard follows: the prompt's buttons, which had it, are gone.
            if (isActiveWindow())
                m_callPanel->setFocus(Qt::OtherFocusReason);
        }
    }
    showState();
}

void PhoneView::setCallControl(CallControl control, const QStringList &clients)
{
    m_control = std::move(control);
    m_colleagues = clients;
    m_controller->setControl(m_control);
    showCall();
}

void PhoneView::requestHold(bool hold)
{
    const auto call = m_bridge->currentCall();
    if (!m_control || !call || call->callSid.isEmpty())
        return;
    const QString callSid = call->callSid;
    m_callPanel->setHoldPending(true);
    m_holdPending = true;
    CallRequest request;
    request.callSid = callSid;
    request.action = hold ? Server::ApiPaths::holdAction() : Server::ApiPaths::resumeAction();
    m_control(request,
              [this, guard = QPointer<PhoneView>(this), callSid, hold](const Result<QJsonObject> &answer) {
                  if (!guard)
                      return;
                  m_holdPending = false;
                  const auto now = m_bridge->currentCall();
                  if (!now || now->callSid != callSid)
                      return; // that call is over
                  m_callPanel->setHoldPending(false);
                  if (answer)
                      m_callPanel->setHeld(hold);
                  else
                      m_callPanel->showProblem((hold ? tr("The call could not be put on hold: %1")
                                                     : tr("The call could not be resumed: %1"))
                                                   .arg(answer.error()));
                  m_controller->refresh();
              });
}

void PhoneView::showConference()
{
    ConferenceBar::View view;
    const auto nameOf = [this](const QString &address) { return displayName(address, m_region); };
    view.state = m_controller->stateText(nameOf);
    view.canBringIn = m_controller->canBringIn();
    view.canMerge = m_controller->canMerge();
    view.canHandOver = m_controller->canHandOver();
    if (const CallParty *party = m_controller->broughtIn()) {
        view.broughtIn = nameOf(party->address);
        view.broughtInRinging = party->isCalling();
    }
    m_callPanel->conferenceBar()->display(view);
    if (!m_controller->problem().isEmpty())
        m_callPanel->showProblem(m_controller->problem());
    // Hold shows what the server says: everyone else held (by Hold, or while a call was added) or not.
    if (!m_holdPending && !m_controller->isBusy()) {
        const auto &others = m_controller->others();
        const bool anyPresent
            = std::any_of(others.cbegin(), others.cend(), [](const CallParty &p) { return p.isPresent(); });
        const bool allHeld = std::all_of(others.cbegin(), others.cend(),
                                         [](const CallParty &p) { return !p.isPresent() || p.onHold; });
        if (anyPresent && !m_controller->broughtIn())
            m_callPanel->setHeld(allHeld);
    }
}

void PhoneView::showCallWaiting()
{
    const auto waiting = m_bridge->waitingCall();
    const auto call = m_bridge->currentCall();
    const bool holdsFirst = m_control && call && call->answered && !call->callSid.isEmpty();
    m_waitingBanner->showWaiting(
        waiting && !m_bridge->isWaitingIgnored() ? displayName(waiting->remote, m_region) : QString(),
        holdsFirst);
    const auto held = m_bridge->heldCall();
    m_waitingBanner->showHeld(held ? displayName(held->remote, m_region) : QString());
    // End and answer: the waiting call rings as a call of its own once the one before ended.
    if (call && !m_answerWhenRinging.isEmpty() && call->callSid == m_answerWhenRinging && !call->answered) {
        m_answerWhenRinging.clear();
        m_bridge->accept();
    }
}

void PhoneView::answerWaiting()
{
    const auto waiting = m_bridge->waitingCall();
    const auto call = m_bridge->currentCall();
    if (!waiting)
        return;
    if (!m_control || !call || !call->answered || call->callSid.isEmpty()) {
        // No server to hold the call on: it ends, and the waiting call is answered as it rings.
        m_answerWhenRinging = waiting->callSid;
        m_bridge->hangUp();
        return;
    }
    // Held first, at the server: the other side hears hold music, not silence, while the person is away.
    m_waitingBanner->setPending(true);
    CallRequest request;
    request.callSid = call->callSid;
    request.action = Server::ApiPaths::holdAction();
    const QString waitingSid = waiting->callSid;
    m_control(request,
              [this, guard = QPointer<PhoneView>(this), waitingSid](const Result<QJsonObject> &answer) {
                  if (!guard)
                      return;
                  m_waitingBanner->setPending(false);
                  const auto still = m_bridge->waitingCall();
                  if (!still || still->callSid != waitingSid) {
                      // It stopped waiting meanwhile: the call held for it comes back.
                      if (answer)
                          requestHold(false);
                      return;
                  }
                  if (!answer) {
                      m_callPanel->showProblem(
                          tr("The call could not be put on hold, so the waiting call was not answered: %1")
                              .arg(answer.error()));
                      return;
                  }
                  m_bridge->acceptWaiting();
              });
}

void PhoneView::askTarget(bool transfer)
{
    auto *dialog = new CallTargetDialog(
        transfer ? CallTargetDialog::Purpose::Transfer : CallTargetDialog::Purpose::Add, m_colleagues, this);
    dialog->setObjectName(QStringLiteral("callTarget"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, transfer] {
        if (transfer)
            m_controller->transfer(dialog->target(), dialog->talkFirst());
        else
            m_controller->add(dialog->target());
    });
    dialog->open();
}

void PhoneView::sendDigits(const QString &digits)
{
    m_bridge->sendDigits(digits);
    m_callPanel->noteDigitsSent(digits);
}

void PhoneView::keyPressEvent(QKeyEvent *event)
{
    const auto call = m_bridge->currentCall();
    const QString typed = event->text();
    if (event->key() == Qt::Key_Escape) {
        if (call && call->direction == PhoneBridge::Direction::Incoming && !call->answered)
            m_bridge->reject();
        else if (call)
            m_bridge->hangUp();
        else
            m_number->clear();
        return;
    }
    // During a call, keys are tones.
    if (call && call->answered && typed.size() == 1 && QStringLiteral("0123456789*#").contains(typed)) {
        sendDigits(typed);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && call
        && call->direction == PhoneBridge::Direction::Incoming && !call->answered) {
        m_bridge->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Phone
