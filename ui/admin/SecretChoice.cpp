#include "ui/admin/SecretChoice.h"

#include "core/store/ClientStore.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Admin {

SecretChoice::SecretChoice(QWidget *parent)
    : QWidget(parent)
{
    m_generate = new QRadioButton(
        tr("&Generate a secret (recommended; shown once, then only its hash is kept)"), this);
    m_type = new QRadioButton(tr("&Type a secret"), this);
    m_generate->setChecked(true);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_type->setObjectName(QStringLiteral("type"));
    m_secret = new QLineEdit(this);
    m_repeat = new QLineEdit(this);
    for (QLineEdit *field : { m_secret, m_repeat }) {
        field->setEchoMode(QLineEdit::Password);
        // Keeps the secret out of input methods' dictionaries and predictions.
        field->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
        connect(field, &QLineEdit::textChanged, this, &SecretChoice::update);
    }
    m_secret->setObjectName(QStringLiteral("secret"));
    m_repeat->setObjectName(QStringLiteral("secretAgain"));
    m_secret->setAccessibleName(tr("Secret"));
    m_repeat->setAccessibleName(tr("Secret again"));
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setObjectName(QStringLiteral("secretProblem"));
    m_problem->setWordWrap(true);

    auto *typed = new QFormLayout;
    typed->setContentsMargins(24, 0, 0, 0); // under the radio button it belongs to
    typed->addRow(tr("Secret:"), m_secret);
    typed->addRow(tr("Again:"), m_repeat);
    typed->addRow(QString(), m_problem);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_generate);
    layout->addWidget(m_type);
    layout->addLayout(typed);
    connect(m_type, &QRadioButton::toggled, this, &SecretChoice::update);
    update();
}

bool SecretChoice::generates() const
{
    return m_generate->isChecked();
}

QByteArray SecretChoice::typedSecret() const
{
    return m_secret->text().toUtf8();
}

QString SecretChoice::problem() const
{
    if (generates())
        return {};
    const QByteArray secret = typedSecret();
    // The store counts bytes: a secret of accented letters may pass with fewer characters.
    if (secret.size() < Store::ClientStore::minimumSecretLength)
        return tr("At least %1 characters.").arg(Store::ClientStore::minimumSecretLength);
    if (m_repeat->text() != m_secret->text())
        return tr("The two secrets differ.");
    return {};
}

void SecretChoice::update()
{
    m_secret->setEnabled(!generates());
    m_repeat->setEnabled(!generates());
    m_problem->setVisible(!generates());
    m_problem->setText(problem());
    if (!generates() && problem().isEmpty())
        m_problem->setText(tr("The secrets match."));
    Q_EMIT changed();
}

} // namespace Admin
