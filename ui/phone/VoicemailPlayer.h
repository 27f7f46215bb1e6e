#pragma once

// Plays one voicemail message from its file: play/pause, a slider to seek, and where it is ("0:03 / 0:12").
// Qt Multimedia (QMediaPlayer with a QAudioOutput) plays through the speaker the phone uses when Qt knows a
// device of that name, else through the system's default. Without any audio output the player is never
// made (Qt Multimedia 6.4 crashes then): canPlay() is false, and Play says why in a sentence.

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAudioDevice;
class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QSlider;
class QToolButton;
QT_END_NAMESPACE

namespace Phone {

class VoicemailPlayer : public QWidget
{
    Q_OBJECT

public:
    explicit VoicemailPlayer(QWidget *parent = nullptr);
    ~VoicemailPlayer() override;

    // False when the system has no audio output to play through.
    static bool canPlay();
    // The speaker the phone uses, by its name as the web engine lists it; empty: the system's default.
    void setSpeakerName(const QString &name);

    // Plays filePath from its start.
    void play(const QString &filePath);
    // Pauses, or plays on; with no file, asks for one (playRequested).
    void togglePause();
    void stop();
    // Stops and forgets the file (another message was chosen, or this one deleted); shows the length of
    // the message Play would play, as Twilio gave it.
    void unload(int seconds = 0);

    bool isPlaying() const;
    qint64 durationMs() const;
    qint64 positionMs() const;
    QString filePath() const { return m_filePath; }

Q_SIGNALS:
    // Play was pressed with no file: the panel fetches the selected message's.
    void playRequested();
    // Playing has begun (the message has been heard).
    void started();
    // The file could not be played: a sentence.
    void failed(const QString &sentence);

private:
    void ensurePlayer();
    // The output named m_speakerName, else the default.
    QAudioDevice speaker() const;
    void showPosition();

    QString m_speakerName;
    QString m_filePath;
    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    QToolButton *m_playPause = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_time = nullptr;
    qint64 m_knownLength = 0; // ms, until a file is played
    bool m_seeking = false; // the slider is held: positions from the player do not move it
};

} // namespace Phone
