#include "core/store/NumberStore.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"
#include "core/store/Transaction.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

namespace Store {
namespace {

constexpr QLatin1StringView selectMapping("SELECT n.id, n.e164, c.name, n.label, n.enabled, c.disabled"
                                          " FROM numbers n JOIN clients c ON c.id = n.client_id");

constexpr int columnsPerRow = 5; // of the INSERT in addMany
// Rows per INSERT in addMany: one statement per row would cost a round trip each on PostgreSQL. 200 rows
// bind 1,000 values, well under both databases' limits.
constexpr int rowsPerInsert = 200;

NumberMapping mappingFrom(const Statement &row)
{
    NumberMapping mapping;
    mapping.id = row.value(0).toLongLong();
    mapping.e164 = row.value(1).toString();
    mapping.clientName = row.value(2).toString();
    mapping.label = row.value(3).toString();
    mapping.enabled = row.value(4).toInt() != 0;
    mapping.clientDisabled = row.value(5).toInt() != 0;
    return mapping;
}

QString notMapped(const QString &e164)
{
    return QStringLiteral("%1 is not mapped to any client").arg(e164);
}

QString insertStatement(int rows)
{
    QString sql = QStringLiteral("INSERT INTO numbers (e164, client_id, label, enabled, created_at) VALUES ");
    for (int row = 0; row < rows; ++row)
        sql += row == 0 ? QStringLiteral("(?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?)");
    return sql + QStringLiteral(" ON CONFLICT (e164) DO NOTHING");
}

} // namespace

NumberStore::NumberStore(std::shared_ptr<Database> database, QString defaultRegion)
    : m_database(std::move(database))
    , m_defaultRegion(std::move(defaultRegion))
{ }

Result<QString> NumberStore::normalised(const QString &number) const
{
    const auto parsed = Phone::PhoneNumber::parse(number, m_defaultRegion);
    if (!parsed)
        return Failure(parsed.error());
    return parsed->e164();
}

QString NumberStore::alreadyMapped(const QString &e164) const
{
    if (const auto existing = find(e164))
        return QStringLiteral("%1 is already mapped to client %2").arg(e164, existing->clientName);
    return QStringLiteral("%1 is already mapped to a client").arg(e164);
}

Result<NumberMapping> NumberStore::add(const QString &number, const QString &clientName, const QString &label)
{
    const auto e164 = normalised(number);
    if (!e164)
        return Failure(e164.error());

    Transaction transaction(*m_database);
    if (const auto begun = transaction.begin(); !begun)
        return Failure(begun.error());
    Statement client(transaction, QStringLiteral("SELECT id FROM clients WHERE name = ?"));
    client.bind(clientName);
    if (const auto done = client.exec(QStringLiteral("look up client %1").arg(clientName)); !done)
        return transaction.fail(done.error());
    if (!client.next())
        return transaction.fail(QStringLiteral("no client named %1").arg(clientName));
    const qint64 clientId = client.value(0).toLongLong();
    client.finish();

    // ON CONFLICT rather than a failed insert: PostgreSQL would abort the transaction, and a number that
    // another server added a moment ago is a refusal with a message, not an error.
    Statement insert(transaction,
                     QStringLiteral("INSERT INTO numbers (e164, client_id, label, enabled, created_at)"
                                    " VALUES (?, ?, ?, 1, ?) ON CONFLICT (e164) DO NOTHING"
                                    " RETURNING id"));
    insert.bind(*e164).bind(clientId).bindText(label).bind(QDateTime::currentMSecsSinceEpoch());
    if (const auto done = insert.exec(QStringLiteral("map %1 to client %2").arg(*e164, clientName)); !done)
        return transaction.fail(done.error());
    if (!insert.next()) {
        transaction.rollback();
        return Failure(alreadyMapped(*e164));
    }
    NumberMapping mapping;
    mapping.id = insert.value(0).toLongLong();
    insert.finish();
    if (const auto committed = transaction.commit(); !committed)
        return Failure(committed.error());
    mapping.e164 = *e164;
    mapping.clientName = clientName;
    mapping.label = label;
    return mapping;
}

Result<void> NumberStore::remove(const QString &number)
{
    const auto e164 = normalised(number);
    if (!e164)
        return Failure(e164.error());
    Statement remove(*m_database, QStringLiteral("DELETE FROM numbers WHERE e164 = ?"));
    remove.bind(*e164);
    if (auto done = remove.exec(QStringLiteral("remove %1").arg(*e164)); !done)
        return done;
    if (remove.rowsAffected() == 0)
        return Failure(notMapped(*e164));
    return {};
}

Result<void> NumberStore::setEnabled(const QString &number, bool enabled)
{
    const auto e164 = normalised(number);
    if (!e164)
        return Failure(e164.error());
    Statement update(*m_database, QStringLiteral("UPDATE numbers SET enabled = ? WHERE e164 = ?"));
    update.bind(enabled ? 1 : 0).bind(*e164);
    if (auto done = update.exec(QStringLiteral("change %1").arg(*e164)); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(notMapped(*e164));
    return {};
}

Result<void> NumberStore::setLabel(const QString &number, const QString &label)
{
    const auto e164 = normalised(number);
    if (!e164)
        return Failure(e164.error());
    Statement update(*m_database, QStringLiteral("UPDATE numbers SET label = ? WHERE e164 = ?"));
    update.bindText(label).bind(*e164);
    if (auto done = update.exec(QStringLiteral("change the label of %1").arg(*e164)); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(notMapped(*e164));
    return {};
}

Result<NumberMapping> NumberStore::update(const NumberMapping &changed)
{
    const auto e164 = normalised(changed.e164);
    if (!e164)
        return Failure(e164.error());

    Transaction transaction(*m_database);
    if (const auto begun = transaction.begin(); !begun)
        return Failure(begun.error());
    Statement client(transaction, QStringLiteral("SELECT id, disabled FROM clients WHERE name = ?"));
    client.bind(changed.clientName);
    if (const auto done = client.exec(QStringLiteral("look up client %1").arg(changed.clientName)); !done)
        return transaction.fail(done.error());
    if (!client.next())
        return transaction.fail(QStringLiteral("no client named %1").arg(changed.clientName));
    const qint64 clientId = client.value(0).toLongLong();
    const bool clientDisabled = client.value(1).toInt() != 0;
    client.finish();

    // Another row holding the number is a refusal with a message; checked before the UPDATE because a
    // unique violation would abort a PostgreSQL transaction and say less.
    Statement taken(transaction, QStringLiteral("SELECT id FROM numbers WHERE e164 = ? AND id <> ?"));
    taken.bind(*e164).bind(changed.id);
    if (const auto done = taken.exec(QStringLiteral("look up %1").arg(*e164)); !done)
        return transaction.fail(done.error());
    const bool numberTaken = taken.next();
    taken.finish();
    if (numberTaken) {
        transaction.rollback();
        return Failure(alreadyMapped(*e164));
    }

    Statement update(transaction,
                     QStringLiteral("UPDATE numbers SET e164 = ?, client_id = ?, label = ?, enabled = ?"
                                    " WHERE id = ?"));
    update.bind(*e164).bind(clientId).bindText(changed.label).bind(changed.enabled ? 1 : 0).bind(changed.id);
    if (const auto done = update.exec(QStringLiteral("change %1").arg(*e164)); !done) {
        if (update.failure() == Statement::Failure::UniqueViolation) {
            transaction.rollback(); // first: the lookup for the message needs a usable connection
            return Failure(alreadyMapped(*e164));
        }
        return transaction.fail(done.error());
    }
    if (update.rowsAffected() == 0)
        return transaction.fail(QStringLiteral("%1 was removed meanwhile").arg(*e164));
    if (const auto committed = transaction.commit(); !committed)
        return Failure(committed.error());
    NumberMapping result = changed;
    result.e164 = *e164;
    result.clientDisabled = clientDisabled;
    return result;
}

std::optional<NumberMapping> NumberStore::find(const QString &e164) const
{
    static const QString sql = selectMapping + QStringLiteral(" WHERE n.e164 = ?");
    Statement select(*m_database, sql);
    select.bind(e164);
    if (const auto done = select.exec(QStringLiteral("look up %1").arg(e164)); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return std::nullopt;
    }
    if (!select.next())
        return std::nullopt;
    return mappingFrom(select);
}

std::optional<QString> NumberStore::enabledClientFor(const QString &e164) const
{
    static const QString sql
        = QStringLiteral("SELECT c.name FROM numbers n JOIN clients c ON c.id = n.client_id"
                         " WHERE n.e164 = ? AND n.enabled <> 0 AND c.disabled = 0");
    Statement select(*m_database, sql);
    select.bind(e164);
    if (const auto done = select.exec(QStringLiteral("look up the client of a number")); !done) {
        qCWarning(lcStore).noquote() << done.error() << "--" << e164;
        return std::nullopt;
    }
    if (!select.next())
        return std::nullopt;
    return select.value(0).toString();
}

QList<NumberMapping> NumberStore::list() const
{
    QList<NumberMapping> mappings;
    Statement select(*m_database, selectMapping + QStringLiteral(" ORDER BY n.e164"));
    if (const auto done = select.exec(QStringLiteral("list the numbers")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return mappings;
    }
    while (select.next())
        mappings.append(mappingFrom(select));
    return mappings;
}

QList<NumberMapping> NumberStore::numbersOf(const QString &clientName) const
{
    QList<NumberMapping> mappings;
    Statement select(*m_database, selectMapping + QStringLiteral(" WHERE c.name = ? ORDER BY n.e164"));
    select.bind(clientName);
    if (const auto done = select.exec(QStringLiteral("list the numbers of client %1").arg(clientName));
        !done) {
        qCWarning(lcStore).noquote() << done.error();
        return mappings;
    }
    while (select.next())
        mappings.append(mappingFrom(select));
    return mappings;
}

QList<NumberMapping> NumberStore::enabledNumbersOf(const QString &clientName) const
{
    QList<NumberMapping> enabled = numbersOf(clientName);
    enabled.removeIf([](const NumberMapping &mapping) { return !mapping.enabled; });
    return enabled;
}

std::optional<NumberMapping> NumberStore::ownNumberOf(const QString &clientName) const
{
    const QList<NumberMapping> enabled = enabledNumbersOf(clientName);
    if (enabled.isEmpty())
        return std::nullopt;
    return enabled.constFirst();
}

QHash<QString, int> NumberStore::countsByClient() const
{
    QHash<QString, int> counts;
    Statement select(*m_database,
                     QStringLiteral("SELECT c.name, COUNT(*) FROM numbers n"
                                    " JOIN clients c ON c.id = n.client_id GROUP BY c.name"));
    if (const auto done = select.exec(QStringLiteral("count the numbers of each client")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return counts;
    }
    while (select.next())
        counts.insert(select.value(0).toString(), select.value(1).toInt());
    return counts;
}

Result<int> NumberStore::addMany(const QList<NumberMapping> &mappings)
{
    // Everything that can be checked without the database first: a refusal then costs no transaction.
    QList<QString> numbers;
    numbers.reserve(mappings.size());
    QSet<QString> seen;
    seen.reserve(mappings.size());
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        const auto e164 = normalised(mappings.at(i).e164);
        if (!e164)
            return Failure(QStringLiteral("entry %1: %2").arg(i + 1).arg(e164.error()));
        if (seen.contains(*e164))
            return Failure(QStringLiteral("entry %1: %2 appears twice in the list").arg(i + 1).arg(*e164));
        seen.insert(*e164);
        numbers.append(*e164);
    }
    if (mappings.isEmpty())
        return 0;

    Transaction transaction(*m_database);
    if (const auto begun = transaction.begin(); !begun)
        return Failure(begun.error());

    QHash<QString, qint64> clientIds;
    {
        Statement clients(transaction, QStringLiteral("SELECT id, name FROM clients"));
        if (const auto done = clients.exec(QStringLiteral("list the clients")); !done)
            return transaction.fail(done.error());
        while (clients.next())
            clientIds.insert(clients.value(1).toString(), clients.value(0).toLongLong());
    }
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        if (!clientIds.contains(mappings.at(i).clientName))
            return transaction.fail(
                QStringLiteral("entry %1: no client named %2").arg(i + 1).arg(mappings.at(i).clientName));
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::optional<Statement> fullInsert;
    for (qsizetype first = 0; first < mappings.size(); first += rowsPerInsert) {
        const int rows = int(std::min<qsizetype>(rowsPerInsert, mappings.size() - first));
        std::optional<Statement> partialInsert;
        Statement *insert = nullptr;
        if (rows == rowsPerInsert) {
            if (!fullInsert)
                fullInsert.emplace(transaction, insertStatement(rows), Statement::Reuse::Once);
            insert = &*fullInsert;
        } else {
            insert = &partialInsert.emplace(transaction, insertStatement(rows), Statement::Reuse::Once);
        }
        for (int row = 0; row < rows; ++row) {
            const NumberMapping &mapping = mappings.at(first + row);
            const int base = row * columnsPerRow;
            insert->bindAt(base, numbers.at(first + row));
            insert->bindAt(base + 1, clientIds.value(mapping.clientName));
            insert->bindAt(base + 2, Statement::textValue(mapping.label));
            insert->bindAt(base + 3, mapping.enabled ? 1 : 0);
            insert->bindAt(base + 4, now);
        }
        if (const auto done = insert->exec(QStringLiteral("add the numbers")); !done)
            return transaction.fail(done.error());
        if (insert->rowsAffected() != rows) {
            // Some of these numbers were mapped already: name the first.
            transaction.rollback();
            for (int row = 0; row < rows; ++row) {
                if (find(numbers.at(first + row)))
                    return Failure(QStringLiteral("entry %1: %2")
                                       .arg(first + row + 1)
                                       .arg(alreadyMapped(numbers.at(first + row))));
            }
            return Failure(QStringLiteral("some of the numbers were mapped already; nothing was added"));
        }
    }
    if (const auto committed = transaction.commit(); !committed)
        return Failure(committed.error());
    return int(mappings.size());
}

} // namespace Store
