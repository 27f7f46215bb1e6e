#include "core/server/RequestDispatcher.h"

#include "core/server/ApiPaths.h"
#include "core/server/ProbeLog.h"
#include "core/server/RingbackTone.h"
#include "core/store/Database.h"
#include "core/webhook/SignatureValidator.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringMatcher>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcDispatch, "switchboard.server")

namespace Server {
namespace {

bool isSecretName(const QString &name)
{
    // Matchers, not QString::contains: every parameter of every webhook is checked.
    static const QStringMatcher secretWords[]
        = { QStringMatcher(u"token", Qt::CaseInsensitive), QStringMatcher(u"secret", Qt::CaseInsensitive),
            QStringMatcher(u"password", Qt::CaseInsensitive),
            QStringMatcher(u"signature", Qt::CaseInsensitive) };
    return std::any_of(std::cbegin(secretWords), std::cend(secretWords),
                       [&](const QStringMatcher &word) { return word.indexIn(name) >= 0; });
}

Webhook::FormParameters masked(const Webhook::FormParameters &parameters)
{
    Webhook::FormParameters result;
    for (const auto &[name, value] : parameters.pairs())
        result.append(name, isSecretName(name) ? QStringLiteral("***") : value);
    return result;
}

} // namespace

RequestDispatcher::RequestDispatcher(std::shared_ptr<Store::Database> database,
                                     std::shared_ptr<Store::CallLogWriter> callLog,
                                     std::shared_ptr<LoginThrottle> loginThrottle,
                                     std::shared_ptr<SecretCheckPool> secretChecks,
                                     const PostToRequestThread &postToRequestThread, ServerSettings settings)
    : m_database(std::move(database))
    , m_settings(std::move(settings))
    , m_clients(m_database)
    , m_numbers(m_database, m_settings.routing.defaultRegion)
    , m_callLogWriter(std::move(callLog))
    , m_loginThrottle(std::move(loginThrottle))
    , m_secretChecks(std::move(secretChecks))
    , m_allowedHosts(m_settings.address, m_settings.publicBaseUrl)
    , m_router(m_numbers, m_clients, m_settings.routing)
    , m_signIn(m_clients, *m_loginThrottle, *m_secretChecks, postToRequestThread, m_settings)
    , m_callControl(m_database, m_settings,
                    [this](const Store::CallEvent &event, const HttpResponse &response,
                           const HttpResponse &failure, RequestRecord record, const Reply &reply) {
                        m_voice.replyWhenStored(event, response, failure, std::move(record), reply);
                    })
    , m_callActions(m_database, m_settings)
    , m_tokens(m_signIn, m_numbers, m_settings)
    , m_calls(m_signIn, m_database)
    , m_voicemail(m_signIn, m_database, m_settings)
    , m_voice(m_router, *m_callLogWriter, m_callControl, postToRequestThread)
    , m_recordings(m_database)
    , m_simulator(m_settings)
    , m_simulatedRestApi(m_settings.account, m_settings.simulatedRecordings, m_settings.simulatedCalls,
                         m_settings.simulatedAccount, postToRequestThread)
{ }

void RequestDispatcher::dispatch(const HttpRequest &request, RequestRecord record, const Reply &reply)
{
    record.method = QString::fromLatin1(request.method);
    record.route = request.path;
    record.peer = request.peer.toString();
    record.signature = QStringLiteral("not required");

    if (!m_allowedHosts.allows(request.header("Host"))) {
        record.outcome = QStringLiteral("refused: Host %1 is not this server's")
                             .arg(QString::fromLatin1(request.header("Host").left(100)));
        reply(HttpResponse::error(421, QStringLiteral("this server does not answer for that host")),
              std::move(record));
        return;
    }
    // Twilio sends no Origin; a browser does, and a web page must never drive this server.
    if (!request.header("Origin").isNull()) {
        record.outcome = QStringLiteral("refused: sent by a web page (Origin %1)")
                             .arg(QString::fromLatin1(request.header("Origin").left(100)));
        reply(HttpResponse::error(403, QStringLiteral("requests from web pages are not served")),
              std::move(record));
        return;
    }

    if (request.path == ApiPaths::health()) {
        if (request.method != "GET" && request.method != "HEAD")
            reply(HttpResponse::methodNotAllowed("GET"), std::move(record));
        else
            reply(health(QUrlQuery(request.query)), std::move(record));
        return;
    }
    if (request.path == Routing::WebhookPaths::ringback()) {
        if (request.method != "GET" && request.method != "HEAD") {
            reply(HttpResponse::methodNotAllowed("GET"), std::move(record));
            return;
        }
        // The same bytes for everyone, forever: Twilio and any cache may keep them.
        HttpResponse tone { 200, "audio/x-wav", RingbackTone::wav(), {} };
        tone.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("public, max-age=86400")));
        record.response = "(audio)";
        reply(std::move(tone), std::move(record));
        return;
    }
    if (request.path.startsWith(ApiPaths::calls() + u'/')) {
        callAction(request, std::move(record), reply);
        return;
    }
    if (request.path == ApiPaths::calls()) {
        if (request.method != "GET")
            reply(HttpResponse::methodNotAllowed("GET"), std::move(record));
        else
            m_calls.handle(request, std::move(record), reply);
        return;
    }
    if (VoicemailEndpoint::serves(request.path)) {
        m_voicemail.handle(request, std::move(record), reply);
        return;
    }
    if (request.path == ApiPaths::token()) {
        if (request.method != "POST") {
            reply(HttpResponse::methodNotAllowed("POST"), std::move(record));
            return;
        }
        m_tokens.handle(request, std::move(record), [reply](HttpResponse response, RequestRecord done) {
            // A token is a credential: no cache may keep it, and the record (logs, inspector) never shows it.
            response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
            if (response.status == 200)
                done.response = R"({"success":true,"token":"***"})";
            reply(std::move(response), std::move(done));
        });
        return;
    }
    if (SimulatorEndpoint::serves(request.path)) {
        QString who;
        HttpResponse response = m_simulator.handle(request, &who);
        if (!who.isEmpty())
            record.outcome = who;
        reply(std::move(response), std::move(record));
        return;
    }
    if (SimulatedRestApi::serves(request.path)) {
        m_simulatedRestApi.handle(request, std::move(record), reply);
        return;
    }
    // Twilio's webhooks (Routing::WebhookPaths); anything else is 404 there.
    voice(request, std::move(record), reply);
}

HttpResponse RequestDispatcher::health(const QUrlQuery &query) const
{
    // A setup check's nonce: noted when it comes through the public URL, answered when asked directly.
    const QString probe = query.queryItemValue(QStringLiteral("probe"));
    if (ProbeLog::isNonce(probe))
        m_settings.probes->note(probe);
    const QString asked = query.queryItemValue(QStringLiteral("seen"));
    if (ProbeLog::isNonce(asked))
        return HttpResponse::json(200,
                                  { { QStringLiteral("status"), QStringLiteral("ok") },
                                    { QStringLiteral("seen"), m_settings.probes->seen(asked) } });

    const auto ping = m_database->ping();
    if (!ping) {
        // Who asks is not known: the reason goes to the log only.
        qCWarning(lcDispatch).noquote() << "health check: the database does not answer:" << ping.error();
        return HttpResponse::json(503,
                                  { { QStringLiteral("status"), QStringLiteral("degraded") },
                                    { QStringLiteral("database"), QStringLiteral("unavailable") } });
    }
    return HttpResponse::json(200,
                              { { QStringLiteral("status"), QStringLiteral("ok") },
                                { QStringLiteral("database"), QStringLiteral("ok") } });
}

RequestDispatcher::WebhookHandler RequestDispatcher::webhookHandler(const QString &path) const
{
    using VoiceHandler
        = void (VoiceEndpoint::*)(const Webhook::FormParameters &, RequestRecord, const Reply &) const;
    static const QHash<QString, VoiceHandler> voiceHandlers {
        { Routing::WebhookPaths::incoming(), &VoiceEndpoint::incoming },
        { Routing::WebhookPaths::outgoing(), &VoiceEndpoint::outgoing },
        { Routing::WebhookPaths::dialComplete(), &VoiceEndpoint::dialComplete },
        { Routing::WebhookPaths::status(), &VoiceEndpoint::status },
        { Routing::WebhookPaths::hold(), &VoiceEndpoint::hold },
        { Routing::WebhookPaths::wait(), &VoiceEndpoint::wait },
    };
    if (const VoiceHandler handler = voiceHandlers.value(path))
        return
            [this, handler](const Webhook::FormParameters &parameters, RequestRecord record,
                            const Reply &reply) { (m_voice.*handler)(parameters, std::move(record), reply); };
    if (path == Routing::WebhookPaths::party())
        return [this](const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) {
            m_callControl.partyStatus(parameters, std::move(record), reply);
        };
    if (path == Routing::WebhookPaths::conference())
        return [this](const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) {
            m_callControl.conferenceEvent(parameters, std::move(record), reply);
        };
    if (path == Routing::WebhookPaths::recording())
        return [this](const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) {
            m_recordings.recording(parameters, std::move(record), reply);
        };
    if (path == Routing::WebhookPaths::transcription())
        return [this](const Webhook::FormParameters &parameters, RequestRecord record, const Reply &reply) {
            m_recordings.transcription(parameters, std::move(record), reply);
        };
    return {};
}

void RequestDispatcher::voice(const HttpRequest &request, RequestRecord record, const Reply &reply)
{
    const auto refuse = [&](const HttpResponse &response) { reply(response, std::move(record)); };
    const WebhookHandler handler = webhookHandler(request.path);
    if (!handler)
        return refuse(
            HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200))));
    if (request.method != "POST")
        return refuse(HttpResponse::methodNotAllowed("POST"));
    if (request.mediaType() != "application/x-www-form-urlencoded")
        return refuse(HttpResponse::error(
            415, QStringLiteral("Twilio webhooks are application/x-www-form-urlencoded")));
    const auto parameters = Webhook::FormParameters::decode(request.body);
    if (!parameters)
        return refuse(HttpResponse::error(400, parameters.error()));
    record.parameters = masked(*parameters);

    if (m_settings.verifySignatures) {
        const QByteArray signature = request.header("X-Twilio-Signature");
        const QString url = m_settings.publicBaseUrl + request.path
            + (request.query.isEmpty() ? QString() : u'?' + request.query);
        if (signature.isEmpty()) {
            record.signature = QStringLiteral("missing");
            return refuse(HttpResponse::error(403, QStringLiteral("X-Twilio-Signature is missing")));
        }
        if (!Webhook::SignatureValidator(m_settings.account.authToken).isValid(url, *parameters, signature)) {
            record.signature = QStringLiteral("invalid");
            // The URL it was checked against helps whoever runs the server (log, inspector); a stranger
            // learns nothing of the configuration from the answer.
            record.outcome = QStringLiteral("the signature does not match %1").arg(url);
            return refuse(HttpResponse::error(403, QStringLiteral("X-Twilio-Signature does not match")));
        }
        record.signature = QStringLiteral("valid");
    } else {
        record.signature = QStringLiteral("not checked");
        qCWarning(lcDispatch) << "signature NOT checked for" << request.path
                              << "(verification is switched off)";
    }
    // What the URL's query names (call control's callbacks carry their room in it) is read like the form,
    // which comes first: both are signed.
    Webhook::FormParameters both = *parameters;
    for (const auto &[name, value] : QUrlQuery(request.query).queryItems(QUrl::FullyDecoded))
        if (!both.contains(name))
            both.append(name, value);
    handler(both, std::move(record), reply);
}

void RequestDispatcher::callAction(const HttpRequest &request, RequestRecord record, const Reply &reply)
{
    constexpr int maxFieldLength = 200;
    // /calls/{CallSid}, or /calls/{CallSid}/{action} with a form body for the actions that take one (to,
    // talkFirst, label).
    const QStringList parts = request.path.mid(ApiPaths::calls().size() + 1).split(u'/');
    static const QRegularExpression callSidForm(QStringLiteral("^CA[0-9a-fA-F]{32}$"));
    static const QStringList actions { ApiPaths::holdAction(),     ApiPaths::resumeAction(),
                                       ApiPaths::addAction(),      ApiPaths::transferAction(),
                                       ApiPaths::handOverAction(), ApiPaths::dropAction() };
    if (parts.size() > 2 || !callSidForm.match(parts.at(0)).hasMatch()
        || (parts.size() == 2 && !actions.contains(parts.at(1)))) {
        reply(HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200))),
              std::move(record));
        return;
    }
    // /calls/{CallSid}: the call as it stands.
    if (parts.size() == 1) {
        if (request.method != "GET") {
            reply(HttpResponse::methodNotAllowed("GET"), std::move(record));
            return;
        }
        m_signIn.handle(request, std::move(record), reply,
                        [this, callSid = parts.at(0)](const QString &clientName, RequestRecord signedIn,
                                                      const Reply &answer) {
                            m_callActions.describe(clientName, callSid, std::move(signedIn), answer);
                        });
        return;
    }
    if (request.method != "POST") {
        reply(HttpResponse::methodNotAllowed("POST"), std::move(record));
        return;
    }
    CallActions::Request asked;
    asked.callSid = parts.at(0);
    asked.action = parts.at(1);
    if (!request.body.isEmpty()) {
        if (request.mediaType() != "application/x-www-form-urlencoded") {
            reply(HttpResponse::error(415,
                                      QStringLiteral("send the action's fields as a form "
                                                     "(application/x-www-form-urlencoded)")),
                  std::move(record));
            return;
        }
        const auto form = Webhook::FormParameters::decode(request.body);
        if (!form) {
            reply(HttpResponse::error(400, form.error()), std::move(record));
            return;
        }
        asked.to = form->value(QStringLiteral("to"));
        asked.label = form->value(QStringLiteral("label"));
        // An address or a label is short: anything longer is not one (and is not echoed back whole).
        if (asked.to.size() > maxFieldLength || asked.label.size() > maxFieldLength) {
            reply(HttpResponse::error(
                      400, QStringLiteral("to and label are at most %1 characters").arg(maxFieldLength)),
                  std::move(record));
            return;
        }
        const QString talkFirst = form->value(QStringLiteral("talkFirst"), QStringLiteral("false"));
        if (talkFirst != QLatin1String("true") && talkFirst != QLatin1String("false")) {
            reply(HttpResponse::error(400, QStringLiteral("talkFirst is true or false")), std::move(record));
            return;
        }
        asked.talkFirst = talkFirst == QLatin1String("true");
    }
    m_signIn.handle(
        request, std::move(record), reply,
        [this, asked](const QString &clientName, RequestRecord signedIn, const Reply &answer) mutable {
            asked.clientName = clientName;
            m_callActions.perform(asked, std::move(signedIn), answer);
        });
}

} // namespace Server
