#pragma once

// Shows a client's newly generated secret, the one time anyone sees it: only its hash is stored.

#include <QDialog>

namespace Admin {

class SecretShownOnceDialog : public QDialog
{
    Q_OBJECT

public:
    SecretShownOnceDialog(const QString &clientName, const QString &secret, QWidget *parent = nullptr);
};

} // namespace Admin
