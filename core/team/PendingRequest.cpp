#include "core/team/PendingRequest.h"

#include <QNetworkReply>

namespace Team {

void PendingRequest::start(QNetworkReply *reply, QObject *context,
                           std::function<void(QNetworkReply *)> finished)
{
    abandon();
    m_reply = reply;
    QObject::connect(reply, &QNetworkReply::finished, context, [this, reply, finished = std::move(finished)] {
        reply->deleteLater();
        if (reply != m_reply)
            return;
        m_reply = nullptr;
        finished(reply);
    });
}

void PendingRequest::abandon()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect();
    reply->abort();
    reply->deleteLater();
}

} // namespace Team
