#pragma once

// Asks for the two numbers of a simulated incoming call: the outside phone that calls, and which of our
// numbers it calls (those that ring this phone are offered). When no number rings this phone yet, it offers
// to map a sample number to it in one click, so that a first start reaches a ringing phone.

#include <QDialog>

#include <functional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Phone {

class SimulateCallDialog : public QDialog
{
    Q_OBJECT

public:
    // The seed's outside caller.
    static constexpr const char *sampleCaller = "+819059876543";
    // The numbers to offer when none rings this phone, in order; the first one that rings nobody yet is
    // offered. From the seed's block, after the seed's own +81 50-3123-4567, which the README's
    // command-line walkthrough maps to the seed's client: both walkthroughs work in either order.
    static QStringList sampleNumbers();

    // Maps e164 to this phone's client; returns why not, or an empty string when it did.
    using AddNumber = std::function<QString(const QString &e164)>;

    // ownNumbers: the numbers mapped to this phone's client (E.164); clientName for the explanation;
    // region for showing numbers as people write them; offeredNumber (E.164), offered when ownNumbers is
    // empty, or empty when every sample number rings someone already.
    SimulateCallDialog(const QStringList &ownNumbers, const QString &clientName, const QString &region,
                       const QString &offeredNumber, AddNumber addNumber, QWidget *parent = nullptr);

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
    QString m_offeredNumber;
    AddNumber m_addNumber;
    QLabel *m_explanation = nullptr;
    QLineEdit *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_addSample = nullptr;
    QPushButton *m_call = nullptr;
};

} // namespace Phone
