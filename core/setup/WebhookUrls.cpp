#include "core/setup/WebhookUrls.h"

#include "core/config/AppSettings.h"
#include "core/routing/WebhookPaths.h"

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

} // namespace Setup
