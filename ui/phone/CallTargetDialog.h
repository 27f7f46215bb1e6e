#pragma once

// Whom to transfer the call to, or to add: a colleague picked from the clients, one of our numbers, or a
// number typed in; for a transfer, whether to talk to them first. A bare name that is not a number means
// that client.

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
QT_END_NAMESPACE

namespace Phone {

class CallTargetDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { Transfer, Add };

    // clients: the names offered to pick from (this phone's own left out by the caller).
    CallTargetDialog(Purpose purpose, const QStringList &clients, QWidget *parent = nullptr);

    // client:NAME, or the number as typed (the server reads and checks it); empty until something is given.
    QString target() const;
    bool talkFirst() const;
    // For tests and shortcuts: what the person would type or pick.
    void setTargetText(const QString &text);
    void setTalkFirst(bool talkFirst);

private:
    void updateButtons();

    QComboBox *m_target = nullptr;
    QCheckBox *m_talkFirst = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Phone
