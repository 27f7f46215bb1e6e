#pragma once

// The one request a team client has under way: a newer one, or abandon(), replaces it, and a reply that
// was replaced never reaches the client. Every reply is deleted once it is done with.

#include <QPointer>

#include <functional>

QT_BEGIN_NAMESPACE
class QNetworkReply;
class QObject;
QT_END_NAMESPACE

namespace Team {

class PendingRequest
{
public:
    PendingRequest() = default;
    PendingRequest(const PendingRequest &) = delete;
    PendingRequest &operator=(const PendingRequest &) = delete;
    ~PendingRequest() { abandon(); }

    // Replaces what was under way with reply; finished runs (in context's thread) once it is done, unless
    // it was replaced or abandoned first.
    void start(QNetworkReply *reply, QObject *context, std::function<void(QNetworkReply *)> finished);
    // Aborts the request under way, if any; its finished never runs.
    void abandon();

private:
    QPointer<QNetworkReply> m_reply;
};

} // namespace Team
