#pragma once

// The REST client's log category, switchboard.rest: a line per request Switchboard makes of Twilio's API
// (method, the path under the account, the answer), never a credential.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRest)
