#include "ui/phone/IncomingCallPrompt.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Phone {

IncomingCallPrompt::IncomingCallPrompt(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("Incoming call"), this);
    title->setAlignment(Qt::AlignCenter);
    m_caller = new QLabel(this);
    m_caller->setTextFormat(Qt::PlainText); // the caller chooses this text: never markup
    QFont callerFont = m_caller->font();
    callerFont.setPointSizeF(callerFont.pointSizeF() * 1.6);
    m_caller->setFont(callerFont);
    m_caller->setAlignment(Qt::AlignCenter);
    m_line = new QLabel(this);
    m_line->setTextFormat(Qt::PlainText);
    m_line->setAlignment(Qt::AlignCenter);

    m_accept
        = new QPushButton(tr("Accept (%1)").arg(acceptShortcut().toString(QKeySequence::NativeText)), this);
    m_accept->setObjectName(QStringLiteral("accept"));
    m_accept->setFocusPolicy(Qt::NoFocus);
    m_accept->setStyleSheet(
        QStringLiteral("QPushButton { background: #2e7d32; color: white; padding: 8px 22px; }"));
    m_decline = new QPushButton(tr("Decline"), this);
    m_decline->setObjectName(QStringLiteral("decline"));
    m_decline->setFocusPolicy(Qt::NoFocus);
    m_decline->setStyleSheet(
        QStringLiteral("QPushButton { background: #c62828; color: white; padding: 8px 22px; }"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_decline);
    buttons->addWidget(m_accept);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title);
    layout->addWidget(m_caller);
    layout->addWidget(m_line);
    layout->addStretch(1);
    layout->addLayout(buttons);
    connect(m_accept, &QPushButton::clicked, this, &IncomingCallPrompt::acceptRequested);
    connect(m_decline, &QPushButton::clicked, this, &IncomingCallPrompt::declineRequested);
    // Active while this prompt shows, wherever in the window the keyboard is.
    auto *accept = new QShortcut(acceptShortcut(), this, this, &IncomingCallPrompt::acceptRequested);
    accept->setContext(Qt::WindowShortcut);
}

QKeySequence IncomingCallPrompt::acceptShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_Return);
}

QString IncomingCallPrompt::acceptButtonText() const
{
    return m_accept->text();
}

void IncomingCallPrompt::showCaller(const QString &caller, const QString &line)
{
    m_caller->setText(caller.isEmpty() ? tr("Unknown caller") : caller);
    m_line->setText(line.isEmpty() ? QString() : tr("on %1").arg(line));
    m_line->setVisible(!line.isEmpty());
}

QString IncomingCallPrompt::callerText() const
{
    return m_caller->text();
}

QString IncomingCallPrompt::lineText() const
{
    return m_line->text();
}

} // namespace Phone
