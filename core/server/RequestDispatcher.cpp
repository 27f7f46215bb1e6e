#include "core/server/RequestDispatcher.h"

#include "core/store/Database.h"
#include "core/webhook/SignatureValidator.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDispatch, "switchboard.server")

namespace Server {
namespace {

bool isSecretName(const QString &name)
{
    static const QStringList secretWords { QStringLiteral("token"), QStringLiteral("secret"),
                                           QStringLiteral("password"), QStringLiteral("signature") };
    return std::any_of(secretWords.cbegin(), secretWords.cend(),
                       [&](const QString &word) { return name.contains(word, Qt::CaseInsensitive); });
}

Webhook::FormParameters masked(const Webhook::FormParameters &parameters)
{
    Webhook::FormParameters result;
    for (const auto &[name, value] : parameters.pairs())
        result.append(name, isSecretName(name) ? QStringLiteral("***") : value);
    return result;
}

HttpResponse methodNotAllowed(const QByteArray &allowed)
{
    HttpResponse response
        = HttpResponse::error(405, QStringLiteral("use %1 here").arg(QLatin1String(allowed)));
    response.headers.append(qMakePair(QByteArray("Allow"), allowed));
    return response;
}

} // namespace

RequestDispatcher::RequestDispatcher(std::shared_ptr<Store::Database> database,
                                     std::shared_ptr<Store::CallLogWriter> callLog,
                                     std::shared_ptr<LoginThrottle> loginThrottle, ServerSettings settings)
    : m_database(std::move(database))
    , m_settings(std::move(settings))
    , m_clients(m_database)
    , m_numbers(m_database, m_settings.routing.defaultRegion)
    , m_callLog(m_database)
    , m_callLogWriter(std::move(callLog))
    , m_loginThrottle(std::move(loginThrottle))
    , m_router(m_numbers, m_clients, m_settings.routing)
    , m_tokens(m_clients, m_numbers, *m_loginThrottle, m_settings)
    , m_voice(m_router, m_callLog, *m_callLogWriter)
{ }

HttpResponse RequestDispatcher::dispatch(const HttpRequest &request, RequestRecord &record)
{
    record.method = QString::fromLatin1(request.method);
    record.route = request.path;
    record.peer = request.peer.toString();
    record.signature = QStringLiteral("not required");

    if (request.path == QLatin1String("/healthz")) {
        if (request.method != "GET" && request.method != "HEAD")
            return methodNotAllowed("GET");
        return health();
    }
    if (request.path == QLatin1String("/token")) {
        if (request.method != "POST")
            return methodNotAllowed("POST");
        HttpResponse response = m_tokens.handle(request, record);
        // The record goes to logs and the inspector: never the token itself.
        if (response.status == 200)
            record.response = R"({"success":true,"token":"***"})";
        return response;
    }
    if (request.path.startsWith(QLatin1String("/voice/")))
        return voice(request, record);
    return HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200)));
}

HttpResponse RequestDispatcher::health() const
{
    const auto ping = m_database->ping();
    if (!ping)
        return HttpResponse::json(503,
                                  { { QStringLiteral("status"), QStringLiteral("degraded") },
                                    { QStringLiteral("database"), ping.error() } });
    return HttpResponse::json(200,
                              { { QStringLiteral("status"), QStringLiteral("ok") },
                                { QStringLiteral("database"), QStringLiteral("ok") } });
}

HttpResponse RequestDispatcher::voice(const HttpRequest &request, RequestRecord &record)
{
    using Handler = HttpResponse (VoiceEndpoint::*)(const Webhook::FormParameters &, RequestRecord &) const;
    static const QHash<QString, Handler> handlers {
        { Routing::WebhookPaths::incoming(), &VoiceEndpoint::incoming },
        { Routing::WebhookPaths::outgoing(), &VoiceEndpoint::outgoing },
        { Routing::WebhookPaths::dialComplete(), &VoiceEndpoint::dialComplete },
        { Routing::WebhookPaths::status(), &VoiceEndpoint::status },
    };
    const Handler handler = handlers.value(request.path);
    if (!handler)
        return HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200)));
    if (request.method != "POST")
        return methodNotAllowed("POST");
    if (request.mediaType() != "application/x-www-form-urlencoded")
        return HttpResponse::error(415,
                                   QStringLiteral("Twilio webhooks are application/x-www-form-urlencoded"));
    const auto parameters = Webhook::FormParameters::decode(request.body);
    if (!parameters)
        return HttpResponse::error(400, parameters.error());
    record.parameters = masked(*parameters);

    if (m_settings.verifySignatures) {
        const QByteArray signature = request.header("X-Twilio-Signature");
        const QString url = m_settings.publicBaseUrl + request.path
            + (request.query.isEmpty() ? QString() : u'?' + request.query);
        if (signature.isEmpty()) {
            record.signature = QStringLiteral("missing");
            return HttpResponse::error(403, QStringLiteral("X-Twilio-Signature is missing"));
        }
        if (!Webhook::SignatureValidator(m_settings.account.authToken).isValid(url, *parameters, signature)) {
            record.signature = QStringLiteral("invalid");
            return HttpResponse::error(403, QStringLiteral("X-Twilio-Signature does not match %1").arg(url));
        }
        record.signature = QStringLiteral("valid");
    } else {
        record.signature = QStringLiteral("not checked");
        qCWarning(lcDispatch) << "signature NOT checked for" << request.path
                              << "(verification is switched off)";
    }
    return (m_voice.*handler)(*parameters, record);
}

} // namespace Server
