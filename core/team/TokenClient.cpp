#include "core/team/TokenClient.h"

#include "core/server/ApiPaths.h"
#include "core/team/ServerReply.h"
#include "core/token/TokenLifetime.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>

Q_LOGGING_CATEGORY(lcTeam, "switchboard.team")

namespace Team {

TokenClient::TokenClient(ServerAccount account, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &TokenClient::attempt);
}

TokenClient::~TokenClient()
{
    cancel();
}

void TokenClient::setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds longest)
{
    m_firstWait = first;
    m_longestWait = longest;
    m_nextWait = first;
}

void TokenClient::fetch(Done done)
{
    cancel();
    m_done = std::move(done);
    m_nextWait = m_firstWait;
    if (const QStringList problems = m_account.problems(); !problems.isEmpty()) {
        complete(Failure(QStringLiteral("the team server settings are not complete: %1.")
                             .arg(problems.join(QStringLiteral("; ")))));
        return;
    }
    attempt();
}

void TokenClient::cancel()
{
    m_retry.stop();
    m_done = nullptr;
    m_request.abandon();
}

void TokenClient::attempt()
{
    QNetworkRequest request = m_account.request(Server::ApiPaths::token());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("identity"), m_account.client } })
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(request, body);
    m_request.start(reply, this, [this](QNetworkReply *answered) { finished(answered); });
}

void TokenClient::finished(QNetworkReply *reply)
{
    const ServerReply answer = ServerReply::read(reply, m_account, QStringLiteral("issue a token"));
    switch (answer.kind) {
    case ServerReply::Kind::Passing:
        retryLater(answer.problem, answer.retryAfter);
        return;
    case ServerReply::Kind::Refused:
    case ServerReply::Kind::Final:
        complete(Failure(answer.problem));
        return;
    case ServerReply::Kind::Success:
        break;
    }
    const QJsonObject token = QJsonDocument::fromJson(answer.body).object();
    const QString jwt = token.value(QStringLiteral("token")).toString();
    const qint64 expires = token.value(QStringLiteral("expires")).toInteger();
    if (jwt.count(u'.') != 2 || expires <= 0) {
        retryLater(QStringLiteral("the team server %1 sent something that is not a token.")
                       .arg(m_account.server.toDisplayString()));
        return;
    }
    // Its clock may differ from ours: the lifetime counts from now, within the limits a token has.
    const qint64 lifetime
        = std::clamp<qint64>(expires - QDateTime::currentSecsSinceEpoch(), Token::TokenLifetime::minSeconds,
                             Token::TokenLifetime::maxSeconds);
    m_nextWait = m_firstWait;
    const bool forSimulator = token.value(QStringLiteral("twilio")).toString() == QLatin1String("simulated");
    const bool callControl = token.value(QStringLiteral("callControl")).toBool();
    complete(Token::IssuedToken { jwt, Token::IssuedToken::renewalFor(lifetime), forSimulator, callControl });
}

void TokenClient::retryLater(const QString &why, std::chrono::milliseconds atLeast)
{
    const std::chrono::milliseconds wait = std::max(m_nextWait, atLeast);
    m_nextWait = std::min(m_nextWait * 2, m_longestWait);
    qCWarning(lcTeam).noquote() << why << "Trying again in" << wait.count() << "ms.";
    Q_EMIT retrying(why, wait);
    m_retry.start(wait);
}

void TokenClient::complete(Result<Token::IssuedToken> result)
{
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(std::move(result));
}

} // namespace Team
