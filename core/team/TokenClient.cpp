#include "core/team/TokenClient.h"

#include "core/server/ApiPaths.h"
#include "core/token/TokenLifetime.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>

Q_LOGGING_CATEGORY(lcTeam, "switchboard.team")

namespace Team {
namespace {

// The server's own sentence from its JSON error body, or a fallback.
QString serverError(const QByteArray &body, const QString &fallback)
{
    const QString error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    return error.isEmpty() ? fallback : error;
}

} // namespace

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
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void TokenClient::attempt()
{
    QNetworkRequest request = m_account.request(Server::ApiPaths::token());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("identity"), m_account.client } })
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(request, body);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
}

void TokenClient::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QString server = m_account.server.toDisplayString();

    if (status == 0) { // no HTTP answer at all
        const QNetworkReply::NetworkError error = reply->error();
        if (error == QNetworkReply::SslHandshakeFailedError
            || error == QNetworkReply::InsecureRedirectError) {
            // Not something waiting mends: the certificate or the URL must change.
            complete(Failure(QStringLiteral("the team server %1 cannot be trusted: %2.")
                                 .arg(server, reply->errorString())));
            return;
        }
        retryLater(
            QStringLiteral("the team server %1 cannot be reached: %2.").arg(server, reply->errorString()));
        return;
    }
    if (status == 200) {
        const QJsonObject answer = QJsonDocument::fromJson(body).object();
        const QString jwt = answer.value(QStringLiteral("token")).toString();
        const qint64 expires = answer.value(QStringLiteral("expires")).toInteger();
        if (jwt.count(u'.') != 2 || expires <= 0) {
            retryLater(QStringLiteral("the team server %1 sent something that is not a token.").arg(server));
            return;
        }
        // Its clock may differ from ours: the lifetime counts from now, within the limits a token has.
        const qint64 lifetime
            = std::clamp<qint64>(expires - QDateTime::currentSecsSinceEpoch(),
                                 Token::TokenLifetime::minSeconds, Token::TokenLifetime::maxSeconds);
        m_nextWait = m_firstWait;
        complete(Token::IssuedToken { jwt, Token::IssuedToken::renewalFor(lifetime) });
        return;
    }
    if (status == 401) {
        complete(
            Failure(QStringLiteral("the team server %1 refused client %2: the name or its secret is wrong, "
                                   "or the client is disabled. Check them in Settings.")
                        .arg(server, m_account.client)));
        return;
    }
    if (status == 429 || status == 503 || status >= 500) {
        const std::chrono::seconds retryAfter(reply->rawHeader("Retry-After").toLongLong());
        retryLater(QStringLiteral("the team server %1 could not issue a token: %2.")
                       .arg(server, serverError(body, QStringLiteral("HTTP %1").arg(status))),
                   retryAfter);
        return;
    }
    if (status >= 300 && status < 400) {
        complete(
            Failure(QStringLiteral("the team server %1 redirects elsewhere (HTTP %2): give its new URL in "
                                   "Settings.")
                        .arg(server)
                        .arg(status)));
        return;
    }
    complete(Failure(QStringLiteral("the team server %1 refused the token: %2.")
                         .arg(server, serverError(body, QStringLiteral("HTTP %1").arg(status)))));
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
