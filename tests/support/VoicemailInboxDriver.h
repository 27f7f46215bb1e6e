#pragma once

// Drives the phone's Voicemail tab as a person would, for the end-to-end tests of the desktop phone alone
// and in team mode: Play (checking what reached the cache and the sound sink), and Delete (asked first).
// The QVERIFYs return from these functions only: callers check QTest::currentTestFailed().

#include "core/simulator/RecordingVault.h"
#include "core/voicemail/AudioCache.h"
#include "tests/support/DesktopDriver.h"
#include "ui/phone/VoicemailPanel.h"
#include "ui/phone/VoicemailPlayer.h"

#include <QApplication>
#include <QAudioDecoder>
#include <QFileInfo>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <functional>

namespace VoicemailInboxDriver {

// The frames a WAV file decodes to, through Qt Multimedia's decoder; -1 when it does not finish.
inline qint64 decodedFrames(const QString &path)
{
    QAudioDecoder decoder;
    decoder.setSource(QUrl::fromLocalFile(path));
    qint64 frames = 0;
    bool done = false;
    QObject::connect(&decoder, &QAudioDecoder::bufferReady, &decoder,
                     [&] { frames += decoder.read().frameCount(); });
    QObject::connect(&decoder, &QAudioDecoder::finished, &decoder, [&] { done = true; });
    QObject::connect(&decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), &decoder,
                     [&] { done = true; });
    decoder.start();
    return QTest::qWaitFor([&done] { return done; }, 20000) ? frames : -1;
}

// Plays the first message, new until then: its audio is fetched, kept for the user alone, decodes to the
// simulator's five seconds and plays (the position moves); the message is heard afterwards.
inline void playFirstMessage(Phone::VoicemailPanel *voicemail)
{
    QListWidget *list = voicemail->messageList();
    QVERIFY(list->count() > 0);
    QVERIFY(list->item(0)->font().bold());
    const QString sid = list->item(0)->data(Phone::VoicemailPanel::recordingSidRole).toString();
    list->setCurrentRow(0);
    Phone::VoicemailPlayer *player = voicemail->player();
    QTest::mouseClick(player->findChild<QToolButton *>(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(player->isPlaying() || !voicemail->problemText().isEmpty(),
                              qPrintable(voicemail->problemText()), 60000);
    QVERIFY2(voicemail->problemText().isEmpty(), qPrintable(voicemail->problemText()));
    const QString cached = Voicemail::AudioCache::ofThisUser().find(sid);
    QVERIFY(!cached.isEmpty());
    QCOMPARE(player->filePath(), cached);
    // The owner's alone (0600 in a folder of 0700); group and others: nothing.
    const QFile::Permissions ownerAndOthers(0x7077);
    QCOMPARE(QFileInfo(cached).permissions() & ownerAndOthers, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(QFileInfo(QFileInfo(cached).path()).permissions() & ownerAndOthers,
             QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // Five seconds of samples, as the simulator recorded them.
    QCOMPARE(decodedFrames(cached), qint64(5 * Simulator::RecordingVault::sampleRate));
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player->durationMs() - 5000) <= 100, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(player->positionMs() > 500, 60000); // samples went to the sink
    QTRY_VERIFY(!list->item(0)->font().bold());
    QTRY_COMPARE(voicemail->unheardCount(), 0);
}

// Delete asks first: Cancel keeps the message; Yes deletes it, and the tab, read again, is empty.
inline void deleteFirstMessage(QWidget *window, Phone::VoicemailPanel *voicemail)
{
    QListWidget *list = voicemail->messageList();
    list->setCurrentRow(0);
    const QString sid = list->item(0)->data(Phone::VoicemailPanel::recordingSidRole).toString();
    auto *remove = voicemail->findChild<QPushButton *>("delete");
    QVERIFY(remove && remove->isEnabled());
    QString question;
    DesktopDriver::whenModalShows(window, [&question](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        question = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(question.startsWith("Delete the message from "), qPrintable(question));
    QCOMPARE(list->count(), 1);

    DesktopDriver::whenModalShows(window, [](QWidget *modal) {
        qobject_cast<QMessageBox *>(modal)->button(QMessageBox::Yes)->click();
    });
    QTest::mouseClick(remove, Qt::LeftButton);
    auto *pages = voicemail->findChild<QStackedWidget *>();
    QTRY_VERIFY_WITH_TIMEOUT(pages->currentWidget() != list || !voicemail->problemText().isEmpty(), 60000);
    QVERIFY2(voicemail->problemText().isEmpty(), qPrintable(voicemail->problemText()));
    QVERIFY(Voicemail::AudioCache::ofThisUser().find(sid).isEmpty());
    QVERIFY(voicemail->player()->filePath().isEmpty());
}

} // namespace VoicemailInboxDriver
