#include "ui/phone/CallWaitingBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Phone {
namespace {

// The text names the shortcut. Set after the text, which would put its own mnemonic in the shortcut's place.
void label(QPushButton *button, const QString &text, const QKeySequence &shortcut)
{
    button->setText(QStringLiteral("%1 (%2)").arg(text, shortcut.toString(QKeySequence::NativeText)));
    button->setShortcut(shortcut);
}

QKeySequence answerShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Return);
}

} // namespace

CallWaitingBanner::CallWaitingBanner(QWidget *parent)
    : QWidget(parent)
{
    m_waiting = new QWidget(this);
    m_waiting->setObjectName(QStringLiteral("callWaiting"));
    m_waiting->setAttribute(Qt::WA_StyledBackground);
    m_waiting->setStyleSheet(QStringLiteral(
        "#callWaiting { background: #e8f5e9; border: 1px solid #2e7d32; border-radius: 4px; }"));
    m_caller = new QLabel(m_waiting);
    m_caller->setObjectName(QStringLiteral("waitingCaller"));
    m_caller->setTextFormat(Qt::PlainText);
    m_caller->setWordWrap(true);
    m_answer = new QPushButton(m_waiting);
    m_answer->setObjectName(QStringLiteral("answerWaiting"));
    m_decline = new QPushButton(m_waiting);
    m_decline->setObjectName(QStringLiteral("declineWaiting"));
    label(m_decline, tr("Decline"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_decline->setToolTip(tr("The caller reaches voicemail"));
    m_ignore = new QPushButton(m_waiting);
    m_ignore->setObjectName(QStringLiteral("ignoreWaiting"));
    label(m_ignore, tr("Ignore"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_ignore->setToolTip(tr("Let it ring out unanswered: the caller reaches voicemail"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_answer);
    buttons->addWidget(m_decline);
    buttons->addWidget(m_ignore);
    auto *waitingLayout = new QVBoxLayout(m_waiting);
    waitingLayout->addWidget(m_caller);
    waitingLayout->addLayout(buttons);

    m_held = new QLabel(this);
    m_held->setObjectName(QStringLiteral("heldCall"));
    m_held->setTextFormat(Qt::PlainText);
    m_held->setWordWrap(true);
    m_held->setStyleSheet(QStringLiteral("QLabel { color: black; background: #ffb300; padding: 4px; }"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_waiting);
    layout->addWidget(m_held);

    connect(m_answer, &QPushButton::clicked, this, &CallWaitingBanner::answerRequested);
    connect(m_decline, &QPushButton::clicked, this, &CallWaitingBanner::declineRequested);
    connect(m_ignore, &QPushButton::clicked, this, &CallWaitingBanner::ignoreRequested);
    showWaiting(QString(), false);
    showHeld(QString());
}

void CallWaitingBanner::showWaiting(const QString &caller, bool holdsFirst)
{
    m_caller->setText(caller.isEmpty() ? QString() : tr("Call waiting: %1").arg(caller));
    label(m_answer, holdsFirst ? tr("Hold and answer") : tr("End and answer"), answerShortcut());
    m_answer->setToolTip(holdsFirst ? tr("The call you are on holds with music until this one ends")
                                    : tr("The call you are on ends"));
    m_waiting->setVisible(!caller.isEmpty());
    // The shortcuts act only while there is something to act on.
    for (QPushButton *button : { m_answer, m_decline, m_ignore })
        button->setEnabled(!caller.isEmpty());
    updateVisibility();
}

void CallWaitingBanner::showHeld(const QString &caller)
{
    m_held->setText(caller.isEmpty()
                        ? QString()
                        : tr("%1 is on hold; the call comes back when this one ends").arg(caller));
    m_held->setVisible(!caller.isEmpty());
    updateVisibility();
}

void CallWaitingBanner::setPending(bool pending)
{
    for (QPushButton *button : { m_answer, m_decline, m_ignore })
        button->setEnabled(!pending && !m_waiting->isHidden());
}

QString CallWaitingBanner::waitingText() const
{
    return m_waiting->isHidden() ? QString() : m_caller->text();
}

QString CallWaitingBanner::heldText() const
{
    return m_held->isHidden() ? QString() : m_held->text();
}

void CallWaitingBanner::updateVisibility()
{
    setVisible(!m_waiting->isHidden() || !m_held->isHidden());
}

} // namespace Phone
