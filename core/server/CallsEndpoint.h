#pragma once

// GET /calls: a signed-in client's own calls (ClientSignIn), most recently updated first, as JSON, for the
// phone's Recent tab in team mode. Query: since (ISO 8601: calls updated at or after it), limit (1 to 200,
// default 50), and before (the "next" link of the page before, which carries it).

#include "core/server/ClientSignIn.h"
#include "core/server/HttpRequest.h"
#include "core/server/Reply.h"
#include "core/store/CallLog.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace Store {
class Database;
} // namespace Store

namespace Server {

class CallsEndpoint
{
public:
    static constexpr int defaultLimit = 50;
    static constexpr int maximumLimit = 200;

    CallsEndpoint(const ClientSignIn &signIn, std::shared_ptr<Store::Database> database);

    void handle(const HttpRequest &request, RequestRecord record, const Reply &reply) const;

    // What a request asks for, read once from its query before the sign-in.
    struct Query
    {
        QDateTime since;
        std::optional<Store::CallLog::PagePosition> before;
        int limit = defaultLimit;
    };

private:
    HttpResponse page(const QString &clientName, const Query &asked, RequestRecord &record) const;

    const ClientSignIn &m_signIn;
    std::shared_ptr<Store::Database> m_database;
};

} // namespace Server
