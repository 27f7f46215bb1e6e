#pragma once

// Twilio Client capability token (the seed's token, for the legacy SDK): scopes signed with the
// account's auth token. Matches twilio-node's ClientCapability claim for claim.

#include "core/common/Result.h"
#include "core/token/TokenLifetime.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Token {

class CapabilityToken
{
public:
    static constexpr int defaultTtl = TokenLifetime::defaultSeconds;

    CapabilityToken(const QString &accountSid, const QByteArray &authToken);

    void allowClientIncoming(const QString &clientName);
    void allowClientOutgoing(const QString &applicationSid,
                             const QList<QPair<QString, QString>> &parameters = {});

    // The space-separated scope claim, e.g. "scope:client:incoming?clientName=alice
    // scope:client:outgoing?...".
    QString scope() const;
    QJsonObject claims(qint64 issuedAt, int ttlSeconds) const;

    Result<QByteArray> generate(int ttlSeconds = defaultTtl) const;
    Result<QByteArray> generate(int ttlSeconds, qint64 now) const;

private:
    QString m_accountSid;
    QByteArray m_authToken;
    QString m_incomingClientName;
    QString m_outgoingApplicationSid;
    QList<QPair<QString, QString>> m_outgoingParameters;
};

} // namespace Token
