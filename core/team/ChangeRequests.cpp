#include "core/team/ChangeRequests.h"

#include "core/team/ServerReply.h"

#include <QJsonDocument>

namespace Team {

ChangeRequests::ChangeRequests(const ServerAccount &account)
    : m_account(account)
{ }

ChangeRequests::~ChangeRequests() = default;

void ChangeRequests::start(QNetworkReply *reply, QObject *context, const QString &what, Done done)
{
    startForAnswer(reply, context, what, [done = std::move(done)](const Result<QJsonObject> &answer) {
        if (!answer)
            done(Failure(answer.error()));
        else
            done({});
    });
}

void ChangeRequests::startForAnswer(QNetworkReply *reply, QObject *context, const QString &what,
                                    Answered done)
{
    PendingRequest &pending = m_requests.emplace_back();
    const auto position = std::prev(m_requests.end());
    pending.start(reply, context, [this, position, what, done = std::move(done)](QNetworkReply *answered) {
        const ServerReply answer = ServerReply::read(answered, m_account, what);
        const Answered finish = done;
        m_requests.erase(position); // its request is over; the callback goes on with copies
        if (answer.kind != ServerReply::Kind::Success)
            finish(Failure(answer.problem));
        else
            finish(QJsonDocument::fromJson(answer.body).object());
    });
}

} // namespace Team
