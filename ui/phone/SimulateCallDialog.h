#pragma once

// Asks for the two numbers of a simulated incoming call: the outside phone that calls, and which of our
// numbers it calls (those that ring this phone are offered).

#include <QDialog>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

class SimulateCallDialog : public QDialog
{
    Q_OBJECT

public:
    // ownNumbers: the numbers mapped to this phone's client (E.164); clientName for the explanation.
    SimulateCallDialog(const QStringList &ownNumbers, const QString &clientName, QWidget *parent = nullptr);

    QString from() const;
    QString to() const;

private:
    QLineEdit *m_from = nullptr;
    QComboBox *m_to = nullptr;
};
