#include "core/server/SimulatorEndpoint.h"

#include "core/server/ApiPaths.h"
#include "core/server/BasicCredentials.h"
#include "core/server/DeviceSignalling.h"
#include "core/token/Jwt.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>

namespace Server {
namespace {

HttpResponse unauthorized(const QString &message, const QByteArray &scheme)
{
    HttpResponse response = HttpResponse::error(401, message);
    response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), scheme + " realm=\"switchboard\""));
    return response;
}

} // namespace

SimulatorEndpoint::SimulatorEndpoint(const ServerSettings &settings)
    : m_settings(settings)
{ }

bool SimulatorEndpoint::serves(const QString &path)
{
    return path == ApiPaths::simulatorEvents() || path == ApiPaths::simulatorIncoming()
        || path == ApiPaths::simulatorCalls() || path.startsWith(ApiPaths::simulatorCalls() + u'/');
}

HttpResponse SimulatorEndpoint::handle(const HttpRequest &request, QString *outcome) const
{
    DeviceSignalling *signalling = m_settings.simulatedTwilio.get();
    if (!signalling)
        return HttpResponse::error(
            404, QStringLiteral("this server does not play Twilio (serve --simulate-twilio)"));

    if (request.path == ApiPaths::simulatorIncoming()) {
        if (request.method != "POST")
            return HttpResponse::methodNotAllowed("POST");
        if (!isAccount(request)) {
            *outcome = QStringLiteral("refused: not the account's SID and auth token");
            return unauthorized(
                QStringLiteral("authenticate with HTTP Basic: the account SID and auth token"), "Basic");
        }
        const auto body = jsonBody(request);
        if (!body)
            return HttpResponse::error(400, body.error());
        return signalling->callIn(body->value(QStringLiteral("from")).toString(),
                                  body->value(QStringLiteral("to")).toString());
    }

    const auto identity = phoneIdentity(request);
    if (!identity) {
        *outcome = QStringLiteral("refused: %1").arg(identity.error());
        return unauthorized(identity.error(), "Bearer");
    }
    *outcome = QStringLiteral("client %1").arg(*identity);
    if (request.path == ApiPaths::simulatorEvents()) {
        if (request.method != "GET")
            return HttpResponse::methodNotAllowed("GET");
        bool ok = true;
        const QString after = QUrlQuery(request.query).queryItemValue(QStringLiteral("after"));
        const qint64 afterSequence = after.isEmpty() ? 0 : after.toLongLong(&ok);
        if (!ok || afterSequence < 0)
            return HttpResponse::error(400, QStringLiteral("after must be a sequence number"));
        return signalling->events(*identity, afterSequence);
    }
    if (request.method != "POST")
        return HttpResponse::methodNotAllowed("POST");
    const auto body = jsonBody(request);
    if (!body)
        return HttpResponse::error(400, body.error());
    if (request.path == ApiPaths::simulatorCalls())
        return signalling->callOut(*identity, body->value(QStringLiteral("to")).toString());
    const QString callSid = request.path.mid(ApiPaths::simulatorCalls().size() + 1);
    const QString action = body->value(QStringLiteral("action")).toString();
    *outcome = QStringLiteral("client %1: %2").arg(*identity, action.left(20));
    return signalling->act(*identity, callSid, action);
}

Result<QString> SimulatorEndpoint::phoneIdentity(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArray prefix = "Bearer ";
    if (!authorization.startsWith(prefix))
        return Failure(QStringLiteral("authenticate with the access token this server issued (Bearer)"));
    const auto token
        = Token::Jwt::verifyHs256(authorization.mid(prefix.size()).trimmed(), m_settings.account.apiKeySecret,
                                  QDateTime::currentSecsSinceEpoch());
    if (!token)
        return Failure(QStringLiteral("the access token is not valid: %1").arg(token.error()));
    if (token->payload.value(QStringLiteral("iss")).toString() != m_settings.account.apiKeySid)
        return Failure(QStringLiteral("the access token was issued for another API key"));
    QString identity = token->payload.value(QStringLiteral("grants"))
                           .toObject()
                           .value(QStringLiteral("identity"))
                           .toString();
    if (identity.isEmpty())
        return Failure(QStringLiteral("the access token names no identity"));
    return identity;
}

bool SimulatorEndpoint::isAccount(const HttpRequest &request) const
{
    const auto credentials = BasicCredentials::read(request.header("Authorization"));
    return credentials && credentials->matches(m_settings.account.accountSid, m_settings.account.authToken);
}

Result<QJsonObject> SimulatorEndpoint::jsonBody(const HttpRequest &request)
{
    if (request.mediaType() != "application/json")
        return Failure(QStringLiteral("send the request as application/json"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Failure(QStringLiteral("the body is not a JSON object"));
    return document.object();
}

} // namespace Server
