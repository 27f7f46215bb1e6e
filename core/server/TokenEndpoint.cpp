#include "core/server/TokenEndpoint.h"

#include "core/phone/PhoneNumber.h"
#include "core/server/ForwardedClientAddress.h"
#include "core/server/LoginThrottle.h"
#include "core/server/SecretCheckPool.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

struct BasicCredentials
{
    QString name;
    QByteArray secret;
};

std::optional<BasicCredentials> basicCredentials(const QByteArray &authorization)
{
    const QByteArray prefix = "Basic ";
    if (!authorization.startsWith(prefix))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(prefix.size()).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray &pair = *decoded;
    const qsizetype colon = pair.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    return BasicCredentials { QString::fromUtf8(pair.left(colon)), pair.mid(colon + 1) };
}

HttpResponse unavailable(const QString &message, int retryAfterSeconds)
{
    HttpResponse response = HttpResponse::error(503, message);
    response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    return response;
}

HttpResponse unauthorized(const QString &message)
{
    HttpResponse response = HttpResponse::error(401, message);
    response.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                      QByteArray("Basic realm=\"switchboard\", charset=\"UTF-8\"")));
    return response;
}

} // namespace

TokenEndpoint::TokenEndpoint(Store::ClientStore &clients, Store::NumberStore &numbers,
                             LoginThrottle &throttle, SecretCheckPool &secretChecks,
                             PostToRequestThread postToRequestThread, const ServerSettings &settings)
    : m_clients(clients)
    , m_numbers(numbers)
    , m_throttle(throttle)
    , m_secretChecks(secretChecks)
    , m_postToRequestThread(std::move(postToRequestThread))
    , m_settings(settings)
{ }

void TokenEndpoint::handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const
{
    const auto credentials = basicCredentials(request.header("Authorization"));
    if (!credentials) {
        reply(unauthorized(QStringLiteral("authenticate with HTTP Basic: the client's name and secret")),
              std::move(record));
        return;
    }
    record.parameters.append(QStringLiteral("client"), credentials->name);
    // Counted per name and per address before the secret is hashed; the answer is the same for a name
    // that exists and one that does not.
    const QHostAddress from = ForwardedClientAddress(m_settings.trustedProxies).resolve(request);
    if (const auto wait = m_throttle.admit(credentials->name, from); wait.count() > 0) {
        const qint64 seconds = (wait.count() + 999) / 1000;
        record.outcome = QStringLiteral("throttled after repeated wrong credentials");
        HttpResponse response = HttpResponse::error(
            429, QStringLiteral("too many wrong credentials: try again in %1 s").arg(seconds));
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(seconds)));
        reply(std::move(response), std::move(record));
        return;
    }
    const auto login = m_clients.login(credentials->name);
    if (!login) {
        // The reason names the database; it goes to the log, not to a caller who has not signed in.
        qCWarning(lcServer).noquote() << "cannot check credentials:" << login.error();
        m_throttle.withdraw(credentials->name, from); // not a wrong secret
        record.outcome = login.error();
        reply(unavailable(QStringLiteral("credentials cannot be checked right now"), 5), std::move(record));
        return;
    }

    // The check runs on the pool; everything after it runs back in this thread, where this endpoint and
    // its stores live (the post is dropped, and nothing runs, should this thread have stopped).
    auto job = [this, post = m_postToRequestThread, check = *login, secret = credentials->secret, request,
                from, record, reply]() mutable {
        const bool matches = check.check(secret);
        // request and reply are copies of const references, so they are copied again: moving a const
        // object copies it anyway.
        post([this, matches, check = std::move(check), request, from, record = std::move(record),
              reply]() mutable {
            if (!matches) {
                // admit() counted it already.
                record.outcome = QStringLiteral("refused: wrong credentials");
                reply(unauthorized(QStringLiteral("unknown client, wrong secret, or the client is disabled")),
                      std::move(record));
                return;
            }
            m_throttle.recordSuccess(check.client().name, from);
            HttpResponse response = issue(check.client().name, request, record);
            reply(std::move(response), std::move(record));
        });
    };
    if (!m_secretChecks.tryRun(std::move(job))) {
        m_throttle.withdraw(credentials->name, from); // never checked: no failure
        record.outcome = QStringLiteral("refused: too many sign-ins waiting");
        reply(unavailable(QStringLiteral("too many sign-ins at once: try again shortly"), 1),
              std::move(record));
    }
}

HttpResponse TokenEndpoint::issue(const QString &clientName, const HttpRequest &request,
                                  RequestRecord &record) const
{
    if (request.mediaType() != "application/json")
        return HttpResponse::error(415, QStringLiteral("send the request as application/json"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return HttpResponse::error(400, QStringLiteral("the body is not a JSON object"));
    const QJsonObject body = document.object();
    const QJsonValue phoneNumber = body.value(QStringLiteral("twilioPhoneNumber"));
    const QJsonValue identity = body.value(QStringLiteral("identity"));

    if (!phoneNumber.isUndefined() && !identity.isUndefined())
        return HttpResponse::error(400,
                                   QStringLiteral("ask for either twilioPhoneNumber or identity, not both"));
    if (!phoneNumber.isUndefined()) {
        if (!phoneNumber.isString())
            return HttpResponse::error(400, QStringLiteral("twilioPhoneNumber must be a string"));
        record.parameters.append(QStringLiteral("twilioPhoneNumber"), phoneNumber.toString());
        return capabilityToken(clientName, phoneNumber.toString());
    }
    if (!identity.isUndefined()) {
        if (!identity.isString())
            return HttpResponse::error(400, QStringLiteral("identity must be a string"));
        record.parameters.append(QStringLiteral("identity"), identity.toString());
        if (identity.toString() != clientName)
            return HttpResponse::error(
                403, QStringLiteral("client %1 may only ask for its own identity").arg(clientName));
        return accessToken(clientName);
    }
    return HttpResponse::error(
        400, QStringLiteral("expected {\"identity\": NAME} or {\"twilioPhoneNumber\": NUMBER}"));
}

HttpResponse TokenEndpoint::capabilityToken(const QString &clientName, const QString &phoneNumber) const
{
    const auto number = Phone::PhoneNumber::parse(phoneNumber, m_settings.routing.defaultRegion);
    if (!number)
        return HttpResponse::error(400, number.error());
    const auto mapping = m_numbers.find(number->e164());
    if (!mapping || !mapping->enabled || mapping->clientName != clientName)
        return HttpResponse::error(
            403, QStringLiteral("%1 is not a number of client %2").arg(number->e164(), clientName));

    if (const QStringList problems = m_settings.account.problemsForCapabilityToken(); !problems.isEmpty())
        return HttpResponse::error(503,
                                   QStringLiteral("the server cannot issue capability tokens: ")
                                       + problems.join(QStringLiteral("; ")));
    const auto token = m_settings.account.voiceCapabilityToken(clientName, m_settings.tokenTtl,
                                                               QDateTime::currentSecsSinceEpoch());
    if (!token)
        return HttpResponse::error(500, token.error());
    return HttpResponse::json(200,
                              { { QStringLiteral("capabilityToken"), QString::fromLatin1(*token) },
                                { QStringLiteral("success"), true } });
}

HttpResponse TokenEndpoint::accessToken(const QString &clientName) const
{
    if (const QStringList problems = m_settings.account.problemsForAccessToken(); !problems.isEmpty())
        return HttpResponse::error(503,
                                   QStringLiteral("the server cannot issue access tokens: ")
                                       + problems.join(QStringLiteral("; ")));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const auto jwt = m_settings.account.voiceAccessToken(clientName, m_settings.tokenTtl, now);
    if (!jwt)
        return HttpResponse::error(500, jwt.error());
    return HttpResponse::json(200,
                              { { QStringLiteral("token"), QString::fromLatin1(*jwt) },
                                { QStringLiteral("identity"), clientName },
                                { QStringLiteral("expires"), now + m_settings.tokenTtl },
                                { QStringLiteral("success"), true } });
}

} // namespace Server
