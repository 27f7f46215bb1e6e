#include "core/store/Migrations.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"
#include "core/store/Transaction.h"

#include <QDateTime>

#include <iterator>

namespace Store {
namespace {

// The statements of each version, in order. Never edit a released version: add the next one.
// The dialects differ only where these placeholders stand, so SQLite and PostgreSQL stay one schema:
//   {ID}  the table's own key, numbered by the database

// 1: clients, their numbers, and the call log. Times are milliseconds since the epoch (UTC).
constexpr const char *version1[] = {
    "CREATE TABLE clients ("
    " id {ID},"
    " name TEXT NOT NULL UNIQUE,"
    " secret_hash TEXT NOT NULL,"
    " disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
    " created_at BIGINT NOT NULL)",

    "CREATE TABLE numbers ("
    " id {ID},"
    " e164 TEXT NOT NULL UNIQUE,"
    " client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
    " label TEXT NOT NULL DEFAULT '',"
    " enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
    " created_at BIGINT NOT NULL)",

    "CREATE INDEX numbers_client_id ON numbers (client_id)",

    // duration in seconds, NULL while unknown; ended_at NULL until a final status.
    "CREATE TABLE calls ("
    " id {ID},"
    " call_sid TEXT NOT NULL UNIQUE,"
    " direction TEXT NOT NULL DEFAULT '',"
    " from_address TEXT NOT NULL DEFAULT '',"
    " to_address TEXT NOT NULL DEFAULT '',"
    " client_name TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL,"
    " duration INTEGER,"
    " started_at BIGINT NOT NULL,"
    " ended_at BIGINT,"
    " updated_at BIGINT NOT NULL,"
    " last_sequence INTEGER NOT NULL DEFAULT -1)",

    "CREATE INDEX calls_updated_at ON calls (updated_at)",

    // sequence is -1 when Twilio sent no SequenceNumber; the unique key makes a retried callback a no-op.
    "CREATE TABLE call_events ("
    " id {ID},"
    " call_sid TEXT NOT NULL,"
    " sequence INTEGER NOT NULL,"
    " status TEXT NOT NULL,"
    " received_at BIGINT NOT NULL,"
    " UNIQUE (call_sid, sequence, status))",
};

// 2: what each call came to for the person (Store::CallResult's names); '' for calls logged before, which
// show Twilio's status instead.
constexpr const char *version2[] = {
    "ALTER TABLE calls ADD COLUMN outcome TEXT NOT NULL DEFAULT ''",
};

// 3: voicemail, one row per recording Twilio reports (POST /voice/recording), kept idempotently by its
// RecordingSid. caller, called and client_name are copied from the call's row when it is there already;
// status is Twilio's RecordingStatus (completed, absent, failed); deleted_at is set once the recording is
// deleted at Twilio, and the row stays so that a late callback cannot bring the message back.
constexpr const char *version3[] = {
    "CREATE TABLE voicemails ("
    " id {ID},"
    " recording_sid TEXT NOT NULL UNIQUE,"
    " call_sid TEXT NOT NULL,"
    " caller TEXT NOT NULL DEFAULT '',"
    " called TEXT NOT NULL DEFAULT '',"
    " client_name TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL,"
    " duration INTEGER NOT NULL DEFAULT 0,"
    " media_url TEXT NOT NULL DEFAULT '',"
    " transcript TEXT NOT NULL DEFAULT '',"
    " transcript_status TEXT NOT NULL DEFAULT '',"
    " heard INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1)),"
    " recorded_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " deleted_at BIGINT)",

    "CREATE INDEX voicemails_client_recorded ON voicemails (client_name, recorded_at)",
    "CREATE INDEX voicemails_call_sid ON voicemails (call_sid)",
};

// 4: call control. Each call under it has a conference of its own, named by the CallSid of its first leg
// (room); conference_sid is Twilio's CF… once its status callback told it. Each party is one leg in it,
// known by its participant label: the leg's CallSid once Twilio gave it, the client it rings if one, its
// state (calling, joined, left, or how its call ended) and whether it is held.
constexpr const char *version4[] = {
    "CREATE TABLE conference_parties ("
    " id {ID},"
    " room TEXT NOT NULL,"
    " label TEXT NOT NULL,"
    " call_sid TEXT NOT NULL DEFAULT '',"
    " client_name TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " conference_sid TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL DEFAULT '',"
    " on_hold INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1)),"
    " updated_at BIGINT NOT NULL,"
    " UNIQUE (room, label))",

    "CREATE INDEX conference_parties_call_sid ON conference_parties (call_sid)",
};

// 5: call control's transfers. held_by: the label of the party that put this one on hold, so that a party
// held by someone who has since left (a blind transfer, an added call whose holder hung up) is taken off
// hold once someone is there to talk to. call_story: what happened on a call under call control, in
// order, so that a transferred call reads as one story: who joined and left, who held whom, transfers.
constexpr const char *version5[] = {
    "ALTER TABLE conference_parties ADD COLUMN held_by TEXT NOT NULL DEFAULT ''",

    "CREATE TABLE call_story ("
    " id {ID},"
    " room TEXT NOT NULL,"
    " at BIGINT NOT NULL,"
    " event TEXT NOT NULL,"
    " party TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " actor TEXT NOT NULL DEFAULT '',"
    " detail TEXT NOT NULL DEFAULT '')",

    "CREATE INDEX call_story_room ON call_story (room, id)",
};

// 6: what connecting a Twilio account changed there, so that disconnecting restores it exactly: one row per
// resource (its path below the account: "IncomingPhoneNumbers/PN….json"), made before the change is sent.
// created: Switchboard made the resource (a TwiML App, an API key), and disconnecting deletes it; else
// previous holds the fields it changed with their values before (a JSON object, form names), written once.
constexpr const char *version6[] = {
    "CREATE TABLE twilio_changes ("
    " id {ID},"
    " account_sid TEXT NOT NULL,"
    " resource TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " label TEXT NOT NULL DEFAULT '',"
    " created INTEGER NOT NULL DEFAULT 0 CHECK (created IN (0, 1)),"
    " previous TEXT NOT NULL DEFAULT '{}',"
    " changed_at BIGINT NOT NULL,"
    " UNIQUE (account_sid, resource))",
};

struct Version
{
    const char *const *begin;
    const char *const *end;
};
constexpr Version versions[] = {
    { std::begin(version1), std::end(version1) }, { std::begin(version2), std::end(version2) },
    { std::begin(version3), std::end(version3) }, { std::begin(version4), std::end(version4) },
    { std::begin(version5), std::end(version5) }, { std::begin(version6), std::end(version6) },
};

constexpr int versionCount = int(std::size(versions));
static_assert(versionCount == Database::currentSchemaVersion,
              "Database::currentSchemaVersion must name the last migration");

// Taken by every process that migrates a PostgreSQL database, so that two servers starting at once do not
// both create the tables. Any constant will do, as long as it stays the same.
constexpr qint64 migrationLockKey = 0x5377427264; // "SwBrd"

} // namespace

int Migrations::latestVersion()
{
    return versionCount;
}

QStringList Migrations::statements(int version, bool postgres)
{
    const QString autoId = postgres ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                                    : QStringLiteral("INTEGER PRIMARY KEY");
    QStringList result;
    for (auto statement = versions[version - 1].begin; statement != versions[version - 1].end; ++statement)
        result.append(QString::fromLatin1(*statement).replace(QLatin1String("{ID}"), autoId));
    return result;
}

Result<int> Migrations::apply(const Database &database)
{
    Transaction transaction(database);
    if (const auto begun = transaction.begin(); !begun)
        return Failure(begun.error());
    const QSqlDatabase connection = transaction.connection();

    if (database.isPostgres()) {
        // Or every start would print "relation schema_migrations already exists, skipping" on stderr.
        if (const auto quiet
            = Statement::execDirect(connection, QStringLiteral("SET LOCAL client_min_messages = warning"),
                                    QStringLiteral("quieten the migration"));
            !quiet)
            return transaction.fail(quiet.error());
        Statement lock(transaction, QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
        lock.bind(migrationLockKey);
        if (const auto locked = lock.exec(QStringLiteral("wait for other servers to finish migrating"));
            !locked)
            return transaction.fail(locked.error());
    }
    if (const auto created
        = Statement::execDirect(connection,
                                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                               " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"),
                                QStringLiteral("prepare the schema's version table"));
        !created)
        return transaction.fail(created.error());

    Statement current(transaction, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (const auto read = current.exec(QStringLiteral("read the schema version")); !read)
        return transaction.fail(read.error());
    const int found = current.next() ? current.value(0).toInt() : 0;
    current.finish();

    if (found > latestVersion())
        return transaction.fail(
            QStringLiteral("the database has schema version %1, made by a newer Switchboard; this one knows "
                           "versions up to %2. Upgrade Switchboard, or use another database; this one was "
                           "left unchanged")
                .arg(found)
                .arg(latestVersion()));

    for (int version = found + 1; version <= latestVersion(); ++version) {
        for (const QString &sql : statements(version, database.isPostgres())) {
            if (const auto done = Statement::execDirect(
                    connection, sql, QStringLiteral("apply schema version %1").arg(version));
                !done)
                return transaction.fail(done.error());
        }
        Statement record(transaction,
                         QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        record.bind(version).bind(QDateTime::currentMSecsSinceEpoch());
        if (const auto done = record.exec(QStringLiteral("record schema version %1").arg(version)); !done)
            return transaction.fail(done.error());
        qCInfo(lcStore).noquote() << "applying schema version" << version << "to"
                                  << database.location().displayName();
    }
    if (const auto committed = transaction.commit(); !committed)
        return Failure(committed.error());
    return latestVersion();
}

} // namespace Store
