#include "ui/engine/TokenSource.h"

#include "core/phone/ClientAddress.h"
#include "core/token/AccessToken.h"
#include "core/token/TokenLifetime.h"

#include <QDateTime>

namespace Engine {

TokenSource::TokenSource(Config::TwilioAccount account, QString identity, int ttlSeconds)
    : m_account(std::move(account))
    , m_identity(std::move(identity))
    , m_ttlSeconds(ttlSeconds)
{ }

QStringList TokenSource::problems() const
{
    QStringList problems = m_account.problemsForAccessToken();
    if (const QString problem = Phone::ClientAddress::nameProblem(m_identity); !problem.isEmpty())
        problems << QStringLiteral("the phone's client name '%1' cannot be a Twilio identity: %2")
                        .arg(m_identity, problem);
    if (const QString problem = Token::TokenLifetime::problem(m_ttlSeconds); !problem.isEmpty())
        problems << QStringLiteral("the token lifetime is wrong: ") + problem;
    return problems;
}

Result<QString> TokenSource::issue() const
{
    if (const QStringList problems = this->problems(); !problems.isEmpty())
        return Failure(problems.join(QStringLiteral("; ")));
    const auto jwt = m_account.voiceAccessToken(m_identity, m_ttlSeconds, QDateTime::currentSecsSinceEpoch());
    if (!jwt)
        return Failure(jwt.error());
    return QString::fromLatin1(*jwt);
}

std::chrono::milliseconds TokenSource::renewInterval() const
{
    return Token::IssuedToken::renewalFor(m_ttlSeconds);
}

PhoneBridge::TokenProvider TokenSource::provider() const
{
    return [source = *this](const PhoneBridge::TokenDone &done) {
        const Result<QString> jwt = source.issue();
        if (!jwt)
            done(Failure(jwt.error() + QStringLiteral(". Check the Twilio account settings.")));
        else
            done(Token::IssuedToken { *jwt, source.renewInterval() });
    };
}

} // namespace Engine
