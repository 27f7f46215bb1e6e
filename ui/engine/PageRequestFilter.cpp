#include "ui/engine/PageRequestFilter.h"

#include "ui/engine/EngineLogging.h"

namespace Engine {

bool PageRequestFilter::allows(const QUrl &url)
{
    const QString scheme = url.scheme();
    // data: holds its content in itself (setHtml() shows a page as one): nothing comes from elsewhere.
    if (scheme == QLatin1String("qrc") || scheme == QLatin1String("data"))
        return true;
    // Encrypted only, on Twilio's own domain: signalling (voice-js.<edge>.twilio.com), insights
    // (eventgw.twilio.com) and the SDK's sounds (sdk.twilio.com). No user name or password in the URL.
    if (scheme != QLatin1String("https") && scheme != QLatin1String("wss"))
        return false;
    if (!url.userInfo().isEmpty())
        return false;
    const QString host = url.host(QUrl::FullyEncoded).toLower();
    return host == QLatin1String("twilio.com") || host.endsWith(QLatin1String(".twilio.com"));
}

void PageRequestFilter::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    if (allows(info.requestUrl()))
        return;
    qCWarning(lcEngine) << "request from the phone's page refused:" << info.requestUrl().toDisplayString()
                        << "type" << info.resourceType();
    info.block(true);
}

} // namespace Engine
