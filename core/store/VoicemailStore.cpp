#include "core/store/VoicemailStore.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <QStringList>

namespace Store {
namespace {

// The call's own row fills in who called, which number and which client, when the voicemail row lacks them
// (its recording was stored before the call's row).
constexpr QLatin1StringView selectVoicemail(
    "SELECT v.recording_sid, v.call_sid,"
    " COALESCE(NULLIF(v.caller, ''), c.from_address, ''),"
    " COALESCE(NULLIF(v.called, ''), c.to_address, ''),"
    " COALESCE(NULLIF(v.client_name, ''), c.client_name, ''),"
    " v.status, v.duration, v.media_url, v.transcript, v.transcript_status, v.heard, v.deleted_at,"
    " v.recorded_at"
    " FROM voicemails v LEFT JOIN calls c ON c.call_sid = v.call_sid");

constexpr QLatin1StringView clientOfRow("COALESCE(NULLIF(v.client_name, ''), c.client_name, '')");

// Copied from the call log when it has the call already.
constexpr QLatin1StringView fromCall("COALESCE((SELECT from_address FROM calls WHERE call_sid = ?), ''),"
                                     " COALESCE((SELECT to_address FROM calls WHERE call_sid = ?), ''),"
                                     " COALESCE((SELECT client_name FROM calls WHERE call_sid = ?), '')");

// Fills in what an earlier row lacked, never overwriting what it had.
constexpr QLatin1StringView keepKnownParties(
    " caller = CASE WHEN voicemails.caller = '' THEN excluded.caller ELSE voicemails.caller END,"
    " called = CASE WHEN voicemails.called = '' THEN excluded.called ELSE voicemails.called END,"
    " client_name = CASE WHEN voicemails.client_name = '' THEN excluded.client_name"
    " ELSE voicemails.client_name END,");

Voicemail voicemailFrom(const Statement &row)
{
    Voicemail voicemail;
    voicemail.recordingSid = row.value(0).toString();
    voicemail.callSid = row.value(1).toString();
    voicemail.caller = row.value(2).toString();
    voicemail.called = row.value(3).toString();
    voicemail.clientName = row.value(4).toString();
    voicemail.status = row.value(5).toString();
    voicemail.duration = row.value(6).toInt();
    voicemail.mediaUrl = row.value(7).toString();
    voicemail.transcript = row.value(8).toString();
    voicemail.transcriptStatus = row.value(9).toString();
    voicemail.heard = row.value(10).toInt() != 0;
    voicemail.deleted = !row.value(11).isNull();
    voicemail.recorded = QDateTime::fromMSecsSinceEpoch(row.value(12).toLongLong(), Qt::UTC);
    return voicemail;
}

QString completed()
{
    return QStringLiteral("completed");
}

} // namespace

VoicemailStore::VoicemailStore(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{ }

Result<void> VoicemailStore::record(const RecordingReport &report)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Statement upsert(
        *m_database,
        QStringLiteral("INSERT INTO voicemails (recording_sid, call_sid, caller, called, client_name,"
                       " status, duration, media_url, recorded_at, updated_at)"
                       " VALUES (?, ?, %1, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (recording_sid) DO UPDATE SET"
                       "%2"
                       " call_sid = excluded.call_sid, status = excluded.status,"
                       " duration = excluded.duration, media_url = excluded.media_url,"
                       " recorded_at = excluded.recorded_at, updated_at = excluded.updated_at")
            .arg(fromCall, keepKnownParties));
    upsert.bindText(report.recordingSid).bindText(report.callSid);
    upsert.bindText(report.callSid).bindText(report.callSid).bindText(report.callSid);
    upsert.bindText(report.status).bind(report.duration).bindText(report.mediaUrl);
    upsert.bind(report.recorded.isValid() ? report.recorded.toMSecsSinceEpoch() : now).bind(now);
    return upsert.exec(QStringLiteral("store voicemail %1").arg(report.recordingSid));
}

Result<void> VoicemailStore::transcribe(const TranscriptReport &report)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Twilio transcribes completed recordings only: a row made here is one of those.
    Statement upsert(
        *m_database,
        QStringLiteral("INSERT INTO voicemails (recording_sid, call_sid, caller, called, client_name,"
                       " status, media_url, transcript, transcript_status, recorded_at, updated_at)"
                       " VALUES (?, ?, %1, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (recording_sid) DO UPDATE SET"
                       "%2"
                       " transcript = excluded.transcript,"
                       " transcript_status = excluded.transcript_status,"
                       " updated_at = excluded.updated_at")
            .arg(fromCall, keepKnownParties));
    upsert.bindText(report.recordingSid).bindText(report.callSid);
    upsert.bindText(report.callSid).bindText(report.callSid).bindText(report.callSid);
    upsert.bindText(completed()).bindText(report.mediaUrl).bindText(report.text).bindText(report.status);
    upsert.bind(now).bind(now);
    return upsert.exec(QStringLiteral("store the transcript of voicemail %1").arg(report.recordingSid));
}

Result<QList<Voicemail>> VoicemailStore::list(const Filter &filter) const
{
    QStringList conditions;
    if (!filter.clientName.isEmpty())
        conditions << clientOfRow + QStringLiteral(" = ?");
    if (!filter.includeDeleted)
        conditions << QStringLiteral("v.deleted_at IS NULL");
    if (!filter.includeUnplayable)
        conditions << QStringLiteral("v.status = 'completed'");
    QString sql = selectVoicemail;
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY v.recorded_at DESC, v.id DESC LIMIT ?");
    Statement select(*m_database, sql);
    if (!filter.clientName.isEmpty())
        select.bindText(filter.clientName);
    select.bind(std::max(filter.limit, 1));
    if (const auto done = select.exec(QStringLiteral("read the voicemail")); !done)
        return Failure(done.error());
    QList<Voicemail> result;
    while (select.next())
        result.append(voicemailFrom(select));
    return result;
}

Result<std::optional<Voicemail>> VoicemailStore::find(const QString &recordingSid) const
{
    Statement select(*m_database, selectVoicemail + QStringLiteral(" WHERE v.recording_sid = ?"));
    select.bindText(recordingSid);
    if (const auto done = select.exec(QStringLiteral("read voicemail %1").arg(recordingSid)); !done)
        return Failure(done.error());
    if (!select.next())
        return std::optional<Voicemail>();
    return std::optional<Voicemail>(voicemailFrom(select));
}

Result<int> VoicemailStore::unheardCount(const QString &clientName) const
{
    QString sql
        = QStringLiteral("SELECT COUNT(*) FROM voicemails v LEFT JOIN calls c ON c.call_sid = v.call_sid"
                         " WHERE v.heard = 0 AND v.deleted_at IS NULL AND v.status = 'completed'");
    if (!clientName.isEmpty())
        sql += QStringLiteral(" AND ") + clientOfRow + QStringLiteral(" = ?");
    Statement count(*m_database, sql);
    if (!clientName.isEmpty())
        count.bindText(clientName);
    if (const auto done = count.exec(QStringLiteral("count the unheard voicemail")); !done)
        return Failure(done.error());
    return count.next() ? count.value(0).toInt() : 0;
}

Result<void> VoicemailStore::changeOne(const QString &sql, const QVariant &value, const QString &recordingSid,
                                       const QString &doing)
{
    Statement update(*m_database, sql);
    update.bind(value).bind(QDateTime::currentMSecsSinceEpoch()).bindText(recordingSid);
    if (auto done = update.exec(doing); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(QStringLiteral("there is no voicemail %1").arg(recordingSid));
    return {};
}

Result<void> VoicemailStore::setHeard(const QString &recordingSid, bool heard)
{
    return changeOne(QStringLiteral("UPDATE voicemails SET heard = ?, updated_at = ?"
                                    " WHERE recording_sid = ? AND deleted_at IS NULL"),
                     heard ? 1 : 0, recordingSid,
                     QStringLiteral("mark voicemail %1 %2")
                         .arg(recordingSid, heard ? QStringLiteral("heard") : QStringLiteral("unheard")));
}

Result<void> VoicemailStore::markDeleted(const QString &recordingSid)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return changeOne(
        QStringLiteral("UPDATE voicemails SET deleted_at = COALESCE(deleted_at, ?), updated_at = ?"
                       " WHERE recording_sid = ?"),
        now, recordingSid, QStringLiteral("delete voicemail %1").arg(recordingSid));
}

} // namespace Store
