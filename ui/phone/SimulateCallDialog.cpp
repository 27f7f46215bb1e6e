#include "ui/phone/SimulateCallDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

SimulateCallDialog::SimulateCallDialog(const QStringList &ownNumbers, const QString &clientName,
                                       QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Simulate incoming call"));
    auto *explanation = new QLabel(
        tr("An outside phone calls one of your Twilio numbers. Switchboard plays Twilio's part: the call "
           "goes through your own webhook server, which rings this phone if the number is mapped to "
           "client <b>%1</b>.")
            .arg(clientName.toHtmlEscaped()),
        this);
    explanation->setWordWrap(true);
    m_from = new QLineEdit(QStringLiteral("+819059876543"), this); // the seed's caller
    m_to = new QComboBox(this);
    m_to->setEditable(true);
    m_to->addItems(ownNumbers);
    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    if (ownNumbers.isEmpty()) {
        auto *hint = new QLabel(tr("No number rings client %1 yet. Map one first, for example:\n"
                                   "switchboard number add +815031234567 %1")
                                    .arg(clientName),
                                this);
        hint->setTextFormat(Qt::PlainText);
        hint->setWordWrap(true);
        hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(hint);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Call"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SimulateCallDialog::from() const
{
    return m_from->text().trimmed();
}

QString SimulateCallDialog::to() const
{
    return m_to->currentText().trimmed();
}
