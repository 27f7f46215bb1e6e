#include "core/rest/ListRequest.h"

#include "core/rest/ApiReply.h"
#include "core/rest/ApiRequest.h"

namespace Rest {
namespace {

// Pages that each hold nothing but a link to the next must still come to an end.
constexpr int maxPages = 100;

} // namespace

ListRequest::ListRequest(QNetworkAccessManager *network, const ApiAccess &access, const RetryPolicy &policy,
                         Spec spec, Done done, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_access(access)
    , m_policy(policy)
    , m_spec(std::move(spec))
    , m_done(std::move(done))
{
    fetchPage(m_spec.firstPage);
}

void ListRequest::fetchPage(const QUrl &url)
{
    ++m_pages;
    ApiRequest::Spec page { ApiRequest::Method::Get, url, {}, ApiRequest::Repeat::Safe, m_spec.what };
    // A child: deleting this list aborts the page under way.
    new ApiRequest(
        m_network, m_access, m_policy, std::move(page), [this](const ApiReply &reply) { pageArrived(reply); },
        this);
}

void ListRequest::pageArrived(const ApiReply &reply)
{
    if (!reply.isOk()) {
        complete(Failure(reply.problem));
        return;
    }
    const QJsonObject page = reply.json();
    const QJsonValue list = page.value(m_spec.listKey);
    if (!list.isArray()) {
        complete(Failure(
            QStringLiteral("Twilio's answer to %1 holds no list '%2'.").arg(m_spec.what, m_spec.listKey)));
        return;
    }
    for (const auto &item : list.toArray()) {
        if (m_items.size() >= m_spec.maxItems)
            break;
        m_items.append(item);
    }
    const QString next = page.value(QStringLiteral("next_page_uri")).toString();
    if (next.isEmpty() || m_items.size() >= m_spec.maxItems) {
        complete(m_items);
        return;
    }
    if (m_pages >= maxPages) {
        complete(Failure(
            QStringLiteral("Twilio's answer to %1 goes on past %2 pages.").arg(m_spec.what).arg(maxPages)));
        return;
    }
    const QUrl nextUrl = m_access.urlOfApiPath(next);
    if (nextUrl.isEmpty()) {
        complete(Failure(QStringLiteral("Twilio's answer to %1 points its next page outside the account: %2.")
                             .arg(m_spec.what, next)));
        return;
    }
    fetchPage(nextUrl);
}

void ListRequest::complete(Result<QJsonArray> result)
{
    Done done = std::move(m_done);
    m_done = nullptr;
    deleteLater();
    if (done)
        done(std::move(result));
}

} // namespace Rest
