#include "ui/engine/SoftphoneEngine.h"

#include "resources/WebResources.h"
#include "ui/engine/EngineLogging.h"
#include "ui/engine/PageEndpoint.h"
#include "ui/engine/PageRequestFilter.h"
#include "ui/engine/PhoneBridge.h"
#include "ui/engine/SoftphonePage.h"

#include <QWebChannel>
#include <QWebEngineProfile>

namespace Engine {

SoftphoneEngine::SoftphoneEngine(QObject *parent)
    : QObject(parent)
    , m_pageUrl(WebResources::softphonePageUrl())
    , m_profile(new QWebEngineProfile(this)) // no storage name: off the record, nothing kept on disk
    , m_bridge(new PhoneBridge(this))
    , m_pageEndpoint(new PageEndpoint(m_bridge, this))
    , m_channel(new QWebChannel(this))
    , m_page(std::make_unique<SoftphonePage>(m_profile, m_pageUrl))
{
    // A child of the profile, so that it outlives the profile's own destructor.
    m_profile->setUrlRequestInterceptor(new PageRequestFilter(m_profile));
    m_channel->registerObject(QStringLiteral("bridge"), m_pageEndpoint);
    m_page->setWebChannel(m_channel);
    connect(m_page.get(), &QWebEnginePage::loadStarted, m_bridge, &PhoneBridge::pageLoading);
    connect(m_page.get(), &QWebEnginePage::loadFinished, this, &SoftphoneEngine::pageLoadFinished);
    connect(m_page.get(), &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                renderProcessTerminated(int(status), exitCode);
            });
}

SoftphoneEngine::~SoftphoneEngine()
{
    m_page.reset();
}

QWebEnginePage *SoftphoneEngine::page() const
{
    return m_page.get();
}

void SoftphoneEngine::load()
{
    m_page->load(m_pageUrl);
}

void SoftphoneEngine::pageLoadFinished(bool ok)
{
    if (!ok)
        m_bridge->pageLost(tr("The phone's web page (%1) did not load: the program may be damaged; "
                              "reinstall it.")
                               .arg(m_pageUrl.toString()));
    Q_EMIT loadFinished(ok);
}

void SoftphoneEngine::renderProcessTerminated(int status, int exitCode)
{
    qCCritical(lcEngine) << "the page's process ended, status" << status << "exit code" << exitCode;
    const bool wasWorking = m_bridge->isPageReady();
    m_bridge->pageLost(
        tr("The phone's web engine stopped (exit code %1): register the phone again.").arg(exitCode));
    if (wasWorking)
        load(); // once per crash of a page that worked: one that crashes as it loads stays down
}

} // namespace Engine
