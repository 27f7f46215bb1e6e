#pragma once

// What Twilio says of the account itself (GET Accounts/{AccountSid}.json): whether it may be used, and
// what a trial account cannot do.

#include "core/common/Result.h"

#include <QJsonObject>
#include <QString>

namespace Setup {

struct AccountFacts
{
    QString sid;
    QString friendlyName;
    QString status; // active, suspended, closed
    QString type; // Trial, Full

    static Result<AccountFacts> fromJson(const QJsonObject &json);
    // Empty when the account may be connected, else why not and what to do.
    QString problem() const;
    bool isTrial() const { return type == QLatin1String("Trial"); }
    // What a trial account limits, in one sentence; empty for a full account.
    QString limits() const;
};

} // namespace Setup
