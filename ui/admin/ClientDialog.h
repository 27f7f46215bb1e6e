#pragma once

// Asks for a new client's name and secret, or for a new secret of an existing client, and hands them to
// the store; a refusal is shown here and the dialog stays open, so nothing typed is lost.

#include <QDialog>

#include <functional>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace Admin {

class SecretChoice;

class ClientDialog : public QDialog
{
    Q_OBJECT

public:
    // Writes name and secret to the store; returns the store's refusal, or an empty string.
    using Apply = std::function<QString(const QString &name, const QByteArray &secret)>;

    // A dialog that adds a client.
    ClientDialog(Apply apply, QWidget *parent = nullptr);
    // A dialog that sets the secret of client name.
    ClientDialog(const QString &name, Apply apply, QWidget *parent = nullptr);

    QString name() const;
    // The secret generated for the client once applied, to be shown once; empty when it was typed.
    QByteArray generatedSecret() const { return m_generatedSecret; }

    void accept() override;

private:
    void build(bool adding);
    void update();

    Apply m_apply;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameProblem = nullptr;
    SecretChoice *m_secret = nullptr;
    QLabel *m_refusal = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QByteArray m_generatedSecret;
};

} // namespace Admin
