#pragma once

// HTTP Basic credentials (RFC 7617) from an Authorization header: a name (a client's, or an account SID)
// and its secret.

#include <QByteArray>
#include <QString>

#include <openssl/crypto.h>

#include <optional>

namespace Server {

struct BasicCredentials
{
    QString name;
    QByteArray secret;

    // Whether these are name and expectedSecret, the secret compared in constant time. Never for an empty
    // expected secret: a credential that is not set matches nothing.
    bool matches(const QString &expectedName, const QByteArray &expectedSecret) const
    {
        return !expectedSecret.isEmpty() && name == expectedName && secret.size() == expectedSecret.size()
            && CRYPTO_memcmp(secret.constData(), expectedSecret.constData(), size_t(secret.size())) == 0;
    }

    // Empty when the header is not Basic, is not base64, or has no name before its colon.
    static std::optional<BasicCredentials> read(const QByteArray &authorization)
    {
        const QByteArray prefix = "Basic ";
        if (!authorization.startsWith(prefix))
            return std::nullopt;
        const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(prefix.size()).trimmed(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        const QByteArray &pair = *decoded;
        const qsizetype colon = pair.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        return BasicCredentials { QString::fromUtf8(pair.left(colon)), pair.mid(colon + 1) };
    }
};

} // namespace Server
