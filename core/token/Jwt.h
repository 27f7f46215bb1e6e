#pragma once

// HS256 JSON Web Tokens through libjwt: the signing and checking beneath every Twilio token.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace Token {

struct DecodedJwt
{
    QJsonObject header;
    QJsonObject payload;
};

class Jwt
{
public:
    // Signs payload with HS256. extraHeader adds fields (cty, twr) to {"alg":"HS256","typ":"JWT"}.
    static Result<QByteArray> encodeHs256(const QJsonObject &payload, const QByteArray &key,
                                          const QJsonObject &extraHeader = {});

    // Checks the signature with key, that the algorithm is HS256 (never "none" or another),
    // that "exp" is present and later than now, and that "nbf", if present, is not after now.
    static Result<DecodedJwt> verifyHs256(const QByteArray &token, const QByteArray &key, qint64 now);

    // Splits and decodes a token without checking anything but its form: for inspection only.
    static Result<DecodedJwt> decodeUnverified(const QByteArray &token);
};

} // namespace Token
