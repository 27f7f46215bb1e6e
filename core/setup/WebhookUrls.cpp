#include "core/setup/WebhookUrls.h"

#include "core/config/AppSettings.h"
#include "core/routing/WebhookPaths.h"

#include <QHostAddress>
#include <QUrl>

namespace Setup {

Result<WebhookUrls> WebhookUrls::forPublicUrl(const QString &publicUrl)
{
    const QString base = Config::AppSettings::normalizedPublicUrl(publicUrl);
    if (base.isEmpty())
        return Failure(QStringLiteral("the public URL is needed: the address Twilio reaches this server at, "
                                      "like https://example.ngrok.app"));
    if (const QString problem = Config::AppSettings::publicUrlProblem(base); !problem.isEmpty())
        return Failure(QStringLiteral("the public URL %1 cannot be used: %2").arg(base, problem));
    WebhookUrls urls;
    urls.publicUrl = base;
    urls.incoming = base + Routing::WebhookPaths::incoming();
    urls.outgoing = base + Routing::WebhookPaths::outgoing();
    urls.status = base + Routing::WebhookPaths::status();
    return urls;
}

QString WebhookUrls::privateHostProblem() const
{
    const QString host = QUrl(publicUrl).host();
    const QHostAddress address(host);
    // RFC 1918's ranges; Qt 6.4 has no test for them.
    const bool rfc1918 = address.isInSubnet(QHostAddress(QStringLiteral("10.0.0.0")), 8)
        || address.isInSubnet(QHostAddress(QStringLiteral("172.16.0.0")), 12)
        || address.isInSubnet(QHostAddress(QStringLiteral("192.168.0.0")), 16);
    const bool isPrivate = host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"))
        || (!address.isNull()
            && (address.isLoopback() || address.isLinkLocal() || rfc1918 || address.isUniqueLocalUnicast()));
    if (!isPrivate)
        return {};
    return QStringLiteral(
               "Twilio cannot reach %1: it names this machine or a private network. Give the public URL "
               "of your tunnel (for example the https://….ngrok.app address 'ngrok http 8080' prints), "
               "or of your team's server.")
        .arg(publicUrl);
}

} // namespace Setup
