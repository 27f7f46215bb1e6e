#include "core/store/CallUpsert.h"

#include "core/store/CallResult.h"

namespace Store {
namespace {

// Whether the event being upserted ("excluded") is at least as new as what the row shows: by Twilio's
// sequence when the event has one, else by time. Events without a sequence (what our webhooks note, such
// as a Dial's outcome) only move calls Twilio has sent no numbered status callback for: its callbacks
// describe the call itself and are authoritative, and their whole-second Timestamps cannot be ordered
// against our milliseconds. A final status (ended_at set) is never replaced by a non-final one, which only
// a retried or reordered callback could bring.
constexpr QLatin1StringView
    eventIsNewer("(((excluded.last_sequence >= 0 AND excluded.last_sequence >= calls.last_sequence)"
                 " OR (excluded.last_sequence < 0 AND calls.last_sequence < 0"
                 " AND excluded.updated_at >= calls.updated_at))"
                 " AND NOT (calls.ended_at IS NOT NULL AND excluded.ended_at IS NULL))");

} // namespace

QString CallUpsert::sql(const QString &rows)
{
    // The descriptive columns keep the first non-empty value: a status callback does not know which
    // client our router chose, and must not erase it.
    const auto firstNonEmpty = [](const char *column) {
        return QStringLiteral("%1 = CASE WHEN calls.%1 = '' THEN excluded.%1 ELSE calls.%1 END")
            .arg(QLatin1String(column));
    };
    // The outcome is not ordered like the status: our webhooks tell it, Twilio's numbered callbacks never
    // do, and the one of higher precedence stands (CallResults::precedence). Once a call has one, its
    // duration is the talk time that came with it, not the caller leg's length a later callback reports.
    const QString newOutcome = QStringLiteral("(excluded.outcome <> '' AND %1 >= %2)")
                                   .arg(CallResults::precedenceSql(QStringLiteral("excluded.outcome")),
                                        CallResults::precedenceSql(QStringLiteral("calls.outcome")));
    return QStringLiteral(
               "INSERT INTO calls (call_sid, direction, from_address, to_address, client_name, status,"
               " duration, started_at, ended_at, updated_at, last_sequence, outcome)"
               " %7"
               " ON CONFLICT (call_sid) DO UPDATE SET"
               " status = CASE WHEN %1 THEN excluded.status ELSE calls.status END,"
               " duration = CASE WHEN %6 AND excluded.duration IS NOT NULL THEN excluded.duration"
               " WHEN calls.outcome <> '' THEN calls.duration"
               " WHEN excluded.duration IS NOT NULL"
               " AND (%1 OR calls.duration IS NULL) THEN excluded.duration ELSE calls.duration END,"
               " outcome = CASE WHEN %6 THEN excluded.outcome ELSE calls.outcome END,"
               " %2, %3, %4, %5,"
               " started_at = CASE WHEN excluded.started_at < calls.started_at"
               " THEN excluded.started_at ELSE calls.started_at END,"
               " ended_at = CASE WHEN %1 THEN COALESCE(calls.ended_at, excluded.ended_at)"
               " ELSE calls.ended_at END,"
               " updated_at = CASE WHEN excluded.updated_at > calls.updated_at"
               " THEN excluded.updated_at ELSE calls.updated_at END,"
               " last_sequence = CASE WHEN excluded.last_sequence > calls.last_sequence"
               " THEN excluded.last_sequence ELSE calls.last_sequence END")
        .arg(eventIsNewer, firstNonEmpty("direction"), firstNonEmpty("from_address"),
             firstNonEmpty("to_address"), firstNonEmpty("client_name"), newOutcome, rows);
}

} // namespace Store
