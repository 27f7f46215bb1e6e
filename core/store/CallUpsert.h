#pragma once

// The SQL that folds one call event into its call's summary row (calls): shared by CallLog, which writes
// one event at a time, and PostgresCallBatch, which writes many with one statement.

#include <QString>

namespace Store {

class CallUpsert
{
public:
    // INSERT INTO calls (call_sid, direction, from_address, to_address, client_name, status, duration,
    // started_at, ended_at, updated_at, last_sequence, outcome) ROWS ON CONFLICT (call_sid) DO UPDATE ...:
    // rows is "VALUES (...)" or a SELECT of those twelve columns, in that order.
    static QString sql(const QString &rows);
};

} // namespace Store
