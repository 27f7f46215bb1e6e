#include "core/token/AccessToken.h"

#include "core/phone/ClientAddress.h"
#include "core/token/Jwt.h"

#include <QDateTime>

namespace Token {

AccessToken::AccessToken(const QString &accountSid, const QString &apiKeySid, const QByteArray &apiKeySecret,
                         const QString &identity)
    : m_accountSid(accountSid)
    , m_apiKeySid(apiKeySid)
    , m_apiKeySecret(apiKeySecret)
    , m_identity(identity)
{ }

QJsonObject AccessToken::header() const
{
    // libjwt adds "alg" and "typ"; these are Twilio's own.
    QJsonObject header { { QStringLiteral("cty"), QStringLiteral("twilio-fpa;v=1") } };
    if (!m_region.isEmpty())
        header.insert(QStringLiteral("twr"), m_region);
    return header;
}

QJsonObject AccessToken::claims(qint64 issuedAt) const
{
    QJsonObject grants { { QStringLiteral("identity"), m_identity } };
    const QJsonObject voice = m_voiceGrant.toJson();
    if (!voice.isEmpty())
        grants.insert(QStringLiteral("voice"), voice);
    return QJsonObject { { QStringLiteral("jti"), m_apiKeySid + u'-' + QString::number(issuedAt) },
                         { QStringLiteral("grants"), grants },
                         { QStringLiteral("iat"), issuedAt },
                         { QStringLiteral("exp"), issuedAt + m_ttl },
                         { QStringLiteral("iss"), m_apiKeySid },
                         { QStringLiteral("sub"), m_accountSid } };
}

Result<QByteArray> AccessToken::toJwt() const
{
    return toJwt(QDateTime::currentSecsSinceEpoch());
}

Result<QByteArray> AccessToken::toJwt(qint64 now) const
{
    if (m_accountSid.isEmpty())
        return Failure(QStringLiteral("an access token needs the account SID"));
    if (m_apiKeySid.isEmpty() || m_apiKeySecret.isEmpty())
        return Failure(QStringLiteral("an access token needs an API key SID and its secret"));
    if (const QString problem = Phone::ClientAddress::nameProblem(m_identity); !problem.isEmpty())
        return Failure(QStringLiteral("invalid identity: ") + problem);
    if (m_ttl <= 0)
        return Failure(QStringLiteral("the token lifetime must be positive, not %1 s").arg(m_ttl));
    if (m_ttl > maxTtl)
        return Failure(QStringLiteral("the token lifetime %1 s is over Twilio's limit of 24 hours (%2 s)")
                           .arg(m_ttl)
                           .arg(maxTtl));
    return Jwt::encodeHs256(claims(now), m_apiKeySecret, header());
}

} // namespace Token
