#pragma once

// Makes a call event durable before it is in the call log's tables. A webhook may be answered once its
// event is here: appending is one write() on the answering thread, where a commit would have it wait for
// the call log writer's thread and a transaction. The writer then moves the events into the tables in
// large transactions, and the files go once they are there. A process that ends before (kill -9, a crash)
// leaves them; the next one to open the journal stores them first.
//
// The journal is a folder next to an SQLite database ("DATABASE.call-journal", 0700) holding numbered
// segment files (0600) and a lock: one process at a time writes it. Each record is its length, a checksum
// and the event; a record cut short by a crash (never answered) ends its segment's reading.

#include "core/common/Result.h"
#include "core/store/CallLog.h"

#include <QList>
#include <QLockFile>
#include <QString>

#include <memory>

namespace Store {

class CallJournal
{
public:
    static QString folderFor(const QString &databasePath);

    // Takes the folder's lock and reads what an earlier process left there (leftovers()). Fails when the
    // folder cannot be made or another live process holds the lock (then its events are its own).
    static Result<std::unique_ptr<CallJournal>> open(const QString &folder);
    // Closes the current segment. The files stay unless release() took them: their events are not stored.
    ~CallJournal();
    CallJournal(const CallJournal &) = delete;
    CallJournal &operator=(const CallJournal &) = delete;

    // The events an earlier process left, oldest first, with the segments they came from. Once they are
    // stored, releaseLeftovers() removes their files.
    const QList<CallEvent> &leftovers() const { return m_leftovers; }
    // Damaged records found while reading the leftovers (a torn last record is not damage).
    const QStringList &leftoverProblems() const { return m_leftoverProblems; }
    void releaseLeftovers();

    // Appends event to the current segment and returns that segment's number. Once it returns, the event
    // survives a crash of the process (not one of the system: it is not synced, as SQLite's
    // synchronous=NORMAL). Not thread-safe: the caller orders appends (the call log writer does, under its
    // lock).
    Result<qint64> append(const CallEvent &event);
    // Every event appended to segments numbered below segment is stored: their files go.
    void releaseBefore(qint64 segment);
    // Every event appended so far is stored: the current segment starts over, the others go.
    void releaseAll();

    const QString &folder() const { return m_folder; }
    // Starts a new segment once the current one holds this many bytes.
    static constexpr qint64 segmentBytes = 4 * 1024 * 1024;

private:
    explicit CallJournal(QString folder);
    QString segmentPath(qint64 segment) const;
    QList<qint64> segmentsOnDisk() const;
    void readLeftovers();
    Result<void> startSegment(qint64 segment);
    void closeSegment();

    const QString m_folder;
    QLockFile m_lock;
    QList<CallEvent> m_leftovers;
    QStringList m_leftoverProblems;
    QList<qint64> m_leftoverSegments;
    qint64 m_firstKept = 1; // the oldest of this process's segments still on disk
    qint64 m_segment = 0; // the current one; 0 before the first append
    int m_descriptor = -1; // of the current segment
    qint64 m_segmentSize = 0;
};

} // namespace Store
