#include "ui/phone/CallTargetDialog.h"

#include "core/phone/ClientAddress.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace Phone {

CallTargetDialog::CallTargetDialog(Purpose purpose, const QStringList &clients, QWidget *parent)
    : QDialog(parent)
{
    const bool transfer = purpose == Purpose::Transfer;
    setWindowTitle(transfer ? tr("Transfer call") : tr("Add a call"));
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->addItems(clients);
    m_target->setCurrentIndex(-1);
    m_target->lineEdit()->setPlaceholderText(tr("A colleague, or a number"));
    m_talkFirst = new QCheckBox(tr("Talk to them first, while the caller holds"), this);
    m_talkFirst->setObjectName(QStringLiteral("talkFirst"));
    m_talkFirst->setVisible(transfer);
    auto *explanation
        = new QLabel(transfer ? tr("The caller holds with music until the call is passed on. "
                                   "Without talking first, you leave the call at once and the "
                                   "caller goes through when they answer.")
                              : tr("The call holds with music while you talk to them; then merge "
                                   "the calls, or hand the call over to them."),
                     this);
    explanation->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(transfer ? tr("Transfer") : tr("Call"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&To:"), m_target);
    form->addRow(QString(), m_talkFirst);
    form->addRow(explanation);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QComboBox::currentTextChanged, this, &CallTargetDialog::updateButtons);
    updateButtons();
    setMinimumWidth(360);
}

QString CallTargetDialog::target() const
{
    QString text = m_target->currentText().trimmed();
    if (text.isEmpty() || ClientAddress::parse(text))
        return text;
    // A name with no digit is a colleague; anything else is a number for the server to read.
    static const QRegularExpression digit(QStringLiteral("\\d"));
    return text.contains(digit) ? text : ClientAddress::addressOf(text);
}

bool CallTargetDialog::talkFirst() const
{
    return !m_talkFirst->isHidden() && m_talkFirst->isChecked();
}

void CallTargetDialog::setTargetText(const QString &text)
{
    m_target->setEditText(text);
}

void CallTargetDialog::setTalkFirst(bool talkFirst)
{
    m_talkFirst->setChecked(talkFirst);
}

void CallTargetDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!target().isEmpty());
}

} // namespace Phone
