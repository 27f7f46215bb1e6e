#pragma once

// The Twilio account a command acts for, as the desktop app has it: the one saved on its Settings page (its
// secrets in the user's secret store), with each TWILIO_* variable that is set winning. A server has no
// saved account and no secret store: the variables alone then.

#include "core/config/TwilioAccount.h"

#include <QProcessEnvironment>
#include <QString>

namespace App {

struct CommandAccount
{
    Config::TwilioAccount account;
    QString savedProblem; // why the saved account could not be read, if it could not

    static CommandAccount load(const QProcessEnvironment &environment);
};

} // namespace App
