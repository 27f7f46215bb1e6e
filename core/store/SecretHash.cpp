#include "core/store/SecretHash.h"

#include "core/store/StoreLogging.h"

#include <sodium.h>

namespace Store {
namespace {

// An argon2id hash of a secret nobody has, made with the same limits as hash(): verifying against it
// costs what verifying a real one does.
constexpr char dummyHash[]
    = "$argon2id$v=19$m=65536,t=2,p=1$7bpxvyEtrYMQb14lix1n4A$Wra0QsJNn9PY+4yO5OzV5CzkEJvhjXSLo6AihUyDL8s";

bool sodiumReady()
{
    // Thread-safe once: libsodium wants sodium_init() before any other call.
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

Result<QString> SecretHash::hash(const QByteArray &secret)
{
    if (!sodiumReady())
        return Failure(QStringLiteral("the cryptography library (libsodium) could not start"));
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, secret.constData(), static_cast<unsigned long long>(secret.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0) {
        qCWarning(lcStore) << "crypto_pwhash_str failed: out of memory?";
        return Failure(QStringLiteral(
            "the secret could not be hashed: the system is short of memory (argon2 needs 64 MiB)"));
    }
    return QString::fromLatin1(out);
}

bool SecretHash::verify(const QString &hash, const QByteArray &secret)
{
    if (!sodiumReady())
        return false;
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), secret.constData(),
                                    static_cast<unsigned long long>(secret.size()))
        == 0;
}

void SecretHash::verifyDummy(const QByteArray &secret)
{
    if (!sodiumReady())
        return;
    // The result is meaningless; the time spent is the point.
    [[maybe_unused]] const int ignored = crypto_pwhash_str_verify(
        dummyHash, secret.constData(), static_cast<unsigned long long>(secret.size()));
}

} // namespace Store
