#pragma once

// How to reach one Twilio account's REST API: the base URL and the credentials of HTTP Basic. An API key
// (SK… and its secret) is used when the account has one, else the account SID and its auth token. The base
// URL is https://api.twilio.com unless SWITCHBOARD_TWILIO_API_URL names another, which tests and the
// simulator use; since the credentials go with every request, it must be https, or http to this machine.

#include "core/common/Result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace Config {
struct TwilioAccount;
}

namespace Rest {

struct ApiAccess
{
    QUrl baseUrl;
    QString accountSid; // AC…: whose resources are asked for
    QString user; // SK… or the account SID
    QByteArray secret; // the API key's secret or the auth token

    static QUrl defaultBaseUrl();
    static QString baseUrlVariable(); // SWITCHBOARD_TWILIO_API_URL
    // Empty when url can carry the credentials, else a sentence saying why not.
    static QString baseUrlProblem(const QUrl &url);
    static Result<ApiAccess> forAccount(const Config::TwilioAccount &account,
                                        const QProcessEnvironment &environment);
    // The same with the base URL given (empty: Twilio's own).
    static Result<ApiAccess> forAccount(const Config::TwilioAccount &account, const QUrl &baseUrl);

    // The URL of a resource under the account: resource is "Recordings/RE….json".
    QUrl resourceUrl(const QString &resource, const QUrlQuery &query = {}) const;
    // The URL of the account itself: /2010-04-01/Accounts/{AccountSid}.json.
    QUrl accountUrl() const;
    // The URL of a path Twilio gave in an answer (next_page_uri, a resource's uri), on the API's own host;
    // an empty URL unless it lies under this account, so that an answer cannot send the credentials
    // anywhere else.
    QUrl urlOfApiPath(const QString &pathAndQuery) const;
    // The path of url below the account ("Recordings/RE….json"), for logs and sentences.
    QString resourceOf(const QUrl &url) const;
    QByteArray authorization() const;

private:
    QString accountPath() const;
};

} // namespace Rest
