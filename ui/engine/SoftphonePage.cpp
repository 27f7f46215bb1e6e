#include "ui/engine/SoftphonePage.h"

#include "ui/engine/EngineLogging.h"

#include <QWebEngineSettings>

namespace Engine {

SoftphonePage::SoftphonePage(QWebEngineProfile *profile, const QUrl &ownPage, QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_ownPage(ownPage)
{
    QWebEngineSettings *settings = this->settings();
    // The SDK rings with an audio element: no person clicks this page first.
    settings->setAttribute(QWebEngineSettings::PlaybackRequiresUserGesture, false);
    // Our page is local (qrc). The SDK's requests to Twilio pass the ordinary cross-origin checks (Twilio
    // answers them for any web page), and WebSockets are not subject to them: local content needs no
    // exception from those checks, nor any access to local files.
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    settings->setAttribute(QWebEngineSettings::AllowRunningInsecureContent, false);
    settings->setAttribute(QWebEngineSettings::AutoLoadImages, false);
    settings->setAttribute(QWebEngineSettings::AutoLoadIconsForPage, false);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    settings->setAttribute(QWebEngineSettings::PdfViewerEnabled, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanPaste, false);
    settings->setAttribute(QWebEngineSettings::AllowWindowActivationFromJavaScript, false);
    settings->setAttribute(QWebEngineSettings::ScreenCaptureEnabled, false);
    settings->setAttribute(QWebEngineSettings::WebGLEnabled, false);
    settings->setAttribute(QWebEngineSettings::HyperlinkAuditingEnabled, false);
    settings->setAttribute(QWebEngineSettings::NavigateOnDropEnabled, false);
    settings->setAttribute(QWebEngineSettings::DnsPrefetchEnabled, false);
    settings->setAttribute(QWebEngineSettings::ErrorPageEnabled, false);
    connect(this, &QWebEnginePage::featurePermissionRequested, this, &SoftphonePage::decidePermission);
}

bool SoftphonePage::isOwnOrigin(const QUrl &securityOrigin) const
{
    return securityOrigin.scheme() == m_ownPage.scheme() && securityOrigin.host() == m_ownPage.host()
        && securityOrigin.port() == m_ownPage.port();
}

bool SoftphonePage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    // The page has no frames of its own: a frame that appears was put there, and goes nowhere.
    if (!isMainFrame) {
        qCWarning(lcEngine) << "sub-frame navigation refused:" << url.toDisplayString();
        return false;
    }
    // Typed: the application's own load() or setHtml(), which decides what the page shows.
    if (url == m_ownPage || type == NavigationTypeTyped)
        return true;
    qCWarning(lcEngine) << "navigation away from the phone's page refused:" << url.toDisplayString();
    return false;
}

void SoftphonePage::decidePermission(const QUrl &securityOrigin, QWebEnginePage::Feature feature)
{
    const bool grant = feature == MediaAudioCapture && isOwnOrigin(securityOrigin);
    if (grant)
        qCDebug(lcEngine) << "microphone granted to" << securityOrigin;
    else
        qCWarning(lcEngine) << "permission" << feature << "refused to" << securityOrigin;
    setFeaturePermission(securityOrigin, feature, grant ? PermissionGrantedByUser : PermissionDeniedByUser);
}

void SoftphonePage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                             int lineNumber, const QString &sourceId)
{
    const QString where = QStringLiteral("%1:%2").arg(sourceId.section(QLatin1Char('/'), -1)).arg(lineNumber);
    switch (level) {
    case InfoMessageLevel:
        qCDebug(lcEngine).noquote() << "console:" << message << where;
        break;
    case WarningMessageLevel:
        qCWarning(lcEngine).noquote() << "console:" << message << where;
        break;
    case ErrorMessageLevel:
        qCCritical(lcEngine).noquote() << "console:" << message << where;
        break;
    }
}

} // namespace Engine
