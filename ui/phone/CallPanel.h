#pragma once

// What the phone shows during a call: who is on the other end, for how long, the tones sent so far, and
// the buttons a call needs (mute, keypad for tones, hold and the conference bar when the server controls
// calls, hang up). Muted shows three ways: the button, a sentence, and a microphone meter that stays empty
// and grey; held shows as the button and a sentence.

#include <QDateTime>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

namespace Phone {

class ConferenceBar;
class DialPad;

class CallPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CallPanel(QWidget *parent = nullptr);

    // remote as it should read ("+81 90-5987-6543", "client:alice"); status until answered ("Calling…").
    void showCall(const QString &remote, const QString &status);
    // The call was answered at answeredAt: the timer runs from there.
    void setAnswered(const QDateTime &answeredAt);
    void setMuted(bool muted);
    // Hold (Ctrl+H) shows only on a connected call that the server can hold (call control).
    void setHoldAvailable(bool available);
    // The server put the other side on hold, or took it off.
    void setHeld(bool held);
    // While the server is asked, the button waits.
    void setHoldPending(bool pending);
    // A request about the call failed: one sentence, until the next succeeds or the call ends.
    void showProblem(const QString &sentence);
    QString heldText() const; // empty while not held
    QString problemText() const;
    bool isHoldAvailable() const;
    // Transfer, add a call, merge, hand over: shown with Hold.
    ConferenceBar *conferenceBar() const { return m_conference; }
    // Tones were sent (from this panel's keypad or the keyboard): they show under the caller.
    void noteDigitsSent(const QString &digits);
    QString digitsText() const;
    QString mutedText() const; // empty while not muted
    // Microphone and speaker levels, 0 to 1, as the phone measures them during the call.
    void setLevels(double input, double output);
    int inputLevelPercent() const;
    int outputLevelPercent() const;

    QString remoteText() const;
    QString statusText() const;
    bool isMuted() const;

    // "0:07", "12:34", "1:02:03".
    static QString durationText(qint64 seconds);

Q_SIGNALS:
    void muteToggled(bool muted);
    void digitPressed(QChar digit);
    void hangUpRequested();
    // The person pressed Hold (true) or Resume (false).
    void holdToggled(bool hold);

private:
    void updateDuration();
    void showMuted(bool muted);

    QLabel *m_remote = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_digits = nullptr;
    QLabel *m_muted = nullptr;
    QLabel *m_held = nullptr;
    QLabel *m_problem = nullptr;
    QString m_digitsSent;
    QPushButton *m_mute = nullptr;
    QPushButton *m_keypadToggle = nullptr;
    QPushButton *m_hold = nullptr;
    QPushButton *m_hangUp = nullptr;
    DialPad *m_keypad = nullptr;
    ConferenceBar *m_conference = nullptr;
    QTimer *m_ticker = nullptr;
    QProgressBar *m_inputLevel = nullptr;
    QProgressBar *m_outputLevel = nullptr;
    QDateTime m_answeredAt;
};

} // namespace Phone
