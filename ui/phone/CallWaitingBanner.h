#pragma once

// Call waiting: a banner over the call the person is on, naming the second caller, with its three
// choices and their shortcuts: answer it (the call on holds, or ends when the server cannot hold it),
// decline it (the caller reaches voicemail), or ignore it (it rings out unseen). Below it, while the person
// is on the call that waited, which call holds meanwhile.

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Phone {

class CallWaitingBanner : public QWidget
{
    Q_OBJECT

public:
    explicit CallWaitingBanner(QWidget *parent = nullptr);

    // caller as it reads; empty: no call waits. holdsFirst: answering holds the call on (call control),
    // else it ends it.
    void showWaiting(const QString &caller, bool holdsFirst);
    // Who holds while the person is on the call that waited; empty: nobody.
    void showHeld(const QString &caller);
    // While the server is asked to hold the call on, the choices wait.
    void setPending(bool pending);

    QString waitingText() const; // empty while no call waits
    QString heldText() const;

Q_SIGNALS:
    void answerRequested();
    void declineRequested();
    void ignoreRequested();

private:
    void updateVisibility();

    QWidget *m_waiting = nullptr;
    QLabel *m_caller = nullptr;
    QPushButton *m_answer = nullptr;
    QPushButton *m_decline = nullptr;
    QPushButton *m_ignore = nullptr;
    QLabel *m_held = nullptr;
};

} // namespace Phone
