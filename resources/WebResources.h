#pragma once

// Where the compiled-in web page lives: the page that hosts the Twilio Voice SDK for the phone.

#include <QUrl>

namespace WebResources {

// qrc:/web/softphone.html, next to softphone.js and the SDK (twilio.min.js) in the same resource folder.
QUrl softphonePageUrl();

} // namespace WebResources
