#include "ui/phone/CallPanel.h"

#include "ui/phone/ConferenceBar.h"
#include "ui/phone/DialPad.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Phone {
namespace {

QKeySequence holdShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_H);
}

} // namespace

CallPanel::CallPanel(QWidget *parent)
    : QWidget(parent)
{
    m_remote = new QLabel(this);
    m_remote->setTextFormat(Qt::PlainText); // who calls is the caller's to say: never markup
    QFont remoteFont = m_remote->font();
    remoteFont.setPointSizeF(remoteFont.pointSizeF() * 1.6);
    m_remote->setFont(remoteFont);
    m_remote->setAlignment(Qt::AlignCenter);
    m_remote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAlignment(Qt::AlignCenter);

    m_digits = new QLabel(this);
    m_digits->setTextFormat(Qt::PlainText);
    m_digits->setAlignment(Qt::AlignCenter);
    m_digits->setVisible(false);
    m_muted = new QLabel(tr("Muted: the other side cannot hear you"), this);
    m_muted->setAlignment(Qt::AlignCenter);
    m_muted->setStyleSheet(QStringLiteral("QLabel { color: white; background: #c62828; padding: 4px; }"));
    m_muted->setVisible(false);

    m_held = new QLabel(tr("On hold: the other side hears a hold message and nothing of you"), this);
    m_held->setObjectName(QStringLiteral("held"));
    m_held->setAlignment(Qt::AlignCenter);
    m_held->setStyleSheet(QStringLiteral("QLabel { color: black; background: #ffb300; padding: 4px; }"));
    m_held->setVisible(false);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("callProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setAlignment(Qt::AlignCenter);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_problem->setVisible(false);

    m_mute = new QPushButton(tr("Mute"), this);
    m_mute->setCheckable(true);
    m_mute->setStyleSheet(QStringLiteral("QPushButton:checked { background: #c62828; color: white; }"));
    m_keypadToggle = new QPushButton(tr("Keypad"), this);
    m_keypadToggle->setCheckable(true);
    m_hold = new QPushButton(tr("Hold"), this);
    m_hold->setObjectName(QStringLiteral("hold"));
    m_hold->setCheckable(true);
    m_hold->setShortcut(holdShortcut());
    m_hold->setToolTip(tr("Put the other side on hold, with music (Ctrl+H)"));
    m_hold->setStyleSheet(QStringLiteral("QPushButton:checked { background: #ffb300; color: black; }"));
    m_hold->setVisible(false);
    m_hangUp = new QPushButton(tr("Hang up"), this);
    m_hangUp->setObjectName(QStringLiteral("hangUp"));
    m_hangUp->setStyleSheet(
        QStringLiteral("QPushButton { background: #c62828; color: white; padding: 6px 18px; }"));
    const auto meter = [this](const QString &name) {
        auto *bar = new QProgressBar(this);
        bar->setRange(0, 100);
        bar->setTextVisible(false);
        bar->setMaximumHeight(8);
        bar->setAccessibleName(name);
        return bar;
    };
    m_inputLevel = meter(tr("Microphone level"));
    m_outputLevel = meter(tr("Speaker level"));
    m_keypad = new DialPad(this);
    m_keypad->setVisible(false);
    m_conference = new ConferenceBar(this);
    m_conference->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_mute);
    buttons->addWidget(m_keypadToggle);
    buttons->addWidget(m_hold);
    buttons->addWidget(m_hangUp);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_remote);
    layout->addWidget(m_status);
    layout->addWidget(m_digits);
    layout->addStretch(1);
    layout->addWidget(m_muted);
    layout->addWidget(m_held);
    layout->addWidget(m_problem);
    auto *levels = new QFormLayout;
    levels->addRow(tr("Mic"), m_inputLevel);
    levels->addRow(tr("Speaker"), m_outputLevel);
    layout->addLayout(levels);
    layout->addWidget(m_keypad, 4);
    layout->addWidget(m_conference);
    layout->addLayout(buttons);

    setFocusProxy(m_hangUp); // the panel takes the keyboard at its Hang up button
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &CallPanel::updateDuration);
    connect(m_mute, &QPushButton::toggled, this, [this](bool muted) {
        showMuted(muted);
        Q_EMIT muteToggled(muted);
    });
    connect(m_keypadToggle, &QPushButton::toggled, m_keypad, &QWidget::setVisible);
    connect(m_keypad, &DialPad::keyPressed, this, &CallPanel::digitPressed);
    connect(m_hangUp, &QPushButton::clicked, this, &CallPanel::hangUpRequested);
    connect(m_hold, &QPushButton::clicked, this, [this](bool checked) {
        // The button shows what the server did, not what was pressed: it changes once the answer comes.
        const QSignalBlocker blocker(m_hold);
        m_hold->setChecked(!checked);
        Q_EMIT holdToggled(checked);
    });
}

void CallPanel::setHoldAvailable(bool available)
{
    m_hold->setVisible(available);
    m_conference->setVisible(available);
    if (!available)
        setHeld(false);
}

bool CallPanel::isHoldAvailable() const
{
    return m_hold->isVisibleTo(const_cast<CallPanel *>(this));
}

void CallPanel::setHeld(bool held)
{
    const QSignalBlocker blocker(m_hold);
    m_hold->setChecked(held);
    m_hold->setText(held ? tr("Resume") : tr("Hold"));
    m_hold->setShortcut(holdShortcut()); // setText() put the text's mnemonic in its place
    m_hold->setToolTip(held ? tr("Take the other side off hold (Ctrl+H)")
                            : tr("Put the other side on hold, with music (Ctrl+H)"));
    m_held->setVisible(held);
}

void CallPanel::setHoldPending(bool pending)
{
    m_hold->setEnabled(!pending);
    if (pending)
        m_problem->setVisible(false);
}

void CallPanel::showProblem(const QString &sentence)
{
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
}

QString CallPanel::heldText() const
{
    return m_held->isVisibleTo(const_cast<CallPanel *>(this)) ? m_held->text() : QString();
}

QString CallPanel::problemText() const
{
    return m_problem->isVisibleTo(const_cast<CallPanel *>(this)) ? m_problem->text() : QString();
}

void CallPanel::showCall(const QString &remote, const QString &status)
{
    m_remote->setText(remote);
    m_status->setText(status);
    m_answeredAt = QDateTime();
    m_ticker->stop();
    m_digitsSent.clear();
    m_digits->clear();
    m_digits->setVisible(false);
    setMuted(false);
    setHeld(false);
    setHoldPending(false);
    showProblem(QString());
    m_keypadToggle->setChecked(false);
    setLevels(0, 0);
}

void CallPanel::noteDigitsSent(const QString &digits)
{
    m_digitsSent += digits;
    m_digits->setText(tr("Tones sent: %1").arg(m_digitsSent));
    m_digits->setVisible(true);
}

QString CallPanel::digitsText() const
{
    return m_digits->isVisibleTo(const_cast<CallPanel *>(this)) ? m_digits->text() : QString();
}

QString CallPanel::mutedText() const
{
    return m_muted->isVisibleTo(const_cast<CallPanel *>(this)) ? m_muted->text() : QString();
}

void CallPanel::showMuted(bool muted)
{
    m_mute->setText(muted ? tr("Unmute") : tr("Mute"));
    m_muted->setVisible(muted);
    // Nothing of the microphone reaches the call: its meter says so rather than show the room's noise.
    m_inputLevel->setEnabled(!muted);
    if (muted)
        m_inputLevel->setValue(0);
}

void CallPanel::setAnswered(const QDateTime &answeredAt)
{
    m_answeredAt = answeredAt;
    updateDuration();
    m_ticker->start();
}

void CallPanel::setLevels(double input, double output)
{
    m_inputLevel->setValue(m_mute->isChecked() ? 0 : qBound(0, qRound(input * 100), 100));
    m_outputLevel->setValue(qBound(0, qRound(output * 100), 100));
}

int CallPanel::inputLevelPercent() const
{
    return m_inputLevel->value();
}

int CallPanel::outputLevelPercent() const
{
    return m_outputLevel->value();
}

void CallPanel::setMuted(bool muted)
{
    const QSignalBlocker blocker(m_mute);
    m_mute->setChecked(muted);
    showMuted(muted);
}

QString CallPanel::remoteText() const
{
    return m_remote->text();
}

QString CallPanel::statusText() const
{
    return m_status->text();
}

bool CallPanel::isMuted() const
{
    return m_mute->isChecked();
}

QString CallPanel::durationText(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = seconds / 60 % 60;
    const QString rest = QStringLiteral("%1:%2")
                             .arg(hours > 0 ? QStringLiteral("%1").arg(minutes, 2, 10, QLatin1Char('0'))
                                            : QString::number(minutes))
                             .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return hours > 0 ? QString::number(hours) + u':' + rest : rest;
}

void CallPanel::updateDuration()
{
    if (m_answeredAt.isValid())
        m_status->setText(durationText(m_answeredAt.secsTo(QDateTime::currentDateTimeUtc())));
}

} // namespace Phone
