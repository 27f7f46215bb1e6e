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

QString CallControlClient::incomplete() const
{
    const QStringList problems = m_account.problems();
    return problems.isEmpty() ? QString()
                              : QStringLiteral("the team server settings are not complete: %1.")
                                    .arg(problems.join(QStringLiteral("; ")));
}

void CallControlClient::setHold(const QString &callSid, bool hold, Done done)
{
    act(callSid, hold ? Server::ApiPaths::holdAction() : Server::ApiPaths::resumeAction(),
        Webhook::FormParameters(), [done = std::move(done)](const Result<QJsonObject> &answer) {
            if (!answer)
                done(Failure(answer.error()));
            else
                done({});
        });
}

void CallControlClient::act(const QString &callSid, const QString &action,
                            const Webhook::FormParameters &form, Answered done)
{
    if (const QString problem = incomplete(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    QNetworkRequest request = m_account.request(Server::ApiPaths::callAction(callSid, action));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QString what = action == Server::ApiPaths::holdAction() ? QStringLiteral("put the call on hold")
        : action == Server::ApiPaths::resumeAction()              ? QStringLiteral("take the call off hold")
                                                                  : QStringLiteral("%1 the call").arg(action);
    m_requests.startForAnswer(m_network.post(request, form.encode()), this, what, std::move(done));
}

void CallControlClient::fetch(const QString &callSid, Answered done)
{
    if (const QString problem = incomplete(); !problem.isEmpty()) {
        done(Failure(problem));
        return;
    }
    m_requests.startForAnswer(m_network.get(m_account.request(Server::ApiPaths::call(callSid))), this,
                              QStringLiteral("read the call"), std::move(done));
}

} // namespace Team
