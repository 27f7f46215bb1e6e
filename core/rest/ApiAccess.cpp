#include "core/rest/ApiAccess.h"

#include "core/config/TwilioAccount.h"

#include <QHostAddress>

namespace Rest {

QUrl ApiAccess::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://api.twilio.com"));
}

QString ApiAccess::baseUrlVariable()
{
    return QStringLiteral("SWITCHBOARD_TWILIO_API_URL");
}

QString ApiAccess::baseUrlProblem(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return QStringLiteral("the Twilio API URL '%1' is not an http or https URL")
            .arg(url.toDisplayString());
    if (scheme == QLatin1String("http") && url.host() != QLatin1String("localhost")
        && !QHostAddress(url.host()).isLoopback())
        return QStringLiteral("the Twilio API URL '%1' must use https: the account's credentials go with "
                              "every request")
            .arg(url.toDisplayString());
    if (!url.userInfo().isEmpty() || !url.query().isEmpty() || !url.fragment().isEmpty())
        return QStringLiteral("the Twilio API URL '%1' takes no user name, query or fragment")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo));
    return {};
}

Result<ApiAccess> ApiAccess::forAccount(const Config::TwilioAccount &account,
                                        const QProcessEnvironment &environment)
{
    QUrl baseUrl;
    if (const QString given = environment.value(baseUrlVariable()); !given.isEmpty()) {
        baseUrl = QUrl(given, QUrl::StrictMode);
        if (const QString problem = baseUrlProblem(baseUrl); !problem.isEmpty())
            return Failure(QStringLiteral("%1 (%2).").arg(problem, baseUrlVariable()));
    }
    return forAccount(account, baseUrl);
}

Result<ApiAccess> ApiAccess::forAccount(const Config::TwilioAccount &account, const QUrl &baseUrl)
{
    ApiAccess access;
    access.baseUrl = baseUrl.isEmpty() ? defaultBaseUrl() : baseUrl;
    if (const QString problem = baseUrlProblem(access.baseUrl); !problem.isEmpty())
        return Failure(problem + u'.');
    if (const QString problem = Config::TwilioAccount::sidProblem(account.accountSid, QStringLiteral("AC"),
                                                                  QStringLiteral("TWILIO_ACCOUNT_SID"));
        !problem.isEmpty())
        return Failure(problem + u'.');
    access.accountSid = account.accountSid;
    if (!account.apiKeySid.isEmpty() && !account.apiKeySecret.isEmpty()) {
        access.user = account.apiKeySid;
        access.secret = account.apiKeySecret;
    } else if (!account.authToken.isEmpty()) {
        access.user = account.accountSid;
        access.secret = account.authToken;
    } else {
        return Failure(QStringLiteral("Twilio's REST API needs TWILIO_API_KEY and TWILIO_API_SECRET, or "
                                      "TWILIO_AUTH_TOKEN: none is set."));
    }
    return access;
}

QString ApiAccess::accountPath() const
{
    QString base = baseUrl.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + QStringLiteral("/2010-04-01/Accounts/") + accountSid + u'/';
}

QUrl ApiAccess::resourceUrl(const QString &resource, const QUrlQuery &query) const
{
    QUrl url = baseUrl;
    url.setPath(accountPath() + resource);
    url.setQuery(query);
    return url;
}

QUrl ApiAccess::accountUrl() const
{
    QUrl url = baseUrl;
    QString path = accountPath();
    path.chop(1);
    url.setPath(path + QStringLiteral(".json"));
    return url;
}

QUrl ApiAccess::urlOfApiPath(const QString &pathAndQuery) const
{
    // Twilio's paths start at /2010-04-01; a base URL with a path of its own comes before it.
    const QUrl relative(pathAndQuery, QUrl::StrictMode);
    if (!relative.isValid() || !relative.isRelative() || !relative.host().isEmpty())
        return {};
    QUrl url = baseUrl;
    QString base = baseUrl.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + relative.path());
    url.setQuery(relative.query(QUrl::FullyEncoded), QUrl::StrictMode);
    if (!url.path().startsWith(accountPath()) || url.path().contains(QLatin1String("/../")))
        return {};
    return url;
}

QString ApiAccess::resourceOf(const QUrl &url) const
{
    const QString path = url.path();
    return path.startsWith(accountPath()) ? path.mid(accountPath().size()) : path;
}

QByteArray ApiAccess::authorization() const
{
    return "Basic " + (user.toUtf8() + ':' + secret).toBase64();
}

} // namespace Rest
