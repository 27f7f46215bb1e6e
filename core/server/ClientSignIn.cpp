#include "core/server/ClientSignIn.h"

#include "core/server/BasicCredentials.h"
#include "core/server/ForwardedClientAddress.h"
#include "core/server/LoginThrottle.h"
#include "core/server/SecretCheckPool.h"
#include "core/store/ClientStore.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Server {
namespace {

HttpResponse unavailable(const QString &message, int retryAfterSeconds)
{
    HttpResponse response = HttpResponse::error(503, message);
    response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    return response;
}

HttpResponse unauthorized(const QString &message)
{
    HttpResponse response = HttpResponse::error(401, message);
    response.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                      QByteArray("Basic realm=\"switchboard\", charset=\"UTF-8\"")));
    return response;
}

} // namespace

ClientSignIn::ClientSignIn(Store::ClientStore &clients, LoginThrottle &throttle,
                           SecretCheckPool &secretChecks, PostToRequestThread postToRequestThread,
                           const ServerSettings &settings)
    : m_clients(clients)
    , m_throttle(throttle)
    , m_secretChecks(secretChecks)
    , m_postToRequestThread(std::move(postToRequestThread))
    , m_settings(settings)
{ }

void ClientSignIn::handle(const HttpRequest &request, RequestRecord record, const Reply &reply,
                          SignedIn signedIn) const
{
    const auto credentials = BasicCredentials::read(request.header("Authorization"));
    if (!credentials) {
        reply(unauthorized(QStringLiteral("authenticate with HTTP Basic: the client's name and secret")),
              std::move(record));
        return;
    }
    record.parameters.append(QStringLiteral("client"), credentials->name);
    // Counted per name and per address before the secret is hashed; the answer is the same for a name
    // that exists and one that does not.
    const QHostAddress from = ForwardedClientAddress(m_settings.trustedProxies).resolve(request);
    if (const auto wait = m_throttle.admit(credentials->name, from); wait.count() > 0) {
        const qint64 seconds = (wait.count() + 999) / 1000;
        record.outcome = QStringLiteral("throttled after repeated wrong credentials");
        HttpResponse response = HttpResponse::error(
            429, QStringLiteral("too many wrong credentials: try again in %1 s").arg(seconds));
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(seconds)));
        reply(std::move(response), std::move(record));
        return;
    }
    const auto login = m_clients.login(credentials->name);
    if (!login) {
        // The reason names the database; it goes to the log, not to a caller who has not signed in.
        qCWarning(lcServer).noquote() << "cannot check credentials:" << login.error();
        m_throttle.withdraw(credentials->name, from); // not a wrong secret
        record.outcome = login.error();
        reply(unavailable(QStringLiteral("credentials cannot be checked right now"), 5), std::move(record));
        return;
    }

    // The check runs on the pool; everything after it runs back in this thread, where this object and
    // the stores live (the post is dropped, and nothing runs, should this thread have stopped).
    auto job = [this, post = m_postToRequestThread, check = *login, secret = credentials->secret, from,
                record, reply, signedIn = std::move(signedIn)]() mutable {
        const bool matches = check.check(secret);
        post([this, matches, check = std::move(check), from, record = std::move(record), reply,
              signedIn = std::move(signedIn)]() mutable {
            if (!matches) {
                // admit() counted it already.
                record.outcome = QStringLiteral("refused: wrong credentials");
                reply(unauthorized(QStringLiteral("unknown client, wrong secret, or the client is disabled")),
                      std::move(record));
                return;
            }
            m_throttle.recordSuccess(check.client().name, from);
            signedIn(check.client().name, std::move(record), reply);
        });
    };
    if (!m_secretChecks.tryRun(std::move(job))) {
        m_throttle.withdraw(credentials->name, from); // never checked: no failure
        record.outcome = QStringLiteral("refused: too many sign-ins waiting");
        reply(unavailable(QStringLiteral("too many sign-ins at once: try again shortly"), 1),
              std::move(record));
    }
}

} // namespace Server
