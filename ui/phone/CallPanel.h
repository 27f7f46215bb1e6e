#pragma once

// What the phone shows during a call: who is on the other end, for how long, and the buttons a call
// needs (mute, keypad for tones, hang up).

#include <QDateTime>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
QT_END_NAMESPACE

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

private:
    void updateDuration();

    QLabel *m_remote = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_mute = nullptr;
    QPushButton *m_keypadToggle = nullptr;
    QPushButton *m_hangUp = nullptr;
    DialPad *m_keypad = nullptr;
    QTimer *m_ticker = nullptr;
    QProgressBar *m_inputLevel = nullptr;
    QProgressBar *m_outputLevel = nullptr;
    QDateTime m_answeredAt;
};
