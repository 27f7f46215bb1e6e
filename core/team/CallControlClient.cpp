#include "core/team/CallControlClient.h"

#include "core/server/ApiPaths.h"

#include <QNetworkReply>

namespace Team {

CallControlClient::CallControlClient(ServerAccount account, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_requests(m_account)
{ }

CallControlClient::~CallControlClient()
{
    // Before the network manager goes: no reply may finish into a client half gone.
    m_requests.clear();
}

void CallControlClient::setHold(const QString &callSid, bool hold, Done done)
{
    if (const QStringList problems = m_account.problems(); !problems.isEmpty()) {
        done(Failure(QStringLiteral("the team server settings are not complete: %1.")
                         .arg(problems.join(QStringLiteral("; ")))));
        return;
    }
    QNetworkRequest request = m_account.request(Server::ApiPaths::callAction(
        callSid, hold ? Server::ApiPaths::holdAction() : Server::ApiPaths::resumeAction()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString what
        = hold ? QStringLiteral("put the call on hold") : QStringLiteral("take the call off hold");
    m_requests.start(m_network.post(request, QByteArray()), this, what, std::move(done));
}

} // namespace Team
