#include "core/team/ServerAccount.h"

#include "core/phone/ClientAddress.h"

#include <QHostAddress>

namespace Team {

QStringList ServerAccount::problems() const
{
    QStringList problems;
    const QString scheme = server.scheme();
    if (!server.isValid() || server.host().isEmpty()
        || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        problems << QStringLiteral(
            "the server URL must be an http or https URL, such as https://switchboard.example.com");
    else if (scheme == QLatin1String("http") && server.host() != QLatin1String("localhost")
             && !QHostAddress(server.host()).isLoopback())
        problems << QStringLiteral(
            "the server URL must use https: the client's secret goes with every request");
    else if (!server.query().isEmpty() || !server.fragment().isEmpty() || !server.userInfo().isEmpty())
        problems << QStringLiteral(
            "the server URL takes no user name, query or fragment: give the secret on its own");
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
