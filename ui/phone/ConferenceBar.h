#pragma once

// The call panel's row for call control beyond Hold: Transfer…, Add call…, Merge, Hand over and the
// button that calls off or hangs up the party being brought in, each with a shortcut, and a sentence above
// them saying how the call stands ("Transferring to alice…", "3 people on the call"). It shows what a
// CallController says and tells what is pressed.

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Phone {

class ConferenceBar : public QWidget
{
    Q_OBJECT

public:
    struct View
    {
        QString state; // the sentence; empty: none
        bool canBringIn = false; // Transfer… and Add call…
        bool canMerge = false;
        bool canHandOver = false;
        QString broughtIn; // who is being brought in, as it reads; empty: nobody
        bool broughtInRinging = false; // still being called
    };

    explicit ConferenceBar(QWidget *parent = nullptr);

    void display(const View &view);
    QString stateText() const;

Q_SIGNALS:
    void transferRequested();
    void addRequested();
    void mergeRequested();
    void handOverRequested();
    void dropRequested();

private:
    QLabel *m_state = nullptr;
    QPushButton *m_transfer = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_merge = nullptr;
    QPushButton *m_handOver = nullptr;
    QPushButton *m_drop = nullptr;
};

} // namespace Phone
