#pragma once

// Hashes client secrets with argon2id (libsodium) so the database never holds one in clear.

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace Store {

class SecretHash
{
public:
    // crypto_pwhash_str at the interactive limits (~0.1 s, 64 MiB): slow on purpose, against guessing.
    static Result<QString> hash(const QByteArray &secret);
    // Constant-time comparison of secret with a hash made by hash().
    static bool verify(const QString &hash, const QByteArray &secret);
    // Spends the time of a verify() that fails, for names that have no hash, so that response times do
    // not tell which client names exist.
    static void verifyDummy(const QByteArray &secret);
};

} // namespace Store
