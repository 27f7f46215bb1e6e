#include "core/team/ServerReply.h"

#include "core/team/ServerAccount.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace Team {
namespace {

// The server's own sentence from its JSON error body, or a fallback.
QString serverError(const QByteArray &body, int status)
{
    const QString error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    return error.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : error;
}

} // namespace

ServerReply ServerReply::read(QNetworkReply *reply, const ServerAccount &account, const QString &what)
{
    ServerReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    const QString server = account.server.toDisplayString();
    if (result.status == 0) {
        const QNetworkReply::NetworkError error = reply->error();
        if (error == QNetworkReply::SslHandshakeFailedError
            || error == QNetworkReply::InsecureRedirectError) {
            // Not something waiting mends: the certificate or the URL must change.
            result.kind = Kind::Final;
            result.problem = QStringLiteral("the team server %1 cannot be trusted: %2.")
                                 .arg(server, reply->errorString());
        } else {
            result.kind = Kind::Passing;
            result.problem = QStringLiteral("the team server %1 cannot be reached: %2.")
                                 .arg(server, reply->errorString());
        }
        return result;
    }
    if (result.status >= 200 && result.status < 300) {
        result.kind = Kind::Success;
        return result;
    }
    if (result.status == 401) {
        result.kind = Kind::Refused;
        result.problem
            = QStringLiteral("the team server %1 refused client %2: the name or its secret is wrong, or "
                             "the client is disabled. Check them in Settings.")
                  .arg(server, account.client);
        return result;
    }
    if (result.status == 429 || result.status >= 500) {
        result.kind = Kind::Passing;
        result.retryAfter = std::chrono::seconds(reply->rawHeader("Retry-After").toLongLong());
        result.problem = QStringLiteral("the team server %1 could not %2: %3.")
                             .arg(server, what, serverError(result.body, result.status));
        return result;
    }
    result.kind = Kind::Final;
    if (result.status >= 300 && result.status < 400)
        result.problem
            = QStringLiteral("the team server %1 redirects elsewhere (HTTP %2): give its new URL in "
                             "Settings.")
                  .arg(server)
                  .arg(result.status);
    else
        result.problem = QStringLiteral("the team server %1 refused to %2: %3.")
                             .arg(server, what, serverError(result.body, result.status));
    return result;
}

} // namespace Team
