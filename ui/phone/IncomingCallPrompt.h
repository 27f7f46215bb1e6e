#pragma once

// Asks whether to take a ringing call: who calls (and on which of our lines), Accept or Decline. A call
// never takes the keyboard: its buttons do not take focus, so Enter typed into another field while it
// rings answers nothing. It is answered by a click, by Enter in the phone's own area (PhoneView), or by
// acceptShortcut, which the Accept button shows.

#include <QKeySequence>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Phone {

class IncomingCallPrompt : public QWidget
{
    Q_OBJECT

public:
    explicit IncomingCallPrompt(QWidget *parent = nullptr);

    // caller as it should read; line: which of our numbers was called, with its label ("" when unknown).
    void showCaller(const QString &caller, const QString &line);
    QString callerText() const;
    static QKeySequence acceptShortcut();
    QString acceptButtonText() const;
    QString lineText() const;

Q_SIGNALS:
    void acceptRequested();
    void declineRequested();

private:
    QLabel *m_caller = nullptr;
    QLabel *m_line = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_decline = nullptr;
};

} // namespace Phone
