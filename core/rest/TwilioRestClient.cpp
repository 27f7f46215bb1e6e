#include "core/rest/TwilioRestClient.h"

#include "core/rest/ApiRequest.h"
#include "core/rest/ListRequest.h"

namespace Rest {
namespace {

// Twilio reads form bodies as application/x-www-form-urlencoded: '+' would be a space, so it is encoded.
QByteArray formBody(const QUrlQuery &form)
{
    QUrlQuery encoded;
    for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded))
        encoded.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                             QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return encoded.query(QUrl::FullyEncoded).toLatin1();
}

} // namespace

TwilioRestClient::TwilioRestClient(ApiAccess access, QObject *parent)
    : QObject(parent)
    , m_access(std::move(access))
{ }

TwilioRestClient::~TwilioRestClient()
{
    // The requests (children) go before the network manager (a member, destroyed before QObject's own
    // destructor would delete them): each aborts its reply while the manager still stands.
    qDeleteAll(findChildren<QObject *>(QString(), Qt::FindDirectChildrenOnly));
}

void TwilioRestClient::fetch(const QString &resource, const QString &what, Done done, const QUrlQuery &query)
{
    ApiRequest::Spec spec {
        ApiRequest::Method::Get, m_access.resourceUrl(resource, query), {}, ApiRequest::Repeat::Safe, what
    };
    new ApiRequest(&m_network, m_access, m_policy, std::move(spec), std::move(done), this);
}

void TwilioRestClient::fetchAccount(const QString &what, Done done)
{
    ApiRequest::Spec spec {
        ApiRequest::Method::Get, m_access.accountUrl(), {}, ApiRequest::Repeat::Safe, what
    };
    new ApiRequest(&m_network, m_access, m_policy, std::move(spec), std::move(done), this);
}

void TwilioRestClient::update(const QString &resource, const QUrlQuery &form, const QString &what, Done done)
{
    post(resource, form, what, std::move(done), true);
}

void TwilioRestClient::create(const QString &resource, const QUrlQuery &form, const QString &what, Done done)
{
    post(resource, form, what, std::move(done), false);
}

void TwilioRestClient::post(const QString &resource, const QUrlQuery &form, const QString &what, Done done,
                            bool repeatable)
{
    ApiRequest::Spec spec { ApiRequest::Method::Post, m_access.resourceUrl(resource), formBody(form),
                            repeatable ? ApiRequest::Repeat::Safe : ApiRequest::Repeat::OnlyWhenTurnedAway,
                            what };
    new ApiRequest(&m_network, m_access, m_policy, std::move(spec), std::move(done), this);
}

void TwilioRestClient::remove(const QString &resource, const QString &what, Done done)
{
    ApiRequest::Spec spec {
        ApiRequest::Method::Delete, m_access.resourceUrl(resource), {}, ApiRequest::Repeat::Safe, what
    };
    new ApiRequest(&m_network, m_access, m_policy, std::move(spec), std::move(done), this);
}

void TwilioRestClient::fetchAll(const QString &resource, const QString &listKey, const QString &what,
                                ListDone done, const QUrlQuery &query, int maxItems)
{
    ListRequest::Spec spec { m_access.resourceUrl(resource, query), listKey, maxItems, what };
    new ListRequest(&m_network, m_access, m_policy, std::move(spec), std::move(done), this);
}

} // namespace Rest
