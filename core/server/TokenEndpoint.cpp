#include "core/server/TokenEndpoint.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/NumberStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Server {

TokenEndpoint::TokenEndpoint(const ClientSignIn &signIn, Store::NumberStore &numbers,
                             const ServerSettings &settings)
    : m_signIn(signIn)
    , m_numbers(numbers)
    , m_settings(settings)
{ }

void TokenEndpoint::handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const
{
    m_signIn.handle(request, std::move(record), reply,
                    [this, request](const QString &clientName, RequestRecord signedIn, const Reply &answer) {
                        HttpResponse response = issue(clientName, request, signedIn);
                        answer(std::move(response), std::move(signedIn));
                    });
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
    QJsonObject answer { { QStringLiteral("token"), QString::fromLatin1(*jwt) },
                         { QStringLiteral("identity"), clientName },
                         { QStringLiteral("expires"), now + m_settings.tokenTtl },
                         { QStringLiteral("success"), true } };
    // The phone then talks to this server's simulator (SimulatorEndpoint) instead of Twilio.
    if (m_settings.simulatedTwilio)
        answer.insert(QStringLiteral("twilio"), QStringLiteral("simulated"));
    if (m_settings.routing.callControl)
        answer.insert(QStringLiteral("callControl"), true);
    return HttpResponse::json(200, answer);
}

} // namespace Server
