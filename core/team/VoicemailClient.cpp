#include "core/team/VoicemailClient.h"

#include "core/server/ApiPaths.h"
#include "core/store/VoicemailJson.h"
#include "core/team/ServerReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace Team {

VoicemailClient::VoicemailClient(ServerAccount account, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_changes(m_account)
{ }

VoicemailClient::~VoicemailClient()
{
    // Before the network manager goes: no reply may finish into a client half gone.
    m_inbox.abandon();
    m_audio.abandon();
    m_changes.clear();
}

QString VoicemailClient::accountProblem() const
{
    const QStringList problems = m_account.problems();
    return problems.isEmpty() ? QString()
                              : QStringLiteral("the team server settings are not complete: %1.")
                                    .arg(problems.join(QStringLiteral("; ")));
}

void VoicemailClient::fetchInbox(int limit, ContentsDone done)
{
    if (const QString problem = accountProblem(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    QNetworkReply *reply = m_network.get(
        m_account.request(Server::ApiPaths::voicemail() + QStringLiteral("?limit=%1").arg(limit)));
    m_inbox.start(reply, this, [this, done = std::move(done)](QNetworkReply *answered) {
        const ServerReply answer
            = ServerReply::read(answered, m_account, QStringLiteral("list your voicemail"));
        if (answer.kind != ServerReply::Kind::Success) {
            done(Failure(answer.problem));
            return;
        }
        const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
        const QJsonValue list = body.value(QStringLiteral("voicemail"));
        if (!list.isArray()) {
            done(Failure(QStringLiteral("the team server %1 sent no list of voicemail.")
                             .arg(m_account.server.toDisplayString())));
            return;
        }
        Inbox inbox;
        inbox.unheard = body.value(QStringLiteral("unheard")).toInt();
        for (const auto &entry : list.toArray()) {
            const auto message = Store::VoicemailJson::fromJson(entry.toObject());
            if (!message) {
                done(Failure(QStringLiteral("the team server %1 sent %2.")
                                 .arg(m_account.server.toDisplayString(), message.error())));
                return;
            }
            inbox.messages.append(*message);
        }
        done(inbox);
    });
}

void VoicemailClient::fetchAudio(const QString &recordingSid, AudioDone done)
{
    if (const QString problem = accountProblem(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    QNetworkRequest request
        = m_account.request(Server::ApiPaths::voicemail() + u'/' + recordingSid + QStringLiteral("/audio"));
    request.setTransferTimeout(60000); // a long message over a slow line
    QNetworkReply *reply = m_network.get(request);
    m_audio.start(reply, this, [this, done = std::move(done)](QNetworkReply *answered) {
        const ServerReply answer
            = ServerReply::read(answered, m_account, QStringLiteral("give the message's audio"));
        if (answer.kind != ServerReply::Kind::Success) {
            done(Failure(answer.problem));
            return;
        }
        done(answer.body);
    });
}

void VoicemailClient::setHeard(const QString &recordingSid, bool heard, Done done)
{
    if (const QString problem = accountProblem(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    QNetworkRequest request = m_account.request(Server::ApiPaths::voicemail() + u'/' + recordingSid);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("heard"), heard } }).toJson(QJsonDocument::Compact);
    m_changes.start(m_network.post(request, body), this,
                    heard ? QStringLiteral("mark the message heard") : QStringLiteral("mark the message new"),
                    std::move(done));
}

void VoicemailClient::remove(const QString &recordingSid, Done done)
{
    if (const QString problem = accountProblem(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    m_changes.start(
        m_network.deleteResource(m_account.request(Server::ApiPaths::voicemail() + u'/' + recordingSid)),
        this, QStringLiteral("delete the message"), std::move(done));
}

} // namespace Team
