// The call journal and the call log writer that uses it: an event is durable once appended, a process
// that dies leaves its events for the next one, a cut-off or damaged record never stops the rest, and
// the database being unavailable for a while loses nothing. SQLite only: PostgreSQL has no journal.

#include "core/store/CallJournal.h"
#include "core/store/CallLog.h"
#include "core/store/CallLogWriter.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <sys/stat.h>

using Store::CallEvent;
using Store::CallJournal;
using Store::CallLogWriter;

namespace {

CallEvent callEvent(const QString &callSid, int sequence = -1)
{
    CallEvent event;
    event.callSid = callSid;
    event.sequence = sequence;
    event.status = QStringLiteral("ringing");
    event.direction = QStringLiteral("incoming");
    event.from = QStringLiteral("+819059876543");
    event.to = QStringLiteral("+815031234567");
    event.clientName = QStringLiteral("alice");
    event.duration = 7;
    event.timestamp = QDateTime(QDate(2026, 12, 1), QTime(9, 30, 15, 250), Qt::UTC);
    return event;
}

QStringList callSidsOf(const QList<CallEvent> &events)
{
    QStringList sids;
    for (const CallEvent &event : events)
        sids << event.callSid;
    return sids;
}

QStringList segmentFiles(const QString &folder)
{
    return QDir(folder).entryList({ "*.events" }, QDir::Files, QDir::Name);
}

mode_t modeOf(const QString &path)
{
    struct stat status
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? (status.st_mode & 0777) : 0;
}

} // namespace

class TestCallJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_databasePath;
    std::shared_ptr<Store::Database> m_database;

    QString folder() const { return CallJournal::folderFor(m_databasePath); }

    std::unique_ptr<CallJournal> openJournal()
    {
        auto journal = CallJournal::open(folder());
        if (!journal) {
            qWarning() << journal.error();
            return nullptr;
        }
        return std::move(journal.value());
    }

    // Appends events as a process would, then "dies": the journal goes without releasing anything.
    void leaveInJournal(const QList<CallEvent> &events)
    {
        auto journal = openJournal();
        QVERIFY(journal);
        for (const CallEvent &event : events)
            QVERIFY(journal->append(event));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_databasePath = m_dir.filePath(QString("calls-%1.sqlite").arg(QTest::currentTestFunction()));
        auto database = Store::Database::open(*Store::DatabaseLocation::parse(m_databasePath));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
    }

    void cleanup() { m_database.reset(); }

    void anAppendedEventComesBackWhole()
    {
        CallEvent unusual = callEvent("CA2");
        unusual.from = QStringLiteral("client:アリス \u2603");
        unusual.timestamp = QDateTime();
        unusual.duration = -1;
        leaveInJournal({ callEvent("CA1", 3), unusual });
        auto journal = openJournal();
        QVERIFY(journal);
        QCOMPARE(journal->leftoverProblems(), QStringList());
        const QList<CallEvent> &left = journal->leftovers();
        QCOMPARE(callSidsOf(left), QStringList({ "CA1", "CA2" }));
        const CallEvent expected = callEvent("CA1", 3);
        QCOMPARE(left[0].sequence, 3);
        QCOMPARE(left[0].status, expected.status);
        QCOMPARE(left[0].direction, expected.direction);
        QCOMPARE(left[0].from, expected.from);
        QCOMPARE(left[0].to, expected.to);
        QCOMPARE(left[0].clientName, expected.clientName);
        QCOMPARE(left[0].duration, 7);
        QCOMPARE(left[0].timestamp, expected.timestamp);
        QCOMPARE(left[1].from, unusual.from);
        QVERIFY(!left[1].timestamp.isValid());
        QCOMPARE(left[1].duration, -1);
    }

    void theOutcomeComesBackWhole()
    {
        CallEvent declined = callEvent("CA1");
        declined.status = QStringLiteral("busy");
        declined.outcome = Store::CallResult::Declined;
        leaveInJournal({ declined, callEvent("CA2") });
        auto journal = openJournal();
        QVERIFY(journal);
        QCOMPARE(journal->leftovers().size(), 2);
        QCOMPARE(journal->leftovers()[0].outcome, Store::CallResult::Declined);
        QCOMPARE(journal->leftovers()[1].outcome, Store::CallResult::Unknown);
    }

    // A journal left by a Switchboard from before outcomes were kept (payload version 1) is still stored.
    void aRecordOfVersionOneIsStillRead()
    {
        QByteArray payload;
        {
            QDataStream out(&payload, QIODevice::WriteOnly);
            out.setVersion(QDataStream::Qt_6_4);
            out << quint8(1) << QStringLiteral("CAold") << qint32(4) << QStringLiteral("completed")
                << QStringLiteral("incoming") << QStringLiteral("+819059876543")
                << QStringLiteral("+815031234567") << QStringLiteral("alice") << qint32(65)
                << qint64(1764581415250);
        }
        QByteArray record(4, Qt::Uninitialized);
        qToLittleEndian(quint32(payload.size()), record.data());
        record += QCryptographicHash::hash(payload, QCryptographicHash::Sha256).left(8);
        record += payload;
        QVERIFY(QDir().mkpath(folder()));
        QFile segment(folder() + "/00000001.events");
        QVERIFY(segment.open(QIODevice::WriteOnly));
        QCOMPARE(segment.write(record), record.size());
        segment.close();

        auto journal = openJournal();
        QVERIFY(journal);
        QCOMPARE(journal->leftoverProblems(), QStringList());
        QCOMPARE(callSidsOf(journal->leftovers()), QStringList({ "CAold" }));
        const CallEvent &event = journal->leftovers().first();
        QCOMPARE(event.status, QStringLiteral("completed"));
        QCOMPARE(event.sequence, 4);
        QCOMPARE(event.duration, 65);
        QCOMPARE(event.clientName, QStringLiteral("alice"));
        QCOMPARE(event.timestamp.toMSecsSinceEpoch(), qint64(1764581415250));
        QCOMPARE(event.outcome, Store::CallResult::Unknown);
    }

    // QString::arg() chained over a path would put the segment number into a folder named with "%2".
    void aFolderNamedLikeAPlaceholderWorks()
    {
        const QString odd = m_dir.filePath("odd %2 %1 name.sqlite");
        const QString oddFolder = CallJournal::folderFor(odd);
        {
            auto journal = CallJournal::open(oddFolder);
            QVERIFY2(journal, qPrintable(journal.error()));
            QVERIFY(journal.value()->append(callEvent("CAODD")));
        }
        QCOMPARE(segmentFiles(oddFolder).size(), 1);
        auto journal = CallJournal::open(oddFolder);
        QVERIFY2(journal, qPrintable(journal.error()));
        QCOMPARE(callSidsOf(journal.value()->leftovers()), QStringList({ "CAODD" }));
        QCOMPARE(journal.value()->leftoverProblems(), QStringList());
    }

    void theFilesArePrivate()
    {
        auto journal = openJournal();
        QVERIFY(journal);
        QVERIFY(journal->append(callEvent("CA1")));
        QCOMPARE(modeOf(folder()), mode_t(0700));
        const QStringList segments = segmentFiles(folder());
        QCOMPARE(segments.size(), 1);
        QCOMPARE(modeOf(folder() + "/" + segments.first()), mode_t(0600));
    }

    void oneProcessAtATimeWritesAJournal()
    {
        auto first = openJournal();
        QVERIFY(first);
        const auto second = CallJournal::open(folder());
        QVERIFY(!second);
        QVERIFY2(second.error().contains("another Switchboard process"), qPrintable(second.error()));
    }

    void aRecordCutShortByACrashEndsTheReadingQuietly()
    {
        leaveInJournal({ callEvent("CA1"), callEvent("CA2"), callEvent("CA3") });
        const QString segment = folder() + "/" + segmentFiles(folder()).last();
        QFile file(segment);
        QVERIFY(file.resize(file.size() - 5)); // the last write was cut off
        auto journal = openJournal();
        QVERIFY(journal);
        QCOMPARE(callSidsOf(journal->leftovers()), QStringList({ "CA1", "CA2" }));
        QCOMPARE(journal->leftoverProblems(), QStringList());
    }

    void aDamagedRecordIsReportedAndWhatCameBeforeItKept()
    {
        leaveInJournal({ callEvent("CA1"), callEvent("CA2"), callEvent("CA3") });
        const QString segment = folder() + "/" + segmentFiles(folder()).last();
        QFile file(segment);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray data = file.readAll();
        // QDataStream writes strings as UTF-16, big-endian.
        const qsizetype second = data.indexOf(QByteArray::fromHex("004300410032"));
        QVERIFY(second > 0);
        data[second + 1] = 'X'; // CA2 becomes XA2: its checksum no longer matches
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(data), data.size());
        file.close();
        auto journal = openJournal();
        QVERIFY(journal);
        QCOMPARE(callSidsOf(journal->leftovers()), QStringList({ "CA1" }));
        QCOMPARE(journal->leftoverProblems().size(), 1);
        QVERIFY2(journal->leftoverProblems().first().contains("damaged record"),
                 qPrintable(journal->leftoverProblems().first()));
    }

    void releasedSegmentsGoAndTheFolderWithThem()
    {
        {
            auto journal = openJournal();
            QVERIFY(journal);
            // Enough events for several segments.
            const qint64 eventsPerSegment = CallJournal::segmentBytes / 150 + 1;
            qint64 last = 0;
            for (qint64 n = 0; n < 3 * eventsPerSegment; ++n) {
                const auto segment = journal->append(callEvent(QString("CA%1").arg(n)));
                QVERIFY(segment);
                last = *segment;
            }
            QVERIFY2(last >= 3, qPrintable(QString::number(last)));
            QCOMPARE(segmentFiles(folder()).size(), int(last));
            journal->releaseBefore(last);
            QCOMPARE(segmentFiles(folder()).size(), 1);
            journal->releaseAll();
            const QStringList kept = segmentFiles(folder());
            QCOMPARE(kept.size(), 1);
            QCOMPARE(QFileInfo(folder() + "/" + kept.first()).size(), 0);
        }
        QVERIFY2(!QFileInfo::exists(folder()), "an empty journal leaves nothing behind");
    }

    void theWriterAnswersFromTheJournalAndStoresLater()
    {
        // Another connection holds SQLite's write lock: the event cannot be committed, yet it is durable.
        QSqlQuery lock(m_database->connection());
        QVERIFY2(lock.exec("BEGIN IMMEDIATE"), qPrintable(lock.lastError().text()));
        CallLogWriter writer(m_database);
        QCOMPARE(writer.journalFolder(), folder());
        QCOMPARE(writer.enqueue(callEvent("CAJ1")), CallLogWriter::Handover::Journaled);
        const QStringList segments = segmentFiles(folder());
        QCOMPARE(segments.size(), 1);
        QVERIFY(QFileInfo(folder() + "/" + segments.first()).size() > 0);
        QVERIFY(lock.exec("ROLLBACK"));
        QVERIFY(writer.flush());
        QVERIFY(Store::CallLog(m_database).find("CAJ1"));
        // Stored: the segment starts over.
        QCOMPARE(QFileInfo(folder() + "/" + segments.first()).size(), 0);
    }

    void whatADeadProcessLeftIsStoredByTheNextWriter()
    {
        leaveInJournal({ callEvent("CAL1"), callEvent("CAL2") });
        QVERIFY(!Store::CallLog(m_database).find("CAL1"));
        {
            CallLogWriter writer(m_database);
            // Stored before the writer takes anything new, without waiting.
            QVERIFY(Store::CallLog(m_database).find("CAL1"));
            QVERIFY(Store::CallLog(m_database).find("CAL2"));
            QVERIFY(writer.enqueue(callEvent("CAL3")) == CallLogWriter::Handover::Journaled);
        }
        QVERIFY(Store::CallLog(m_database).find("CAL3"));
        QVERIFY2(!QFileInfo::exists(folder()), "everything was stored");
    }

    void anUnavailableDatabaseLosesNothing()
    {
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec("ALTER TABLE call_events RENAME TO call_events_away"));
        {
            CallLogWriter writer(m_database);
            QCOMPARE(writer.enqueue(callEvent("CAU1")), CallLogWriter::Handover::Journaled);
            QVERIFY2(!writer.flush(1500), "stored although the table is away");
            QCOMPARE(writer.counters().failed, 0);
        } // stops while the database still cannot take it
        QVERIFY(!segmentFiles(folder()).isEmpty());
        QVERIFY(query.exec("ALTER TABLE call_events_away RENAME TO call_events"));
        {
            CallLogWriter writer(m_database);
            QVERIFY(Store::CallLog(m_database).find("CAU1"));
        }
        QVERIFY(!QFileInfo::exists(folder()));
    }

    void anEventTheDatabaseRefusesDoesNotHoldUpTheOthers()
    {
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec("CREATE TRIGGER refuse_cabad BEFORE INSERT ON call_events"
                           " WHEN NEW.call_sid = 'CABAD' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        CallLogWriter writer(m_database);
        QCOMPARE(writer.enqueue(callEvent("CABAD")), CallLogWriter::Handover::Journaled);
        QCOMPARE(writer.enqueue(callEvent("CAGOOD")), CallLogWriter::Handover::Journaled);
        QVERIFY(writer.flush());
        QVERIFY(Store::CallLog(m_database).find("CAGOOD"));
        QVERIFY(!Store::CallLog(m_database).find("CABAD"));
        QCOMPARE(writer.counters().failed, 1);
    }

    void anEventWithoutStatusIsRefusedBeforeTheJournal()
    {
        CallLogWriter writer(m_database);
        CallEvent noStatus = callEvent("CANOSTATUS");
        noStatus.status.clear();
        QCOMPARE(writer.enqueue(noStatus), CallLogWriter::Handover::Refused);
    }

    void synchronousFullCommitsBeforeAnswering()
    {
        // With FULL every answer would wait for an fdatasync of its own: the commit is the durable step.
        auto location = *Store::DatabaseLocation::parse(m_databasePath);
        location.setSynchronous(Store::DatabaseLocation::Synchronous::Full);
        auto full = Store::Database::open(location);
        QVERIFY2(full, qPrintable(full.error()));
        CallLogWriter writer(*full);
        QCOMPARE(writer.journalFolder(), QString());
        QCOMPARE(writer.enqueue(callEvent("CAF1")), CallLogWriter::Handover::Queued);
    }
};

QTEST_GUILESS_MAIN(TestCallJournal)
#include "TestCallJournal.moc"
