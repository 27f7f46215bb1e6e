#pragma once

// Twilio access token with a VoiceGrant (Voice SDK 2.x): signed with an API key secret.
// Matches twilio-node's AccessToken header and claims.

#include "core/common/Result.h"
#include "core/token/TokenLifetime.h"
#include "core/token/VoiceGrant.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Token {

class AccessToken
{
public:
    static constexpr int defaultTtl = TokenLifetime::defaultSeconds;
    static constexpr int maxTtl = TokenLifetime::maxSeconds;

    AccessToken(const QString &accountSid, const QString &apiKeySid, const QByteArray &apiKeySecret,
                const QString &identity);

    void setVoiceGrant(const VoiceGrant &grant) { m_voiceGrant = grant; }
    void setRegion(const QString &region) { m_region = region; }
    void setTtl(int seconds) { m_ttl = seconds; }
    int ttl() const { return m_ttl; }

    QJsonObject header() const;
    QJsonObject claims(qint64 issuedAt) const;

    Result<QByteArray> toJwt() const;
    Result<QByteArray> toJwt(qint64 now) const;

private:
    QString m_accountSid;
    QString m_apiKeySid;
    QByteArray m_apiKeySecret;
    QString m_identity;
    VoiceGrant m_voiceGrant;
    QString m_region;
    int m_ttl = defaultTtl;
};

} // namespace Token
