// The voicemail audio cache: files only the user may open, named by RecordingSid and by nothing else, and
// gone with their messages.

#include "core/voicemail/AudioCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using Voicemail::AudioCache;

namespace {

QString sid(char digit)
{
    return QStringLiteral("RE") + QString(32, QLatin1Char(digit));
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAudioCache : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    AudioCache cache(const QString &name) const { return AudioCache(m_dir.filePath(name)); }

private Q_SLOTS:
    void storesForTheUserAlone()
    {
        const AudioCache audio = cache(QStringLiteral("private/voicemail"));
        QVERIFY(audio.find(sid('1')).isEmpty());
        const auto stored = audio.store(sid('1'), "RIFF-one");
        QVERIFY2(stored, qPrintable(stored.error()));
        QCOMPARE(audio.find(sid('1')), *stored);
        QCOMPARE(contentsOf(*stored), QByteArray("RIFF-one"));
        const QFile::Permissions ownerAndOthers(0x7077);
        QCOMPARE(QFileInfo(*stored).permissions() & ownerAndOthers, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(QFileInfo(audio.folder()).permissions() & ownerAndOthers,
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // Stored again (fetched again): replaced whole.
        QVERIFY(audio.store(sid('1'), "RIFF-two"));
        QCOMPARE(contentsOf(*stored), QByteArray("RIFF-two"));
    }

    void namesNothingButARecordingSid()
    {
        const AudioCache audio = cache(QStringLiteral("names"));
        for (const QString &name : { QStringLiteral("../escape"), QStringLiteral("RE123"), QString(),
                                     QStringLiteral("RE") + QString(32, u'g') }) {
            const auto stored = audio.store(name, "x");
            QVERIFY2(!stored, qPrintable(name));
            QVERIFY(stored.error().contains(QLatin1String("is not a RecordingSid")));
            QVERIFY(audio.find(name).isEmpty());
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("escape.wav"))));
    }

    void removesWhatTheMailboxNoLongerHas()
    {
        const AudioCache audio = cache(QStringLiteral("kept"));
        for (const char digit : { '1', '2', '3' })
            QVERIFY(audio.store(sid(digit), "RIFF"));
        QFile other(audio.folder() + QStringLiteral("/notes.txt")); // not ours: left alone
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        audio.remove(sid('1'));
        QVERIFY(audio.find(sid('1')).isEmpty());
        audio.keepOnly({ sid('3') });
        QVERIFY(audio.find(sid('2')).isEmpty());
        QVERIFY(!audio.find(sid('3')).isEmpty());
        QVERIFY(other.exists());
    }
};

QTEST_GUILESS_MAIN(TestAudioCache)
#include "TestAudioCache.moc"
