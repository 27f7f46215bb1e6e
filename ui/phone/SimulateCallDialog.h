#pragma once

// Asks for the two numbers of a simulated incoming call: the outside phone that calls, and which of our
// numbers it calls (those that ring this phone are offered). When no number rings this phone yet, it offers
// to map the seed's number to it in one click, so that a first start reaches a ringing phone.

#include <QDialog>

#include <functional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

class SimulateCallDialog : public QDialog
{
    Q_OBJECT

public:
    // The seed's numbers: the outside caller, and the Twilio number offered when none rings this phone.
    static constexpr const char *sampleCaller = "+819059876543";
    static constexpr const char *sampleNumber = "+815031234567";

    // Maps e164 to this phone's client; returns why not, or an empty string when it did.
    using AddNumber = std::function<QString(const QString &e164)>;

    // ownNumbers: the numbers mapped to this phone's client (E.164); clientName for the explanation;
    // region for showing numbers as people write them.
    SimulateCallDialog(const QStringList &ownNumbers, const QString &clientName, const QString &region,
                       AddNumber addNumber, QWidget *parent = nullptr);

    // The phone takes its calls from Twilio: the dialog then says that the call shows its route instead of
    // ringing here.
    void setPhoneOnTwilio();

    QString from() const;
    QString to() const;

private:
    void addSampleNumber();
    void updateCallButton();

    QString m_clientName;
    QString m_region;
    AddNumber m_addNumber;
    QLabel *m_explanation = nullptr;
    QLineEdit *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_addSample = nullptr;
    QPushButton *m_call = nullptr;
};
