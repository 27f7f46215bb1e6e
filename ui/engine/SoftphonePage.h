#pragma once

// The page that hosts the Twilio Voice SDK, never shown: it may capture audio only while it shows our own
// page (qrc), it never navigates elsewhere (nor do its frames), it is given no exceptions from the
// web's cross-origin rules, and its console messages go to the switchboard.engine log.

#include <QWebEnginePage>

namespace Engine {

class SoftphonePage : public QWebEnginePage
{
    Q_OBJECT

public:
    SoftphonePage(QWebEngineProfile *profile, const QUrl &ownPage, QObject *parent = nullptr);

    // The security origin of ownPage: the only one granted the microphone.
    bool isOwnOrigin(const QUrl &securityOrigin) const;

protected:
    // The page holds the phone and its token: links and scripts never turn it into another page, and
    // sub-frames never load anything. Only the application itself (load(), setHtml()) decides what it shows.
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message, int lineNumber,
                                  const QString &sourceId) override;

private:
    void decidePermission(const QUrl &securityOrigin, QWebEnginePage::Feature feature);

    QUrl m_ownPage;
};

} // namespace Engine
