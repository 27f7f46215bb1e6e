#include "core/team/ServerAccount.h"

#include "core/phone/ClientAddress.h"

#include <QHostAddress>

namespace Team {

QString ServerAccount::urlProblem(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return QStringLiteral(
            "the server URL must be an http or https URL, such as https://switchboard.example.com");
    if (scheme == QLatin1String("http") && url.host() != QLatin1String("localhost")
        && !QHostAddress(url.host()).isLoopback())
        return QStringLiteral("the server URL must use https: the client's secret goes with every request");
    if (!url.query().isEmpty() || !url.fragment().isEmpty() || !url.userInfo().isEmpty())
        return QStringLiteral(
            "the server URL takes no user name, query or fragment: give the secret on its own");
    return {};
}

QStringList ServerAccount::problems() const
{
    QStringList problems;
    if (const QString problem = urlProblem(server); !problem.isEmpty())
        problems << problem;
    if (client.isEmpty())
        problems << QStringLiteral("the client name is missing");
    else if (const QString problem = Phone::ClientAddress::nameProblem(client); !problem.isEmpty())
        problems << QStringLiteral("the client name '%1' is not one: %2").arg(client, problem);
    if (secret.isEmpty())
        problems << QStringLiteral("the client's secret is missing");
    return problems;
}

QNetworkRequest ServerAccount::request(const QString &pathAndQuery) const
{
    QUrl url = server;
    // The server may sit under a path behind a proxy (https://example.com/switchboard).
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(base + pathAndQuery.left(question));
    url.setQuery(question < 0 ? QString() : pathAndQuery.mid(question + 1), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + (client.toUtf8() + ':' + secret).toBase64());
    // Never follow a redirect with the secret on it; a server that moved says so as an error.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(15000);
    return request;
}

} // namespace Team
