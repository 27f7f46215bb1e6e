#include "resources/WebResources.h"

namespace WebResources {

QUrl softphonePageUrl()
{
    return QUrl(QStringLiteral("qrc:/web/softphone.html"));
}

} // namespace WebResources
