#include "ui/admin/ClientDialog.h"

#include "core/phone/ClientAddress.h"
#include "core/store/ClientStore.h"
#include "ui/TextTone.h"
#include "ui/admin/SecretChoice.h"
#include "ui/admin/Sentence.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Admin {

ClientDialog::ClientDialog(Apply apply, QWidget *parent)
    : QDialog(parent)
    , m_apply(std::move(apply))
{
    setWindowTitle(tr("Add client"));
    m_name = new QLineEdit(this);
    m_name->setMaxLength(Phone::ClientAddress::maxNameLength + 1); // one more, so too long is explained
    m_name->setPlaceholderText(tr("for example front_desk"));
    build(true);
}

ClientDialog::ClientDialog(const QString &name, Apply apply, QWidget *parent)
    : QDialog(parent)
    , m_apply(std::move(apply))
{
    setWindowTitle(tr("Set secret of %1").arg(name));
    m_name = new QLineEdit(name, this);
    m_name->setReadOnly(true);
    build(false);
}

void ClientDialog::build(bool adding)
{
    m_name->setObjectName(QStringLiteral("name"));
    m_nameProblem = new QLabel(this);
    m_nameProblem->setTextFormat(Qt::PlainText); // quotes the typed name
    m_nameProblem->setObjectName(QStringLiteral("nameProblem"));
    m_nameProblem->setWordWrap(true);
    m_secret = new SecretChoice(this);
    auto *where = new QLabel(tr("The client sends its name and this secret as the Basic-auth user and "
                                "password of POST /token to get its access tokens."),
                             this);
    where->setWordWrap(true);
    m_refusal = new QLabel(this);
    m_refusal->setTextFormat(Qt::PlainText);
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_refusal->setWordWrap(true);
    Ui::TextTone::set(m_refusal, Ui::TextTone::Problem);
    m_refusal->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(adding ? tr("Add client") : tr("Set secret"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    if (adding)
        form->addRow(QString(), m_nameProblem);
    else
        m_nameProblem->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_secret);
    layout->addWidget(where);
    layout->addWidget(m_refusal);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    connect(m_name, &QLineEdit::textChanged, this, &ClientDialog::update);
    connect(m_secret, &SecretChoice::changed, this, &ClientDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ClientDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

QString ClientDialog::name() const
{
    return m_name->text().trimmed();
}

void ClientDialog::update()
{
    const QString problem = Phone::ClientAddress::nameProblem(name());
    // An empty name is the start, not a mistake: say what is allowed instead.
    m_nameProblem->setText(name().isEmpty() ? tr("Letters A-Z, digits and '_': the identity the phone "
                                                 "registers under.")
                                            : sentence(problem));
    Ui::TextTone::set(m_nameProblem,
                      name().isEmpty() || problem.isEmpty() ? Ui::TextTone::Plain : Ui::TextTone::Problem);
    m_refusal->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && m_secret->problem().isEmpty());
}

void ClientDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return; // Enter in a field while the input is still invalid
    QByteArray secret;
    if (m_secret->generates()) {
        const auto generated = Store::ClientStore::generateSecret();
        if (!generated) {
            m_refusal->setText(sentence(generated.error()));
            m_refusal->show();
            return;
        }
        secret = *generated;
    } else {
        secret = m_secret->typedSecret();
    }
    const QString refusal = m_apply(name(), secret);
    if (!refusal.isEmpty()) {
        m_refusal->setText(sentence(refusal));
        m_refusal->show();
        return;
    }
    if (m_secret->generates())
        m_generatedSecret = secret;
    QDialog::accept();
}

} // namespace Admin
