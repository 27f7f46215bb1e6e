#include "core/team/CallHistoryClient.h"

#include "core/server/ApiPaths.h"
#include "core/store/CallRecordJson.h"
#include "core/team/ServerReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace Team {

CallHistoryClient::CallHistoryClient(ServerAccount account, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
{ }

CallHistoryClient::~CallHistoryClient()
{
    cancel();
}

void CallHistoryClient::cancel()
{
    m_done = nullptr;
    m_request.abandon();
}

void CallHistoryClient::fetch(int limit, Done done)
{
    cancel();
    if (const QStringList problems = m_account.problems(); !problems.isEmpty()) {
        done(Failure(QStringLiteral("the team server settings are not complete: %1.")
                         .arg(problems.join(QStringLiteral("; ")))));
        return;
    }
    m_done = std::move(done);
    QNetworkReply *reply = m_network.get(
        m_account.request(Server::ApiPaths::calls() + QStringLiteral("?limit=%1").arg(limit)));
    m_request.start(reply, this, [this](QNetworkReply *answered) { finished(answered); });
}

void CallHistoryClient::finished(QNetworkReply *reply)
{
    Done done = std::move(m_done);
    m_done = nullptr;
    const ServerReply answer = ServerReply::read(reply, m_account, QStringLiteral("list your calls"));
    if (answer.kind != ServerReply::Kind::Success) {
        done(Failure(answer.problem));
        return;
    }
    const QJsonValue calls = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("calls"));
    if (!calls.isArray()) {
        done(Failure(QStringLiteral("the team server %1 sent no list of calls.")
                         .arg(m_account.server.toDisplayString())));
        return;
    }
    QList<Store::CallRecord> records;
    const QJsonArray list = calls.toArray();
    for (qsizetype index = 0; index < list.size(); ++index) {
        const auto record = Store::CallRecordJson::fromJson(list.at(index).toObject());
        if (!record) {
            done(Failure(QStringLiteral("the team server %1 sent %2.")
                             .arg(m_account.server.toDisplayString(), record.error())));
            return;
        }
        records.append(*record);
    }
    done(records);
}

} // namespace Team
