#include "core/token/CapabilityToken.h"

#include "core/phone/ClientAddress.h"
#include "core/token/Jwt.h"

#include <QDateTime>
#include <QStringList>

namespace Token {
namespace {

// Node's querystring.escape, which twilio-node uses: unreserved are A-Z a-z 0-9 - _ . ! ~ * ' ( )
QString escape(const QString &value)
{
    return QString::fromLatin1(value.toUtf8().toPercentEncoding("!*'()"));
}

} // namespace

CapabilityToken::CapabilityToken(const QString &accountSid, const QByteArray &authToken)
    : m_accountSid(accountSid)
    , m_authToken(authToken)
{ }

void CapabilityToken::allowClientIncoming(const QString &clientName)
{
    m_incomingClientName = clientName;
}

void CapabilityToken::allowClientOutgoing(const QString &applicationSid,
                                          const QList<QPair<QString, QString>> &parameters)
{
    m_outgoingApplicationSid = applicationSid;
    m_outgoingParameters = parameters;
}

QString CapabilityToken::scope() const
{
    QStringList scopes;
    if (!m_incomingClientName.isEmpty())
        scopes << QStringLiteral("scope:client:incoming?clientName=") + escape(m_incomingClientName);
    if (!m_outgoingApplicationSid.isEmpty()) {
        QStringList query { QStringLiteral("appSid=") + escape(m_outgoingApplicationSid) };
        // As the seed's helper does: an outgoing call carries the incoming client's name.
        if (!m_incomingClientName.isEmpty())
            query << QStringLiteral("clientName=") + escape(m_incomingClientName);
        if (!m_outgoingParameters.isEmpty()) {
            QStringList pairs;
            for (const auto &[name, value] : m_outgoingParameters)
                pairs << escape(name) + u'=' + escape(value);
            query << QStringLiteral("appParams=") + escape(pairs.join(u'&'));
        }
        scopes << QStringLiteral("scope:client:outgoing?") + query.join(u'&');
    }
    return scopes.join(u' ');
}

QJsonObject CapabilityToken::claims(qint64 issuedAt, int ttlSeconds) const
{
    return QJsonObject { { QStringLiteral("scope"), scope() },
                         { QStringLiteral("iss"), m_accountSid },
                         { QStringLiteral("exp"), issuedAt + ttlSeconds },
                         { QStringLiteral("iat"), issuedAt } };
}

Result<QByteArray> CapabilityToken::generate(int ttlSeconds) const
{
    return generate(ttlSeconds, QDateTime::currentSecsSinceEpoch());
}

Result<QByteArray> CapabilityToken::generate(int ttlSeconds, qint64 now) const
{
    if (m_accountSid.isEmpty())
        return Failure(QStringLiteral("a capability token needs the account SID"));
    if (m_authToken.isEmpty())
        return Failure(QStringLiteral("a capability token needs the account's auth token"));
    if (ttlSeconds <= 0)
        return Failure(QStringLiteral("the token lifetime must be positive, not %1 s").arg(ttlSeconds));
    if (m_incomingClientName.isEmpty() && m_outgoingApplicationSid.isEmpty())
        return Failure(QStringLiteral("a capability token must allow incoming or outgoing calls"));
    if (!m_incomingClientName.isEmpty() && !Phone::ClientAddress::isValidName(m_incomingClientName))
        return Failure(Phone::ClientAddress::nameProblem(m_incomingClientName));
    return Jwt::encodeHs256(claims(now, ttlSeconds), m_authToken);
}

} // namespace Token
