#include "core/rest/ApiRequest.h"

#include "core/rest/RestLogging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Rest {
namespace {

constexpr int maxRedirects = 3;

// Retry-After in seconds or as an HTTP date; zero when absent or unreadable.
std::chrono::milliseconds retryAfterOf(QNetworkReply *reply)
{
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return std::chrono::milliseconds(0);
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return std::chrono::seconds(std::max<qint64>(seconds, 0));
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!at.isValid())
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::max<qint64>(QDateTime::currentDateTimeUtc().msecsTo(at), 0));
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
        == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

ApiRequest::ApiRequest(QNetworkAccessManager *network, const ApiAccess &access, const RetryPolicy &policy,
                       Spec spec, Done done, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_access(access)
    , m_policy(policy)
    , m_spec(std::move(spec))
    , m_done(std::move(done))
    , m_current(m_spec.url)
    , m_nextWait(policy.firstWait)
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, &ApiRequest::send);
    send();
}

ApiRequest::~ApiRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QString ApiRequest::methodName() const
{
    switch (m_spec.method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Delete:
        return QStringLiteral("DELETE");
    }
    return {};
}

void ApiRequest::send()
{
    ++m_attempt;
    QNetworkRequest request(m_current);
    // Only the API's own host gets the credentials; a redirect elsewhere (the media's storage) goes without.
    if (sameOrigin(m_current, m_access.baseUrl))
        request.setRawHeader("Authorization", m_access.authorization());
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_policy.transferTimeout.count()));
    switch (m_spec.method) {
    case Method::Get:
        m_reply = m_network->get(request);
        break;
    case Method::Post:
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        m_reply = m_network->post(request, m_spec.form);
        break;
    case Method::Delete:
        m_reply = m_network->deleteResource(request);
        break;
    }
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_reply = nullptr;
        finished(reply);
    });
}

void ApiRequest::finished(QNetworkReply *reply)
{
    ApiReply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) // not after a timeout
        answer.body = reply->readAll();
    answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QString resource = m_access.resourceOf(m_current);
    qCInfo(lcRest).noquote() << methodName() << resource << "->"
                             << (answer.status ? QString::number(answer.status) : reply->errorString())
                             << "attempt" << m_attempt;

    if (answer.status == 0) {
        answer.problem = QStringLiteral("Twilio's API at %1 could not be reached to %2: %3.")
                             .arg(m_current.host(), m_spec.what, reply->errorString());
        const bool lasting = reply->error() == QNetworkReply::SslHandshakeFailedError;
        if (lasting || m_spec.repeat != Repeat::Safe)
            complete(std::move(answer));
        else
            retryOrEnd(std::move(answer), std::chrono::milliseconds(0));
        return;
    }
    if (answer.status >= 200 && answer.status < 300) {
        complete(std::move(answer));
        return;
    }
    if (isRedirect(answer.status) && m_spec.method == Method::Get) {
        if (followRedirect(reply))
            return;
        answer.problem = QStringLiteral("Twilio's answer to %1 redirects to a place it may not (HTTP %2).")
                             .arg(m_spec.what)
                             .arg(answer.status);
        complete(std::move(answer));
        return;
    }
    // A DELETE that was sent again after an attempt without an answer: that attempt did it.
    if (answer.status == 404 && m_spec.method == Method::Delete && m_attempt > 1) {
        complete(std::move(answer));
        return;
    }
    answer.problem = ApiReply::describeFailure(answer.status, answer.body, m_spec.what);
    const bool passing = answer.status == 429 || (answer.status >= 500 && m_spec.repeat == Repeat::Safe);
    if (passing)
        retryOrEnd(std::move(answer), retryAfterOf(reply));
    else
        complete(std::move(answer));
}

bool ApiRequest::followRedirect(QNetworkReply *reply)
{
    const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    if (!location.isValid() || ++m_redirects > maxRedirects)
        return false;
    const QUrl next = m_current.resolved(location);
    const bool downgrade
        = m_current.scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https");
    if (downgrade || next.host().isEmpty())
        return false;
    m_current = next;
    m_attempt = 0;
    send();
    return true;
}

void ApiRequest::retryOrEnd(ApiReply failure, std::chrono::milliseconds retryAfter)
{
    if (m_attempt >= m_policy.attempts) {
        complete(std::move(failure));
        return;
    }
    if (retryAfter > m_policy.longestRetryAfter) {
        failure.problem += QStringLiteral(" Twilio asks to wait %1 s before trying again.")
                               .arg(std::chrono::duration_cast<std::chrono::seconds>(retryAfter).count());
        complete(std::move(failure));
        return;
    }
    const std::chrono::milliseconds wait = std::max(m_nextWait, retryAfter);
    m_nextWait = std::min(m_nextWait * 2, m_policy.longestWait);
    qCWarning(lcRest).noquote() << failure.problem << "Trying again in" << wait.count() << "ms.";
    m_wait.start(wait);
}

void ApiRequest::complete(ApiReply reply)
{
    Done done = std::move(m_done);
    m_done = nullptr;
    deleteLater();
    if (done)
        done(std::move(reply));
}

} // namespace Rest
