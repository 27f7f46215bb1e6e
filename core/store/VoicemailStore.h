#pragma once

// The voicemail inbox: recordings Twilio reports, their transcripts, whether their client heard them, and
// which were deleted. Every write is idempotent, as Twilio may post the same callback twice, and a deleted
// message stays deleted whatever arrives later.

#include "core/common/Result.h"
#include "core/store/Voicemail.h"

#include <QList>

#include <memory>
#include <optional>

namespace Store {

class Database;

class VoicemailStore
{
public:
    struct Filter
    {
        QString clientName; // empty: every client's
        bool includeDeleted = false;
        bool includeUnplayable = false; // absent and failed recordings, which hold no message
        int limit = 200;
    };

    explicit VoicemailStore(std::shared_ptr<Database> database);

    // Stores a recording, or updates the one with its RecordingSid (a later status, a retried callback).
    // Caller, number and client come from the call's row in the call log.
    Result<void> record(const RecordingReport &report);
    // Adds a transcript; a transcript that arrives before its recording makes the row, which the recording
    // then completes.
    Result<void> transcribe(const TranscriptReport &report);

    // Newest first.
    Result<QList<Voicemail>> list(const Filter &filter) const;
    Result<std::optional<Voicemail>> find(const QString &recordingSid) const;
    // Messages not heard yet (completed, not deleted); clientName empty: everyone's.
    Result<int> unheardCount(const QString &clientName) const;

    // Fails for a recording that is not stored (or deleted).
    Result<void> setHeard(const QString &recordingSid, bool heard);
    // Marks it deleted: it leaves every list, and callbacks that follow do not bring it back.
    Result<void> markDeleted(const QString &recordingSid);

private:
    Result<void> changeOne(const QString &sql, const QVariant &value, const QString &recordingSid,
                           const QString &doing);

    std::shared_ptr<Database> m_database;
};

} // namespace Store
