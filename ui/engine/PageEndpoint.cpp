#include "ui/engine/PageEndpoint.h"

#include "ui/engine/PhoneBridge.h"

namespace Engine {

PageEndpoint::PageEndpoint(PhoneBridge *bridge, QObject *parent)
    : QObject(parent)
    , m_bridge(bridge)
{
    connect(bridge, &PhoneBridge::commandIssued, this, &PageEndpoint::commandIssued);
}

void PageEndpoint::report(const QString &event, const QVariantMap &details)
{
    m_bridge->report(event, details);
}

} // namespace Engine
