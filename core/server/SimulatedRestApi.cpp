#include "core/server/SimulatedRestApi.h"

#include "core/server/BasicCredentials.h"
#include "core/server/SimulatedAccount.h"
#include "core/server/SimulatedCalls.h"
#include "core/server/SimulatedRecordings.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace Server {
namespace {

QString apiPrefix()
{
    return QStringLiteral("/2010-04-01/");
}

HttpResponse notFound(const QString &path)
{
    return SimulatedRestApi::twilioError(404, 20404,
                                         QStringLiteral("The requested resource %1 was not found").arg(path));
}

} // namespace

// Twilio's error body: {"code", "message", "more_info", "status"}.
HttpResponse SimulatedRestApi::twilioError(int status, int code, const QString &message)
{
    return HttpResponse::json(
        status,
        { { QStringLiteral("code"), code },
          { QStringLiteral("message"), message },
          { QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code) },
          { QStringLiteral("status"), status } });
}

SimulatedRestApi::SimulatedRestApi(const Config::TwilioAccount &account,
                                   std::shared_ptr<SimulatedRecordings> recordings,
                                   std::shared_ptr<SimulatedCalls> calls,
                                   std::shared_ptr<SimulatedAccount> simulatedAccount,
                                   PostToRequestThread postToRequestThread)
    : m_account(account)
    , m_recordings(std::move(recordings))
    , m_calls(std::move(calls))
    , m_simulatedAccount(std::move(simulatedAccount))
    , m_postToRequestThread(std::move(postToRequestThread))
{ }

void SimulatedRestApi::handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const
{
    const QString accountPath = apiPrefix() + QStringLiteral("Accounts/%1/").arg(m_account.accountSid);
    const QString resource
        = request.path.startsWith(accountPath) ? request.path.mid(accountPath.size()) : QString();
    const bool isAccount = request.path == accountPath.chopped(1) + QStringLiteral(".json");
    if (m_simulatedAccount && !m_account.accountSid.isEmpty()
        && (isAccount || (!resource.isEmpty() && SimulatedAccount::serves(resource)))) {
        HttpResponse response = answerForAccount(request, isAccount ? QString() : resource, &record.outcome);
        reply(std::move(response), std::move(record));
        return;
    }
    if (!m_calls || m_account.accountSid.isEmpty() || !SimulatedCalls::serves(resource)) {
        QString what;
        HttpResponse response = handle(request, &what);
        if (!what.isEmpty())
            record.outcome = what;
        reply(std::move(response), std::move(record));
        return;
    }
    if (!isAuthorized(request)) {
        HttpResponse refused = twilioError(401, 20003, QStringLiteral("Authenticate"));
        refused.headers.append(
            qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"Twilio API\"")));
        reply(std::move(refused), std::move(record));
        return;
    }
    if (request.method != "POST") {
        reply(HttpResponse::methodNotAllowed("POST"), std::move(record));
        return;
    }
    const auto form = Webhook::FormParameters::decode(request.body);
    if (!form) {
        reply(twilioError(400, 20001, form.error()), std::move(record));
        return;
    }
    m_calls->request(request.method, resource, *form,
                     [post = m_postToRequestThread, record = std::move(record), reply](HttpResponse response,
                                                                                       QString what) mutable {
                         post([response = std::move(response), what = std::move(what),
                               record = std::move(record), reply]() mutable {
                             record.outcome = what;
                             reply(std::move(response), std::move(record));
                         });
                     });
}

HttpResponse SimulatedRestApi::answerForAccount(const HttpRequest &request, const QString &resource,
                                                QString *what) const
{
    const auto credentials = BasicCredentials::read(request.header("Authorization"));
    const bool asAccount = isAuthorized(request);
    // As at Twilio, a standard API key may not manage keys: only the account's own credentials may.
    const bool asKey = !asAccount && credentials && !resource.startsWith(QLatin1String("Keys"))
        && m_simulatedAccount->acceptsKey(credentials->name, credentials->secret);
    if (!asAccount && !asKey) {
        HttpResponse refused = twilioError(401, 20003, QStringLiteral("Authenticate"));
        refused.headers.append(
            qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"Twilio API\"")));
        return refused;
    }
    const auto form = request.method == "POST" ? Webhook::FormParameters::decode(request.body)
                                               : Result<Webhook::FormParameters>(Webhook::FormParameters());
    if (!form)
        return twilioError(400, 20001, form.error());
    return m_simulatedAccount->request(request.method, resource, QUrlQuery(request.query), *form, what);
}

bool SimulatedRestApi::serves(const QString &path)
{
    return path.startsWith(apiPrefix());
}

bool SimulatedRestApi::isAuthorized(const HttpRequest &request) const
{
    const auto credentials = BasicCredentials::read(request.header("Authorization"));
    return credentials
        && (credentials->matches(m_account.accountSid, m_account.authToken)
            || credentials->matches(m_account.apiKeySid, m_account.apiKeySecret));
}

HttpResponse SimulatedRestApi::handle(const HttpRequest &request, QString *who) const
{
    if (!m_recordings)
        return HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200)));
    if (!isAuthorized(request)) {
        HttpResponse refused = twilioError(401, 20003, QStringLiteral("Authenticate"));
        refused.headers.append(
            qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"Twilio API\"")));
        return refused;
    }
    static const QRegularExpression recordingPath(QStringLiteral(
        "^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Recordings/(RE[0-9a-fA-F]{32})\\.(json|wav|mp3)$"));
    const QRegularExpressionMatch match = recordingPath.match(request.path);
    if (!match.hasMatch() || match.captured(1) != m_account.accountSid)
        return notFound(request.path.left(200));
    const QString sid = match.captured(2);
    const QString format = match.captured(3);
    *who = QStringLiteral("recording %1").arg(sid);

    if (request.method == "DELETE") {
        if (format != QLatin1String("json"))
            return HttpResponse::methodNotAllowed("GET");
        if (!m_recordings->remove(sid))
            return notFound(request.path);
        *who += QStringLiteral(" deleted");
        return HttpResponse::noContent();
    }
    if (request.method != "GET")
        return HttpResponse::methodNotAllowed(format == QLatin1String("json") ? "GET, DELETE" : "GET");
    const auto recording = m_recordings->find(sid);
    if (!recording)
        return notFound(request.path);
    if (format == QLatin1String("wav"))
        return HttpResponse { 200, "audio/x-wav", recording->wav, {} };
    if (format == QLatin1String("mp3"))
        return SimulatedRestApi::twilioError(404, 20404,
                                             QStringLiteral("The simulator keeps recordings as .wav only"));
    const QString uri
        = QStringLiteral("/2010-04-01/Accounts/%1/Recordings/%2.json").arg(m_account.accountSid, sid);
    return HttpResponse::json(
        200,
        { { QStringLiteral("sid"), sid },
          { QStringLiteral("account_sid"), m_account.accountSid },
          { QStringLiteral("call_sid"), recording->callSid },
          { QStringLiteral("status"), QStringLiteral("completed") },
          { QStringLiteral("duration"), QString::number(recording->durationSeconds) },
          { QStringLiteral("channels"), 1 },
          { QStringLiteral("source"), QStringLiteral("RecordVerb") },
          { QStringLiteral("date_created"), recording->created.toString(Qt::RFC2822Date) },
          { QStringLiteral("uri"), uri } });
}

} // namespace Server
