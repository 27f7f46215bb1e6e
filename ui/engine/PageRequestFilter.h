#pragma once

// The phone's profile lets a request leave only for the program's own resources (qrc:, and data: that holds
// its own content) and for Twilio (https and wss on twilio.com and its subdomains): the same rule as the
// page's Content-Security-Policy (resources/web/softphone.html), kept again below the page, so that nothing
// remote gets into it even if a document without that policy were shown.

#include <QWebEngineUrlRequestInterceptor>

namespace Engine {

class PageRequestFilter : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT

public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;

    static bool allows(const QUrl &url);

    void interceptRequest(QWebEngineUrlRequestInfo &info) override;
};

} // namespace Engine
