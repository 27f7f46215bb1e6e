#pragma once

// Reads the signed-in client's own calls from the team's server (GET /calls), for the phone's Recent tab
// in team mode. No retries of its own: the list asks again when it is shown, after a call, and on a timer.

#include "core/common/Result.h"
#include "core/store/CallLog.h"
#include "core/team/PendingRequest.h"
#include "core/team/ServerAccount.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

class QNetworkReply;

namespace Team {

class CallHistoryClient : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<QList<Store::CallRecord>>)>;

    explicit CallHistoryClient(ServerAccount account, QObject *parent = nullptr);
    ~CallHistoryClient() override;

    // The newest limit calls (most recently updated first) to done, or a sentence, in this object's
    // thread. A fetch replaces one still under way (whose done is never called).
    void fetch(int limit, Done done);

private:
    void finished(QNetworkReply *reply);
    void cancel();

    ServerAccount m_account;
    QNetworkAccessManager m_network;
    PendingRequest m_request;
    Done m_done;
};

} // namespace Team
