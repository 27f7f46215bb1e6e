#pragma once

// One request to Twilio's REST API, from the first attempt to the answer its caller gets, once. It is tried
// again as the RetryPolicy allows when Twilio turns it away (429) and, when sending it twice does no more
// than sending it once, also when the server fails (5xx) or cannot be reached. A GET follows up to three
// redirects (recording media lives elsewhere), with the credentials only while it stays on the API's host.

#include "core/rest/ApiAccess.h"
#include "core/rest/ApiReply.h"
#include "core/rest/RetryPolicy.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Rest {

class ApiRequest : public QObject
{
    Q_OBJECT

public:
    enum class Method { Get, Post, Delete };
    // Whether a second attempt may follow one that might have reached Twilio: not for a POST that
    // creates something, which could then be created twice.
    enum class Repeat { Safe, OnlyWhenTurnedAway };
    using Done = std::function<void(ApiReply)>;

    struct Spec
    {
        Method method = Method::Get;
        QUrl url;
        QByteArray form; // the POST body, form-urlencoded
        Repeat repeat = Repeat::Safe;
        QString what; // "fetch recording RE…", for sentences
    };

    // Starts at once; done runs in this object's thread, after which the object deletes itself. Deleting it
    // first (with its parent) aborts the request, and done never runs.
    ApiRequest(QNetworkAccessManager *network, const ApiAccess &access, const RetryPolicy &policy, Spec spec,
               Done done, QObject *parent);
    ~ApiRequest() override;

private:
    void send();
    void finished(QNetworkReply *reply);
    bool followRedirect(QNetworkReply *reply);
    void retryOrEnd(ApiReply failure, std::chrono::milliseconds retryAfter);
    void complete(ApiReply reply);
    QString methodName() const;

    QNetworkAccessManager *m_network;
    ApiAccess m_access;
    RetryPolicy m_policy;
    Spec m_spec;
    Done m_done;
    QPointer<QNetworkReply> m_reply;
    QTimer m_wait;
    QUrl m_current; // where the next attempt goes: the spec's URL, or where a redirect led
    int m_attempt = 0;
    int m_redirects = 0;
    std::chrono::milliseconds m_nextWait;
};

} // namespace Rest
