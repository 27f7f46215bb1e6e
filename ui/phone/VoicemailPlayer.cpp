#include "ui/phone/VoicemailPlayer.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QUrl>

namespace Phone {
namespace {

QString clock(qint64 milliseconds)
{
    const qint64 seconds = (milliseconds + 500) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

VoicemailPlayer::VoicemailPlayer(QWidget *parent)
    : QWidget(parent)
{
    m_playPause = new QToolButton(this);
    m_playPause->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playPause->setToolTip(tr("Play or pause (Space)"));
    m_playPause->setAccessibleName(tr("Play"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setAccessibleName(tr("Position in the message"));
    m_time = new QLabel(clock(0) + QStringLiteral(" / ") + clock(0), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_playPause);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_time);
    connect(m_playPause, &QToolButton::clicked, this, &VoicemailPlayer::togglePause);
    connect(m_slider, &QSlider::sliderPressed, this, [this] { m_seeking = true; });
    connect(m_slider, &QSlider::sliderReleased, this, [this] {
        m_seeking = false;
        if (m_player)
            m_player->setPosition(m_slider->value());
    });
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        // Keys and clicks beside the handle move at once; a drag moves when it ends.
        if (m_player && action != QAbstractSlider::SliderMove)
            m_player->setPosition(m_slider->sliderPosition());
    });
    unload();
}

VoicemailPlayer::~VoicemailPlayer()
{
    // The player before its output: it may still write to it.
    delete m_player;
}

bool VoicemailPlayer::canPlay()
{
    return !QMediaDevices::audioOutputs().isEmpty();
}

QAudioDevice VoicemailPlayer::speaker() const
{
    const QList<QAudioDevice> outputs = QMediaDevices::audioOutputs();
    for (const QAudioDevice &output : outputs) {
        if (!m_speakerName.isEmpty() && output.description() == m_speakerName)
            return output;
    }
    return QMediaDevices::defaultAudioOutput();
}

void VoicemailPlayer::setSpeakerName(const QString &name)
{
    m_speakerName = name;
    if (m_output)
        m_output->setDevice(speaker());
}

void VoicemailPlayer::ensurePlayer()
{
    if (m_player)
        return;
    m_output = new QAudioOutput(speaker(), this);
    m_player = new QMediaPlayer(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 duration) {
        m_slider->setRange(0, int(duration));
        showPosition();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, &VoicemailPlayer::showPosition);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
        const bool playing = state == QMediaPlayer::PlayingState;
        m_playPause->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        m_playPause->setAccessibleName(playing ? tr("Pause") : tr("Play"));
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        Q_EMIT failed(tr("The message cannot be played: %1").arg(text));
    });
}

void VoicemailPlayer::play(const QString &filePath)
{
    if (!canPlay()) {
        Q_EMIT failed(tr("No speaker was found to play the message through."));
        return;
    }
    ensurePlayer();
    m_filePath = filePath;
    m_player->setSource(QUrl::fromLocalFile(filePath));
    m_player->play();
    m_slider->setEnabled(true);
    Q_EMIT started();
}

void VoicemailPlayer::togglePause()
{
    if (!m_player || m_filePath.isEmpty()) {
        Q_EMIT playRequested();
        return;
    }
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void VoicemailPlayer::stop()
{
    if (m_player)
        m_player->stop();
}

void VoicemailPlayer::unload(int seconds)
{
    m_knownLength = qint64(seconds) * 1000;
    if (m_player) {
        m_player->stop();
        m_player->setSource(QUrl());
    }
    m_filePath.clear();
    m_slider->setEnabled(false);
    m_slider->setRange(0, 0);
    showPosition();
}

bool VoicemailPlayer::isPlaying() const
{
    return m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
}

qint64 VoicemailPlayer::durationMs() const
{
    return m_player ? m_player->duration() : 0;
}

qint64 VoicemailPlayer::positionMs() const
{
    return m_player ? m_player->position() : 0;
}

void VoicemailPlayer::showPosition()
{
    const qint64 position = m_player && !m_filePath.isEmpty() ? m_player->position() : 0;
    const qint64 duration = m_player && !m_filePath.isEmpty() ? m_player->duration() : m_knownLength;
    if (!m_seeking)
        m_slider->setValue(int(position));
    m_time->setText(clock(position) + QStringLiteral(" / ") + clock(duration));
}

} // namespace Phone
