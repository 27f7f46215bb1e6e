#include "core/store/ConferenceStore.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"

#include <QDateTime>

namespace Store {
namespace {

constexpr QLatin1StringView selectParty("SELECT room, label, call_sid, client_name, address, conference_sid,"
                                        " state, on_hold, held_by FROM conference_parties");

RoomParty partyFrom(const Statement &row)
{
    RoomParty party;
    party.room = row.value(0).toString();
    party.label = row.value(1).toString();
    party.callSid = row.value(2).toString();
    party.clientName = row.value(3).toString();
    party.address = row.value(4).toString();
    party.conferenceSid = row.value(5).toString();
    party.state = row.value(6).toString();
    party.onHold = row.value(7).toInt() != 0;
    party.heldBy = row.value(8).toString();
    return party;
}

// A new party, its conference's SID taken from any party of the room that has it already; bindParty()
// gives its values.
constexpr QLatin1StringView insertParty(
    "INSERT INTO conference_parties (room, label, call_sid, client_name, address, conference_sid, state,"
    " on_hold, updated_at) VALUES (?, ?, ?, ?, ?, COALESCE((SELECT MAX(conference_sid) FROM "
    "conference_parties"
    " WHERE room = ?), ''), ?, 0, ?)");

void bindParty(Statement &statement, const RoomParty &party)
{
    statement.bindText(party.room).bindText(party.label).bindText(party.callSid).bindText(party.clientName);
    statement.bindText(party.address).bindText(party.room).bindText(party.state);
    statement.bind(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

ConferenceStore::ConferenceStore(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{ }

Result<void> ConferenceStore::addParty(const RoomParty &party)
{
    Statement upsert(
        *m_database,
        insertParty
            + QStringLiteral(
                " ON CONFLICT (room, label) DO UPDATE SET"
                " call_sid = CASE WHEN excluded.call_sid = '' THEN conference_parties.call_sid"
                " ELSE excluded.call_sid END,"
                " client_name = CASE WHEN excluded.client_name = '' THEN conference_parties.client_name"
                " ELSE excluded.client_name END,"
                " address = CASE WHEN excluded.address = '' THEN conference_parties.address"
                " ELSE excluded.address END,"
                " state = CASE WHEN excluded.state = '' THEN conference_parties.state"
                " ELSE excluded.state END,"
                " updated_at = excluded.updated_at"));
    bindParty(upsert, party);
    return upsert.exec(QStringLiteral("note party %1 of call %2").arg(party.label, party.room));
}

Result<bool> ConferenceStore::claimParty(const RoomParty &party)
{
    Statement insert(*m_database, insertParty + QStringLiteral(" ON CONFLICT (room, label) DO NOTHING"));
    bindParty(insert, party);
    if (auto done = insert.exec(QStringLiteral("claim party %1 of call %2").arg(party.label, party.room));
        !done)
        return Failure(done.error());
    return insert.rowsAffected() == 1;
}

Result<void> ConferenceStore::setConferenceSid(const QString &room, const QString &conferenceSid)
{
    Statement update(*m_database,
                     QStringLiteral("UPDATE conference_parties SET conference_sid = ?,"
                                    " updated_at = ? WHERE room = ?"));
    update.bindText(conferenceSid).bind(QDateTime::currentMSecsSinceEpoch()).bindText(room);
    return update.exec(QStringLiteral("note the conference of call %1").arg(room));
}

Result<void> ConferenceStore::changeParty(const QString &sql, const QVariant &value, const QString &room,
                                          const QString &label, const QString &doing)
{
    Statement update(*m_database, sql);
    update.bind(value).bind(QDateTime::currentMSecsSinceEpoch()).bindText(room).bindText(label);
    if (auto done = update.exec(doing); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(QStringLiteral("call %1 has no party %2").arg(room, label));
    return {};
}

Result<void> ConferenceStore::setState(const QString &room, const QString &label, const QString &state)
{
    return changeParty(QStringLiteral("UPDATE conference_parties SET state = ?, updated_at = ?"
                                      " WHERE room = ? AND label = ?"),
                       Statement::textValue(state), room, label,
                       QStringLiteral("note that party %1 of call %2 is %3").arg(label, room, state));
}

Result<void> ConferenceStore::setHold(const QString &room, const QString &label, bool onHold,
                                      const QString &heldBy)
{
    Statement update(*m_database,
                     QStringLiteral("UPDATE conference_parties SET on_hold = ?,"
                                    " held_by = CASE WHEN ? = 0 THEN '' WHEN ? = '' THEN held_by ELSE ? END,"
                                    " updated_at = ? WHERE room = ? AND label = ?"));
    update.bind(onHold ? 1 : 0).bind(onHold ? 1 : 0).bindText(heldBy).bindText(heldBy);
    update.bind(QDateTime::currentMSecsSinceEpoch()).bindText(room).bindText(label);
    if (auto done
        = update.exec(QStringLiteral("note that party %1 of call %2 is %3")
                          .arg(label, room, onHold ? QStringLiteral("held") : QStringLiteral("back")));
        !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(QStringLiteral("call %1 has no party %2").arg(room, label));
    return {};
}

Result<std::optional<RoomParty>> ConferenceStore::partyOfCall(const QString &callSid) const
{
    if (callSid.isEmpty())
        return std::optional<RoomParty>();
    Statement select(*m_database, selectParty + QStringLiteral(" WHERE call_sid = ? ORDER BY id LIMIT 1"));
    select.bindText(callSid);
    if (const auto done = select.exec(QStringLiteral("find the conference of call %1").arg(callSid)); !done)
        return Failure(done.error());
    if (!select.next())
        return std::optional<RoomParty>();
    return std::optional<RoomParty>(partyFrom(select));
}

Result<std::optional<RoomParty>> ConferenceStore::party(const QString &room, const QString &label) const
{
    Statement select(*m_database, selectParty + QStringLiteral(" WHERE room = ? AND label = ?"));
    select.bindText(room).bindText(label);
    if (const auto done = select.exec(QStringLiteral("find party %1 of call %2").arg(label, room)); !done)
        return Failure(done.error());
    if (!select.next())
        return std::optional<RoomParty>();
    return std::optional<RoomParty>(partyFrom(select));
}

Result<QList<RoomParty>> ConferenceStore::parties(const QString &room) const
{
    Statement select(*m_database, selectParty + QStringLiteral(" WHERE room = ? ORDER BY id"));
    select.bindText(room);
    if (const auto done = select.exec(QStringLiteral("read the parties of call %1").arg(room)); !done)
        return Failure(done.error());
    QList<RoomParty> result;
    while (select.next())
        result.append(partyFrom(select));
    return result;
}

} // namespace Store
