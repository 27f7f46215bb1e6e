#pragma once

// The Twilio clients (softphone identities) and their secrets: who may ask for a token, and who a number
// can ring.

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Store {

class Database;

struct Client
{
    qint64 id = 0;
    QString name;
    bool disabled = false;
    QDateTime created; // UTC
    // False for a client that has never been given a secret, such as the desktop app's own phone: it can
    // get no token from POST /token, only from the process that holds the account.
    bool hasSecret = true;
};

class ClientStore
{
public:
    static constexpr int minimumSecretLength = 8;
    static constexpr int generatedSecretBytes = 24; // 192 random bits, 32 characters once encoded

    // A fresh random secret from libsodium, as base64url text without padding: typable, and safe in a
    // Basic-auth header. Fails only when libsodium cannot start.
    static Result<QByteArray> generateSecret();

    explicit ClientStore(std::shared_ptr<Database> database);

    // name as Phone::ClientAddress allows it; the secret (8 bytes or more) is stored as an argon2id hash.
    Result<Client> add(const QString &name, const QByteArray &secret);
    // The desktop app's own phone: it gets its tokens in-process, so it is stored without a secret, and
    // nobody can sign in as it through POST /token until someone sets one. Leaves an existing client as it
    // is, so a phone that was given a secret keeps it.
    Result<Client> ensureWithoutSecret(const QString &name);
    // Refused while the client owns numbers: they would ring nobody.
    Result<void> remove(const QString &name);
    Result<void> setDisabled(const QString &name, bool disabled);
    Result<void> setSecret(const QString &name, const QByteArray &secret);

    std::optional<Client> find(const QString &name) const;
    QList<Client> list() const; // by name

    // The client when name and secret match and it is enabled. Every refusal gets the same message and
    // costs the same time, so neither tells which names exist.
    Result<Client> authenticate(const QString &name, const QByteArray &secret) const;

    // authenticate() in two steps, for a server that checks secrets on threads of their own: the quick
    // lookup here, then check() anywhere. A name that does not exist gets a login that checks like any
    // other (and takes as long) but never matches.
    class Login
    {
    public:
        // Any thread; about 0.1 s of argon2. True when secret is this client's and the client is enabled.
        bool check(const QByteArray &secret) const;
        const Client &client() const { return m_client; }

    private:
        friend class ClientStore;
        Client m_client;
        QString m_hash; // empty for a name that does not exist
    };
    // Fails only when the database cannot answer.
    Result<Login> login(const QString &name) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace Store
