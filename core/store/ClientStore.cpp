#include "core/store/ClientStore.h"

#include "core/phone/ClientAddress.h"
#include "core/store/Database.h"
#include "core/store/SecretHash.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

#include <sodium.h>

namespace Store {
namespace {

// The fifth column is 1 when the client has a secret; the hash itself is read only to check a login.
constexpr QLatin1StringView selectClient(
    "SELECT id, name, disabled, created_at, CASE WHEN secret_hash = '' THEN 0 ELSE 1 END FROM clients");

Client clientFrom(const Statement &row)
{
    Client client;
    client.id = row.value(0).toLongLong();
    client.name = row.value(1).toString();
    client.disabled = row.value(2).toInt() != 0;
    client.created = QDateTime::fromMSecsSinceEpoch(row.value(3).toLongLong(), Qt::UTC);
    client.hasSecret = row.value(4).toInt() != 0;
    return client;
}

QString noSuchClient(const QString &name)
{
    return QStringLiteral("no client named %1").arg(name);
}

Result<void> checkSecret(const QByteArray &secret)
{
    if (secret.size() < ClientStore::minimumSecretLength)
        return Failure(QStringLiteral("a client's secret must be at least %1 bytes long")
                           .arg(ClientStore::minimumSecretLength));
    return {};
}

} // namespace

Result<QByteArray> ClientStore::generateSecret()
{
    // sodium_init() may be called again and again; it seeds the generator once.
    if (sodium_init() < 0)
        return Failure(QStringLiteral("the cryptography library (libsodium) could not start"));
    unsigned char bytes[generatedSecretBytes];
    randombytes_buf(bytes, sizeof bytes);
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    char text[sodium_base64_ENCODED_LEN(generatedSecretBytes, variant)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, variant);
    QByteArray secret(text);
    sodium_memzero(bytes, sizeof bytes);
    sodium_memzero(text, sizeof text);
    return secret;
}

ClientStore::ClientStore(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{ }

Result<Client> ClientStore::add(const QString &name, const QByteArray &secret)
{
    if (const QString problem = Phone::ClientAddress::nameProblem(name); !problem.isEmpty())
        return Failure(problem);
    if (const auto checked = checkSecret(secret); !checked)
        return Failure(checked.error());
    // Checked before hashing, which costs a tenth of a second; the insert below still settles races.
    if (find(name))
        return Failure(QStringLiteral("a client named %1 exists already").arg(name));
    const auto hash = SecretHash::hash(secret);
    if (!hash)
        return Failure(hash.error());

    Statement insert(*m_database,
                     QStringLiteral("INSERT INTO clients (name, secret_hash, disabled, created_at)"
                                    " VALUES (?, ?, 0, ?) ON CONFLICT (name) DO NOTHING"
                                    " RETURNING id"));
    const QDateTime created = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    insert.bind(name).bind(*hash).bind(created.toMSecsSinceEpoch());
    if (const auto done = insert.exec(QStringLiteral("add client %1").arg(name)); !done)
        return Failure(done.error());
    if (!insert.next())
        return Failure(QStringLiteral("a client named %1 exists already").arg(name));
    Client client;
    client.id = insert.value(0).toLongLong();
    insert.finish(); // SQLite commits a RETURNING statement when it is reset
    client.name = name;
    client.created = created;
    return client;
}

Result<Client> ClientStore::ensureWithoutSecret(const QString &name)
{
    if (const QString problem = Phone::ClientAddress::nameProblem(name); !problem.isEmpty())
        return Failure(problem);
    // An empty hash matches no secret (Login::check), which the schema's NOT NULL allows.
    Statement insert(*m_database,
                     QStringLiteral("INSERT INTO clients (name, secret_hash, disabled, created_at)"
                                    " VALUES (?, '', 0, ?) ON CONFLICT (name) DO NOTHING"));
    insert.bind(name).bind(QDateTime::currentMSecsSinceEpoch());
    if (const auto done = insert.exec(QStringLiteral("add this phone's client %1").arg(name)); !done)
        return Failure(done.error());
    insert.finish();
    if (const auto client = find(name))
        return *client;
    return Failure(QStringLiteral("this phone's client %1 could not be read back").arg(name));
}

Result<void> ClientStore::remove(const QString &name)
{
    Statement remove(*m_database, QStringLiteral("DELETE FROM clients WHERE name = ?"));
    remove.bind(name);
    if (auto done = remove.exec(QStringLiteral("remove client %1").arg(name)); !done) {
        if (remove.failure() != Statement::Failure::ForeignKeyViolation)
            return done;
        // The foreign key refused; say why in the person's terms.
        Statement count(*m_database,
                        QStringLiteral("SELECT COUNT(*) FROM numbers n JOIN clients c"
                                       " ON c.id = n.client_id WHERE c.name = ?"));
        count.bind(name);
        const int owned
            = count.exec(QStringLiteral("count the numbers of client %1").arg(name)) && count.next()
            ? count.value(0).toInt()
            : 0;
        if (owned == 1)
            return Failure(QStringLiteral("client %1 still owns 1 number; remove it first").arg(name));
        return Failure(
            QStringLiteral("client %1 still owns %2 numbers; remove them first").arg(name).arg(owned));
    }
    if (remove.rowsAffected() == 0)
        return Failure(noSuchClient(name));
    return {};
}

Result<void> ClientStore::setDisabled(const QString &name, bool disabled)
{
    Statement update(*m_database, QStringLiteral("UPDATE clients SET disabled = ? WHERE name = ?"));
    update.bind(disabled ? 1 : 0).bind(name);
    if (auto done = update.exec(QStringLiteral("change client %1").arg(name)); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(noSuchClient(name));
    return {};
}

Result<void> ClientStore::setSecret(const QString &name, const QByteArray &secret)
{
    if (auto checked = checkSecret(secret); !checked)
        return checked;
    if (!find(name))
        return Failure(noSuchClient(name));
    const auto hash = SecretHash::hash(secret);
    if (!hash)
        return Failure(hash.error());
    Statement update(*m_database, QStringLiteral("UPDATE clients SET secret_hash = ? WHERE name = ?"));
    update.bind(*hash).bind(name);
    if (auto done = update.exec(QStringLiteral("change the secret of client %1").arg(name)); !done)
        return done;
    if (update.rowsAffected() == 0)
        return Failure(noSuchClient(name));
    return {};
}

std::optional<Client> ClientStore::find(const QString &name) const
{
    Statement select(*m_database, selectClient + QStringLiteral(" WHERE name = ?"));
    select.bind(name);
    if (const auto done = select.exec(QStringLiteral("look up client %1").arg(name)); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return std::nullopt;
    }
    if (!select.next())
        return std::nullopt;
    return clientFrom(select);
}

QList<Client> ClientStore::list() const
{
    QList<Client> clients;
    Statement select(*m_database, selectClient + QStringLiteral(" ORDER BY name"));
    if (const auto done = select.exec(QStringLiteral("list the clients")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return clients;
    }
    while (select.next())
        clients.append(clientFrom(select));
    return clients;
}

Result<Client> ClientStore::authenticate(const QString &name, const QByteArray &secret) const
{
    const auto found = login(name);
    if (!found)
        return Failure(found.error());
    if (!found->check(secret))
        return Failure(QStringLiteral("unknown client, wrong secret, or the client is disabled"));
    return found->client();
}

Result<ClientStore::Login> ClientStore::login(const QString &name) const
{
    Statement select(*m_database,
                     QStringLiteral("SELECT id, name, disabled, created_at, secret_hash FROM clients"
                                    " WHERE name = ?"));
    select.bind(name);
    if (const auto done = select.exec(QStringLiteral("check the credentials of client %1").arg(name)); !done)
        return Failure(done.error());
    Login result;
    if (select.next()) {
        result.m_client = clientFrom(select);
        result.m_hash = select.value(4).toString();
        result.m_client.hasSecret = !result.m_hash.isEmpty();
    }
    return result;
}

bool ClientStore::Login::check(const QByteArray &secret) const
{
    if (m_hash.isEmpty()) {
        SecretHash::verifyDummy(secret);
        return false;
    }
    // Verified even for a disabled client, so that its refusal takes as long as any other.
    const bool matches = SecretHash::verify(m_hash, secret);
    return matches && !m_client.disabled;
}

} // namespace Store
