#include "core/token/Jwt.h"

#include <QJsonDocument>
#include <QList>

#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace Token {
namespace {

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPointer = std::unique_ptr<jwt_t, JwtDeleter>;

struct FreeDeleter
{
    void operator()(char *text) const { std::free(text); } // libjwt 1.10 strings come from malloc
};
using JwtString = std::unique_ptr<char, FreeDeleter>;

Result<QJsonObject> decodeSegment(const QByteArray &segment, const char *what)
{
    const auto bytes
        = QByteArray::fromBase64Encoding(segment,
                                         QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                             | QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes)
        return Failure(QStringLiteral("the %1 is not base64url").arg(QLatin1String(what)));
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Failure(QStringLiteral("the %1 is not a JSON object").arg(QLatin1String(what)));
    return document.object();
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QByteArray> Jwt::encodeHs256(const QJsonObject &payload, const QByteArray &key,
                                    const QJsonObject &extraHeader)
{
    if (key.isEmpty())
        return Failure(QStringLiteral("cannot sign a token with an empty key"));

    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return Failure(QStringLiteral("libjwt could not allocate a token"));
    JwtPointer jwt(raw);

    if (!extraHeader.isEmpty() && jwt_add_headers_json(jwt.get(), compactJson(extraHeader).constData()) != 0)
        return Failure(QStringLiteral("libjwt refused the token header"));
    if (jwt_add_grants_json(jwt.get(), compactJson(payload).constData()) != 0)
        return Failure(QStringLiteral("libjwt refused the token claims"));
    if (jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(key.constData()),
                    int(key.size()))
        != 0)
        return Failure(QStringLiteral("libjwt refused the HS256 key"));

    const JwtString encoded(jwt_encode_str(jwt.get()));
    if (!encoded)
        return Failure(QStringLiteral("libjwt could not encode the token"));
    return QByteArray(encoded.get());
}

Result<DecodedJwt> Jwt::decodeUnverified(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return Failure(QStringLiteral("not a JWT: expected three dot-separated parts"));
    const auto header = decodeSegment(parts[0], "header");
    if (!header)
        return Failure(header.error());
    const auto payload = decodeSegment(parts[1], "payload");
    if (!payload)
        return Failure(payload.error());
    return DecodedJwt { *header, *payload };
}

Result<DecodedJwt> Jwt::verifyHs256(const QByteArray &token, const QByteArray &key, qint64 now)
{
    if (key.isEmpty())
        return Failure(QStringLiteral("cannot verify a token with an empty key"));
    auto decoded = decodeUnverified(token);
    if (!decoded)
        return decoded;

    // Decide the algorithm before libjwt sees the token, so "none" or RS256 never reach a code path
    // that might accept them with an HMAC key.
    const QJsonValue alg = decoded->header.value(QLatin1String("alg"));
    if (alg != QJsonValue(QStringLiteral("HS256")))
        return Failure(QStringLiteral("algorithm %1 is not accepted; only HS256 is")
                           .arg(alg.isString() ? alg.toString() : QStringLiteral("(missing)")));

    jwt_t *raw = nullptr;
    const int status = jwt_decode(&raw, token.constData(),
                                  reinterpret_cast<const unsigned char *>(key.constData()), int(key.size()));
    JwtPointer jwt(raw);
    if (status != 0 || !jwt)
        return Failure(QStringLiteral("the signature does not match"));
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return Failure(QStringLiteral("algorithm is not HS256"));

    const QJsonValue exp = decoded->payload.value(QLatin1String("exp"));
    if (!exp.isDouble())
        return Failure(QStringLiteral("the token has no expiry (exp)"));
    if (now >= exp.toInteger())
        return Failure(QStringLiteral("the token expired %1 s ago").arg(now - exp.toInteger()));
    const QJsonValue nbf = decoded->payload.value(QLatin1String("nbf"));
    if (!nbf.isUndefined() && !nbf.isDouble())
        return Failure(QStringLiteral("the token's nbf is not a number"));
    if (nbf.isDouble() && now < nbf.toInteger())
        return Failure(QStringLiteral("the token is not valid for another %1 s").arg(nbf.toInteger() - now));
    return decoded;
}

} // namespace Token
