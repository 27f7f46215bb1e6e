#include "ui/admin/SecretShownOnceDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Admin {

SecretShownOnceDialog::SecretShownOnceDialog(const QString &clientName, const QString &secret,
                                             QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Secret of %1").arg(clientName));
    auto *heading
        = new QLabel(tr("<b>The new secret of client %1:</b>").arg(clientName.toHtmlEscaped()), this);
    auto *field = new QLineEdit(secret, this);
    field->setObjectName(QStringLiteral("secret"));
    field->setReadOnly(true);
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field->setAccessibleName(tr("Secret"));
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(secret) + 24);
    auto *copy = new QPushButton(tr("&Copy"), this);
    copy->setObjectName(QStringLiteral("copy"));
    auto *explanation = new QLabel(
        tr("Put it in the client's settings now: it is the password the client sends, with its name %1 as "
           "the user, in the Basic authentication of POST /token.<br><br><b>It will not be shown again.</b> "
           "Switchboard stores only its hash; if it is lost, set a new secret.")
            .arg(clientName.toHtmlEscaped()),
        this);
    explanation->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(row);
    layout->addWidget(explanation);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(copy, &QPushButton::clicked, this, [field, copy] {
        QGuiApplication::clipboard()->setText(field->text());
        copy->setText(tr("Copied"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    field->selectAll();
    field->setFocus();
}

} // namespace Admin
