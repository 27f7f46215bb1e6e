#pragma once

// Which microphone, speaker and ringtone device the phone uses, as the PhoneBridge lists them.

#include "ui/engine/PhoneBridge.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
QT_END_NAMESPACE

namespace Phone {

class AudioDevicesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AudioDevicesPanel(Engine::PhoneBridge *bridge, QWidget *parent = nullptr);

    QComboBox *microphone() const { return m_microphone; }
    QComboBox *speaker() const { return m_speaker; }
    QComboBox *ringtone() const { return m_ringtone; }

private:
    void showDevices();
    static void fill(QComboBox *box, const QList<Engine::PhoneBridge::AudioDevice> &devices,
                     const QString &current);

    Engine::PhoneBridge *m_bridge;
    QComboBox *m_microphone = nullptr;
    QComboBox *m_speaker = nullptr;
    QComboBox *m_ringtone = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Phone
