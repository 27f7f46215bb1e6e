#include "ui/phone/SimulateCallDialog.h"

#include "core/phone/PhoneNumber.h"
#include "ui/TextTone.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Phone {

namespace {

QString shown(const QString &e164, const QString &region)
{
    const auto number = Phone::PhoneNumber::parse(e164, region);
    return number ? number->international() : e164;
}

} // namespace

QStringList SimulateCallDialog::sampleNumbers()
{
    QStringList numbers;
    for (int last = 4568; last <= 4577; ++last)
        numbers << QStringLiteral("+81503123") + QString::number(last);
    return numbers;
}

SimulateCallDialog::SimulateCallDialog(const QStringList &ownNumbers, const QString &clientName,
                                       const QString &region, const QString &offeredNumber,
                                       AddNumber addNumber, QWidget *parent)
    : QDialog(parent)
    , m_clientName(clientName)
    , m_region(region)
    , m_offeredNumber(offeredNumber)
    , m_addNumber(std::move(addNumber))
{
    setWindowTitle(tr("Simulate incoming call"));
    setMinimumWidth(440); // the explanation reads as sentences, not as a column of words
    auto *explanation = new QLabel(
        tr("An outside phone calls one of your Twilio numbers. Switchboard plays Twilio's part: the call "
           "goes through your own webhook server, which rings this phone if the number is mapped to "
           "client <b>%1</b>. Nothing goes to Twilio, and nothing is charged.")
            .arg(clientName.toHtmlEscaped()),
        this);
    explanation->setWordWrap(true);
    explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation = explanation;
    m_from = new QLineEdit(QString::fromLatin1(sampleCaller), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("to"));
    m_to->setEditable(true);
    m_to->addItems(ownNumbers);
    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_call = buttons->button(QDialogButtonBox::Ok);
    m_call->setText(tr("Call"));
    m_call->setObjectName(QStringLiteral("call"));
    if (ownNumbers.isEmpty()) {
        // Without a number that rings this phone the call would ring nobody: offer one.
        m_hint = new QLabel(this);
        m_hint->setObjectName(QStringLiteral("hint"));
        m_hint->setTextFormat(Qt::PlainText);
        m_hint->setWordWrap(true);
        layout->addWidget(m_hint);
        if (offeredNumber.isEmpty()) {
            m_hint->setText(
                tr("No number rings this phone (client %1) yet: map one to it on the Numbers page.")
                    .arg(clientName));
        } else {
            m_hint->setText(tr("No number rings this phone (client %1) yet.").arg(clientName));
            m_addSample
                = new QPushButton(tr("&Map %1 to this phone").arg(shown(offeredNumber, region)), this);
            m_addSample->setObjectName(QStringLiteral("addNumber"));
            m_addSample->setToolTip(tr("Adds the number on the Numbers page, ringing client %1; you can "
                                       "remove it there later")
                                        .arg(clientName));
            m_addSample->setDefault(true);
            layout->addWidget(m_addSample, 0, Qt::AlignLeft);
            connect(m_addSample, &QPushButton::clicked, this, &SimulateCallDialog::addSampleNumber);
        }
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_to, &QComboBox::currentTextChanged, this, &SimulateCallDialog::updateCallButton);
    connect(m_from, &QLineEdit::textChanged, this, &SimulateCallDialog::updateCallButton);
    updateCallButton();
}

void SimulateCallDialog::setPhoneOnTwilio()
{
    m_explanation->setText(tr(
        "An outside phone calls one of your Twilio numbers. Switchboard plays Twilio's part: the call goes "
        "through your own webhook server, and you see which client it rings. This phone takes its calls "
        "from Twilio, so it does not ring for a simulated call. Nothing goes to Twilio, and nothing is "
        "charged."));
}

QString SimulateCallDialog::from() const
{
    return m_from->text().trimmed();
}

QString SimulateCallDialog::to() const
{
    return m_to->currentText().trimmed();
}

void SimulateCallDialog::addSampleNumber()
{
    const QString number = m_offeredNumber;
    const QString problem = m_addNumber ? m_addNumber(number) : tr("numbers cannot be added here");
    if (!problem.isEmpty()) {
        m_hint->setText(tr("%1 could not be mapped to this phone: %2. Map a number to client %3 on the "
                           "Numbers page, then try again.")
                            .arg(shown(number, m_region), problem, m_clientName));
        Ui::TextTone::set(m_hint, Ui::TextTone::Problem);
        return;
    }
    m_to->insertItem(0, number);
    m_to->setCurrentIndex(0);
    m_hint->setText(tr("%1 now rings this phone. Click Call to ring it.").arg(shown(number, m_region)));
    Ui::TextTone::set(m_hint, Ui::TextTone::Plain);
    m_addSample->hide();
    m_call->setDefault(true);
    m_call->setFocus();
}

void SimulateCallDialog::updateCallButton()
{
    m_call->setEnabled(!from().isEmpty() && !to().isEmpty());
}

} // namespace Phone
