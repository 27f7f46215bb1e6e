#pragma once

// Switchboard's client of Twilio's REST API (2010-04-01), for one account: the resources under
// /2010-04-01/Accounts/{AccountSid}/, named relative to it ("Recordings/RE….json"). Every call ends in
// exactly one answer to its done, in this object's thread, unless the client is deleted first, which
// aborts what is under way. Retries, paging, timeouts and the sentences of Twilio's errors are handled
// here (ApiRequest, ListRequest), so that each use of the API is a line or two.

#include "core/common/Result.h"
#include "core/rest/ApiAccess.h"
#include "core/rest/ApiReply.h"
#include "core/rest/RetryPolicy.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrlQuery>

#include <functional>

namespace Rest {

class TwilioRestClient : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(ApiReply)>;
    using ListDone = std::function<void(Result<QJsonArray>)>;

    explicit TwilioRestClient(ApiAccess access, QObject *parent = nullptr);
    ~TwilioRestClient() override;

    const ApiAccess &access() const { return m_access; }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }

    // what names the doing in sentences: "fetch recording RE…".
    void fetch(const QString &resource, const QString &what, Done done, const QUrlQuery &query = {});
    // The account itself (Accounts/{AccountSid}.json): whether the credentials verify, and its status.
    void fetchAccount(const QString &what, Done done);
    // A POST to a resource that exists: sending it twice changes nothing more, so it is retried like GET.
    void update(const QString &resource, const QUrlQuery &form, const QString &what, Done done);
    // A POST that creates something: retried only when Twilio turned it away (429).
    void create(const QString &resource, const QUrlQuery &form, const QString &what, Done done);
    // A DELETE. One retried after an attempt that got no answer counts Twilio's 404 as done.
    void remove(const QString &resource, const QString &what, Done done);
    // Every item of a list resource ("Recordings.json", its array "recordings"), page after page.
    void fetchAll(const QString &resource, const QString &listKey, const QString &what, ListDone done,
                  const QUrlQuery &query = {}, int maxItems = 1000);

private:
    void post(const QString &resource, const QUrlQuery &form, const QString &what, Done done,
              bool repeatable);

    ApiAccess m_access;
    RetryPolicy m_policy;
    QNetworkAccessManager m_network;
};

} // namespace Rest
