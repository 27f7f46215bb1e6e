#include "ui/phone/AudioDevicesPanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Phone {

using Engine::PhoneBridge;

AudioDevicesPanel::AudioDevicesPanel(PhoneBridge *bridge, QWidget *parent)
    : QWidget(parent)
    , m_bridge(bridge)
{
    m_microphone = new QComboBox(this);
    m_speaker = new QComboBox(this);
    m_ringtone = new QComboBox(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Microphone:"), m_microphone);
    form->addRow(tr("Speaker:"), m_speaker);
    form->addRow(tr("Ringtone on:"), m_ringtone);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch(1);

    // activated: only the person's choice goes to the phone, not our own filling of the lists.
    const auto chosen = [](QComboBox *box) { return box->currentData().toString(); };
    connect(m_microphone, &QComboBox::activated, this,
            [=] { m_bridge->selectInputDevice(chosen(m_microphone)); });
    connect(m_speaker, &QComboBox::activated, this,
            [=] { m_bridge->selectSpeakerDevice(chosen(m_speaker)); });
    connect(m_ringtone, &QComboBox::activated, this,
            [=] { m_bridge->selectRingtoneDevice(chosen(m_ringtone)); });
    connect(m_bridge, &PhoneBridge::audioDevicesChanged, this, &AudioDevicesPanel::showDevices);
    showDevices();
}

void AudioDevicesPanel::fill(QComboBox *box, const QList<PhoneBridge::AudioDevice> &devices,
                             const QString &current)
{
    const QSignalBlocker blocker(box);
    box->clear();
    for (const auto &device : devices)
        box->addItem(device.label.isEmpty() ? device.id : device.label, device.id);
    box->setCurrentIndex(qMax(0, box->findData(current)));
    box->setEnabled(!devices.isEmpty());
}

void AudioDevicesPanel::showDevices()
{
    fill(m_microphone, m_bridge->inputDevices(), m_bridge->inputDeviceId());
    fill(m_speaker, m_bridge->outputDevices(), m_bridge->speakerDeviceId());
    fill(m_ringtone, m_bridge->outputDevices(), m_bridge->ringtoneDeviceId());
    m_note->setText(m_bridge->inputDevices().isEmpty()
                        ? tr("The devices are listed once the phone is connected and may use the microphone.")
                        : QString());
}

} // namespace Phone
