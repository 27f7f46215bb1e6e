#pragma once

// Runs the phone's web page with no visible view: its own off-the-record profile, the page, and the
// QWebChannel on which the PhoneBridge's PageEndpoint is "bridge" (the PhoneBridge itself is not on it).

#include <QObject>
#include <QUrl>

#include <memory>

QT_BEGIN_NAMESPACE
class QWebChannel;
class QWebEnginePage;
class QWebEngineProfile;
QT_END_NAMESPACE

namespace Engine {

class PageEndpoint;
class PhoneBridge;
class SoftphonePage;

class SoftphoneEngine : public QObject
{
    Q_OBJECT

public:
    // A QApplication must exist, made after Qt::AA_ShareOpenGLContexts was set.
    explicit SoftphoneEngine(QObject *parent = nullptr);
    ~SoftphoneEngine() override;

    PhoneBridge *bridge() const { return m_bridge; }
    QWebEnginePage *page() const;
    QUrl pageUrl() const { return m_pageUrl; }

    // Loads the page; the bridge holds its commands until the page reports ready.
    void load();

Q_SIGNALS:
    void loadFinished(bool ok);

private:
    void pageLoadFinished(bool ok);
    void renderProcessTerminated(int status, int exitCode);

    QUrl m_pageUrl;
    QWebEngineProfile *m_profile;
    PhoneBridge *m_bridge;
    PageEndpoint *m_pageEndpoint;
    QWebChannel *m_channel;
    std::unique_ptr<SoftphonePage> m_page; // deleted before the profile, as QtWebEngine requires
};

} // namespace Engine
