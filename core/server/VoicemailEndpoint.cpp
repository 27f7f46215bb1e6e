#include "core/server/VoicemailEndpoint.h"

#include "core/rest/TwilioRestClient.h"
#include "core/server/ApiPaths.h"
#include "core/store/VoicemailJson.h"
#include "core/store/VoicemailStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>

#include <variant>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

using Asked = VoicemailEndpoint::Asked;

// Whom someone called, and what they said, is personal: no cache keeps it.
HttpResponse personal(HttpResponse response)
{
    response.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    return response;
}

HttpResponse storeUnavailable()
{
    HttpResponse response
        = HttpResponse::error(503, QStringLiteral("the voicemail cannot be read right now"));
    response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
    return response;
}

HttpResponse noSuchMessage()
{
    return HttpResponse::error(404, QStringLiteral("no such voicemail"));
}

Result<int> limitOf(const QString &query)
{
    int limit = VoicemailEndpoint::defaultLimit;
    for (const auto &[name, value] : QUrlQuery(query).queryItems(QUrl::FullyDecoded)) {
        if (name != QLatin1String("limit"))
            return Failure(QStringLiteral("unknown parameter %1: /voicemail takes limit").arg(name.left(40)));
        bool ok = false;
        limit = value.toInt(&ok);
        if (!ok || limit < 1 || limit > VoicemailEndpoint::maximumLimit)
            return Failure(QStringLiteral("limit takes a whole number from 1 to %1")
                               .arg(VoicemailEndpoint::maximumLimit));
    }
    return limit;
}

// The request's action, or the answer that refuses it.
std::variant<Asked, HttpResponse> read(const HttpRequest &request)
{
    Asked asked;
    if (request.path == ApiPaths::voicemail()) {
        if (request.method != "GET")
            return HttpResponse::methodNotAllowed("GET");
        const auto limit = limitOf(request.query);
        if (!limit)
            return HttpResponse::error(400, limit.error());
        asked.limit = *limit;
        return asked;
    }
    static const QRegularExpression messagePath(QStringLiteral("^/voicemail/(RE[0-9a-fA-F]{32})(/audio)?$"));
    const QRegularExpressionMatch match = messagePath.match(request.path);
    if (!match.hasMatch())
        return HttpResponse::error(404, QStringLiteral("no such resource: %1").arg(request.path.left(200)));
    asked.recordingSid = match.captured(1);
    if (!match.captured(2).isEmpty()) {
        if (request.method != "GET")
            return HttpResponse::methodNotAllowed("GET");
        asked.action = Asked::Action::Audio;
        return asked;
    }
    if (request.method == "DELETE") {
        asked.action = Asked::Action::Delete;
        return asked;
    }
    if (request.method != "POST")
        return HttpResponse::methodNotAllowed("POST, DELETE");
    if (request.mediaType() != "application/json")
        return HttpResponse::error(415, QStringLiteral("send {\"heard\": true} as application/json"));
    const QJsonValue heard = QJsonDocument::fromJson(request.body).object().value(QStringLiteral("heard"));
    if (!heard.isBool())
        return HttpResponse::error(
            400, QStringLiteral("the body must be {\"heard\": true} or {\"heard\": false}"));
    asked.action = Asked::Action::Mark;
    asked.heard = heard.toBool();
    return asked;
}

} // namespace

VoicemailEndpoint::VoicemailEndpoint(const ClientSignIn &signIn, std::shared_ptr<Store::Database> database,
                                     const ServerSettings &settings)
    : m_signIn(signIn)
    , m_database(std::move(database))
    , m_settings(settings)
{ }

bool VoicemailEndpoint::serves(const QString &path)
{
    return path == ApiPaths::voicemail() || path.startsWith(ApiPaths::voicemail() + u'/');
}

void VoicemailEndpoint::handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const
{
    auto asked = read(request);
    if (auto *refusal = std::get_if<HttpResponse>(&asked)) {
        reply(std::move(*refusal), std::move(record));
        return;
    }
    m_signIn.handle(request, std::move(record), reply,
                    [this, asked = std::get<Asked>(asked)](const QString &clientName, RequestRecord signedIn,
                                                           const Reply &answer) {
                        this->signedIn(clientName, asked, std::move(signedIn), answer);
                    });
}

void VoicemailEndpoint::signedIn(const QString &clientName, const Asked &asked, RequestRecord record,
                                 const Reply &reply) const
{
    if (asked.action == Asked::Action::List) {
        HttpResponse response = list(clientName, asked.limit, record);
        reply(std::move(response), std::move(record));
        return;
    }
    Store::VoicemailStore voicemail(m_database);
    const auto found = voicemail.find(asked.recordingSid);
    if (!found) {
        record.outcome = found.error();
        reply(storeUnavailable(), std::move(record));
        return;
    }
    // Another client's message is one this client cannot know of.
    if (!found->has_value() || (*found)->deleted || (*found)->clientName != clientName) {
        record.outcome
            = QStringLiteral("voicemail %1 is not client %2's").arg(asked.recordingSid, clientName);
        reply(noSuchMessage(), std::move(record));
        return;
    }
    const Store::Voicemail &message = **found;
    switch (asked.action) {
    case Asked::Action::Mark:
        if (const auto marked = voicemail.setHeard(message.recordingSid, asked.heard); !marked) {
            record.outcome = marked.error();
            reply(storeUnavailable(), std::move(record));
            return;
        }
        record.outcome = QStringLiteral("voicemail %1 %2")
                             .arg(message.recordingSid,
                                  asked.heard ? QStringLiteral("heard") : QStringLiteral("unheard"));
        reply(HttpResponse::noContent(), std::move(record));
        return;
    case Asked::Action::Audio:
        fetchAudio(message, std::move(record), reply);
        return;
    case Asked::Action::Delete:
        remove(message, std::move(record), reply);
        return;
    case Asked::Action::List:
        break;
    }
}

HttpResponse VoicemailEndpoint::list(const QString &clientName, int limit, RequestRecord &record) const
{
    Store::VoicemailStore voicemail(m_database);
    Store::VoicemailStore::Filter filter;
    filter.clientName = clientName;
    filter.limit = limit;
    const auto messages = voicemail.list(filter);
    const auto unheard = voicemail.unheardCount(clientName);
    if (!messages || !unheard) {
        qCWarning(lcServer).noquote() << "cannot list the voicemail of client" << clientName << ':'
                                      << (!messages ? messages.error() : unheard.error());
        record.outcome = !messages ? messages.error() : unheard.error();
        return storeUnavailable();
    }
    QJsonArray list;
    for (const Store::Voicemail &message : *messages)
        list.append(Store::VoicemailJson::toJson(message));
    record.outcome = QStringLiteral("%1 voicemail of client %2, %3 unheard")
                         .arg(messages->size())
                         .arg(clientName)
                         .arg(*unheard);
    return personal(HttpResponse::json(
        200, { { QStringLiteral("voicemail"), list }, { QStringLiteral("unheard"), *unheard } }));
}

Rest::TwilioRestClient *VoicemailEndpoint::restClient(RequestRecord &record, const Reply &reply) const
{
    const auto access = Rest::ApiAccess::forAccount(m_settings.account, m_settings.twilioApiUrl);
    if (!access) {
        record.outcome = QStringLiteral("no Twilio REST access: %1").arg(access.error());
        reply(HttpResponse::error(503, QStringLiteral("this server cannot reach Twilio's REST API")),
              std::move(record));
        return nullptr;
    }
    // One client per request, made in the request's thread, which runs its event loop: voicemail is rare.
    return new Rest::TwilioRestClient(*access);
}

void VoicemailEndpoint::fetchAudio(const Store::Voicemail &message, RequestRecord record,
                                   const Reply &reply) const
{
    Rest::TwilioRestClient *client = restClient(record, reply);
    if (!client)
        return;
    const QString sid = message.recordingSid;
    client->fetch(
        QStringLiteral("Recordings/%1.wav").arg(sid),
        QStringLiteral("fetch the audio of voicemail %1").arg(sid),
        [client, sid, record = std::move(record), reply](const Rest::ApiReply &answer) mutable {
            client->deleteLater();
            if (!answer.isOk()) {
                record.outcome = answer.problem;
                reply(answer.status == 404
                          ? HttpResponse::error(404, QStringLiteral("the recording is gone at Twilio"))
                          : HttpResponse::error(502, QStringLiteral("Twilio did not give the recording")),
                      std::move(record));
                return;
            }
            record.outcome
                = QStringLiteral("audio of voicemail %1, %2 bytes").arg(sid).arg(answer.body.size());
            record.response = "(audio)";
            reply(personal(HttpResponse { 200, "audio/x-wav", answer.body, {} }), std::move(record));
        });
}

void VoicemailEndpoint::remove(const Store::Voicemail &message, RequestRecord record,
                               const Reply &reply) const
{
    Rest::TwilioRestClient *client = restClient(record, reply);
    if (!client)
        return;
    const QString sid = message.recordingSid;
    client->remove(
        QStringLiteral("Recordings/%1.json").arg(sid), QStringLiteral("delete voicemail %1").arg(sid),
        [client, sid, database = m_database, record = std::move(record),
         reply](const Rest::ApiReply &answer) mutable {
            client->deleteLater();
            // Gone at Twilio already: deleted here too.
            if (!answer.isOk() && answer.status != 404) {
                record.outcome = answer.problem + QStringLiteral(" Nothing was deleted.");
                reply(HttpResponse::error(
                          502, QStringLiteral("Twilio did not delete the recording; nothing was deleted")),
                      std::move(record));
                return;
            }
            if (const auto deleted = Store::VoicemailStore(database).markDeleted(sid); !deleted) {
                record.outcome = QStringLiteral("deleted at Twilio, not here: %1").arg(deleted.error());
                reply(storeUnavailable(), std::move(record));
                return;
            }
            record.outcome = QStringLiteral("voicemail %1 deleted").arg(sid);
            reply(HttpResponse::noContent(), std::move(record));
        });
}

} // namespace Server
