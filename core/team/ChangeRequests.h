#pragma once

// The requests a team client makes that change something on the server (mark heard, delete, hold): each
// runs to its end, whatever else is under way, and its answer is read as ServerReply reads it. What is
// under way when this object goes is abandoned, its done never called.

#include "core/common/Result.h"
#include "core/team/PendingRequest.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <list>

QT_BEGIN_NAMESPACE
class QNetworkReply;
class QObject;
QT_END_NAMESPACE

namespace Team {

struct ServerAccount;

class ChangeRequests
{
public:
    using Done = std::function<void(Result<void>)>;
    // The server's JSON answer (an empty object for an empty body), or the failure's sentence.
    using Answered = std::function<void(Result<QJsonObject>)>;

    // account must outlive this object.
    explicit ChangeRequests(const ServerAccount &account);
    ChangeRequests(const ChangeRequests &) = delete;
    ChangeRequests &operator=(const ChangeRequests &) = delete;
    ~ChangeRequests();

    // done runs in context's thread once reply is done; what names the change in a failure's sentence.
    void start(QNetworkReply *reply, QObject *context, const QString &what, Done done);
    void startForAnswer(QNetworkReply *reply, QObject *context, const QString &what, Answered done);
    // Abandons every request under way.
    void clear() { m_requests.clear(); }

private:
    const ServerAccount &m_account;
    std::list<PendingRequest> m_requests;
};

} // namespace Team
