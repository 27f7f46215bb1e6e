#include "core/simulator/RecordingVault.h"

#include <QTest>
#include <QtEndian>

#include <thread>
#include <vector>

using Simulator::RecordingVault;

namespace {

quint32 at32(const QByteArray &bytes, int offset)
{
    return qFromLittleEndian<quint32>(bytes.constData() + offset);
}

quint16 at16(const QByteArray &bytes, int offset)
{
    return qFromLittleEndian<quint16>(bytes.constData() + offset);
}

} // namespace

// The simulator's recordings: a WAV that players accept (the header Twilio's mono WAVs have), as long as
// the message, holding sound; kept until deleted, from any thread.
class TestRecordingVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void makesAWavOfTheMessagesLength()
    {
        const QByteArray wav = RecordingVault::toneWav(3);
        QCOMPARE(wav.left(4), QByteArray("RIFF"));
        QCOMPARE(at32(wav, 4), quint32(wav.size() - 8));
        QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
        QCOMPARE(at16(wav, 20), quint16(1)); // PCM
        QCOMPARE(at16(wav, 22), quint16(1)); // mono
        QCOMPARE(at32(wav, 24), quint32(8000));
        QCOMPARE(at16(wav, 34), quint16(16));
        QCOMPARE(wav.mid(36, 4), QByteArray("data"));
        QCOMPARE(at32(wav, 40), quint32(3 * 8000 * 2));
        QCOMPARE(wav.size(), 44 + 3 * 8000 * 2);
        // Sound, not silence: a loud sample in the middle, and quiet ends (faded, no click).
        qint16 loudest = 0;
        for (int i = 44; i < wav.size(); i += 2)
            loudest = std::max<qint16>(loudest, qint16(at16(wav, i)));
        QVERIFY2(loudest > 9000, qPrintable(QString::number(loudest)));
        QCOMPARE(qint16(at16(wav, 44)), qint16(0));
        QVERIFY(std::abs(qint16(at16(wav, wav.size() - 2))) < 100);
    }

    void keepsARecordingUntilDeleted()
    {
        RecordingVault vault;
        const QString sid = vault.add("CA1", 2);
        QVERIFY(sid.startsWith("RE"));
        QCOMPARE(sid.size(), 34);
        const auto found = vault.find(sid);
        QVERIFY(found);
        QCOMPARE(found->callSid, QString("CA1"));
        QCOMPARE(found->durationSeconds, 2);
        QCOMPARE(found->wav, RecordingVault::toneWav(2));
        QVERIFY(vault.remove(sid));
        QVERIFY(!vault.find(sid));
        QVERIFY2(!vault.remove(sid), "a second delete finds nothing");
    }

    void servesManyThreadsAtOnce()
    {
        RecordingVault vault;
        std::vector<std::thread> threads;
        std::vector<QString> sids(4);
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&vault, &sids, t] {
                for (int i = 0; i < 20; ++i) {
                    const QString sid = vault.add(QStringLiteral("CA%1").arg(t), 0);
                    if (!vault.find(sid) || !vault.remove(sid))
                        return;
                    sids[size_t(t)] = sid;
                }
            });
        for (std::thread &thread : threads)
            thread.join();
        for (const QString &sid : sids)
            QVERIFY2(sid.startsWith("RE") && !vault.find(sid), qPrintable(sid));
    }
};

QTEST_GUILESS_MAIN(TestRecordingVault)
#include "TestRecordingVault.moc"
