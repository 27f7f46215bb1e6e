#include "ui/phone/ConferenceBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Phone {
namespace {

QPushButton *button(const QString &text, const QString &name, const QKeySequence &shortcut,
                    const QString &tip, QWidget *parent)
{
    auto *made = new QPushButton(text, parent);
    made->setObjectName(name);
    made->setShortcut(shortcut);
    made->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    return made;
}

} // namespace

ConferenceBar::ConferenceBar(QWidget *parent)
    : QWidget(parent)
{
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("conferenceState"));
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setStyleSheet(QStringLiteral("QLabel { background: #e3f2fd; color: #0d47a1; padding: 4px; }"));
    m_state->setVisible(false);
    m_transfer
        = button(tr("Transfer…"), QStringLiteral("transfer"), QKeySequence(Qt::CTRL | Qt::Key_T),
                 tr("Pass the call to a colleague or a number, at once or after talking to them"), this);
    m_add = button(tr("Add call…"), QStringLiteral("addCall"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                   tr("Hold this call and call someone else, to talk to them or to merge the calls"), this);
    m_merge = button(tr("Merge"), QStringLiteral("merge"), QKeySequence(Qt::CTRL | Qt::Key_M),
                     tr("Bring everyone on hold back: one call for all of you"), this);
    m_handOver
        = button(tr("Hand over"), QStringLiteral("handOver"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                 tr("Leave the call to the others: they stay connected"), this);
    m_drop
        = button(tr("Cancel"), QStringLiteral("dropParty"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
                 tr("Stop calling, or hang up on, the person you brought in, and go back to the call"), this);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *each : { m_transfer, m_add, m_merge, m_handOver, m_drop })
        buttons->addWidget(each);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addLayout(buttons);

    connect(m_transfer, &QPushButton::clicked, this, &ConferenceBar::transferRequested);
    connect(m_add, &QPushButton::clicked, this, &ConferenceBar::addRequested);
    connect(m_merge, &QPushButton::clicked, this, &ConferenceBar::mergeRequested);
    connect(m_handOver, &QPushButton::clicked, this, &ConferenceBar::handOverRequested);
    connect(m_drop, &QPushButton::clicked, this, &ConferenceBar::dropRequested);
    display(View());
}

void ConferenceBar::display(const View &view)
{
    m_state->setText(view.state);
    m_state->setVisible(!view.state.isEmpty());
    m_transfer->setEnabled(view.canBringIn);
    m_add->setEnabled(view.canBringIn);
    // Merge and Hand over are there only when they can be used; Cancel names whom it stops.
    m_merge->setVisible(view.canMerge);
    m_handOver->setVisible(view.canHandOver);
    m_drop->setVisible(!view.broughtIn.isEmpty());
    const QKeySequence dropShortcut = m_drop->shortcut();
    m_drop->setText(view.broughtInRinging ? tr("Stop calling %1").arg(view.broughtIn)
                                          : tr("Drop %1").arg(view.broughtIn));
    m_drop->setShortcut(dropShortcut); // setText() put the text's mnemonic in its place
}

QString ConferenceBar::stateText() const
{
    return m_state->isVisibleTo(const_cast<ConferenceBar *>(this)) ? m_state->text() : QString();
}

} // namespace Phone
