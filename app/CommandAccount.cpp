#include "app/CommandAccount.h"

#include "core/config/AccountSettings.h"
#include "core/config/SecretStore.h"

#include <QSettings>

namespace App {

CommandAccount CommandAccount::load(const QProcessEnvironment &environment)
{
    QSettings settings;
    Config::SecretStore secrets = Config::SecretStore::ofThisUser();
    const auto saved = Config::AccountSettings(settings, secrets).load();
    CommandAccount result;
    result.account
        = Config::AccountSettings::withEnvironment(saved ? *saved : Config::TwilioAccount(), environment);
    if (!saved)
        result.savedProblem = saved.error();
    return result;
}

} // namespace App
