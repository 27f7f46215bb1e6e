#pragma once

// A list resource read to its end: the first page, then each next_page_uri Twilio gives, until there is
// none or maxItems are in hand. Each page is an ApiRequest, with its retries.

#include "core/common/Result.h"
#include "core/rest/ApiAccess.h"
#include "core/rest/RetryPolicy.h"

#include <QJsonArray>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace Rest {

struct ApiReply;

class ListRequest : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<QJsonArray>)>;

    struct Spec
    {
        QUrl firstPage;
        QString listKey; // the answer's array: "recordings"
        int maxItems = 1000;
        QString what;
    };

    // Starts at once; done runs once, after which the object deletes itself. Deleting it first aborts.
    ListRequest(QNetworkAccessManager *network, const ApiAccess &access, const RetryPolicy &policy, Spec spec,
                Done done, QObject *parent);

private:
    void fetchPage(const QUrl &url);
    void pageArrived(const ApiReply &reply);
    void complete(Result<QJsonArray> result);

    QNetworkAccessManager *m_network;
    ApiAccess m_access;
    RetryPolicy m_policy;
    Spec m_spec;
    Done m_done;
    QJsonArray m_items;
    int m_pages = 0;
};

} // namespace Rest
