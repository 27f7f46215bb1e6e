#pragma once

// `switchboard twilio connect|disconnect|check`: connects the Twilio account to this server in one step
// (Setup::AccountConnector): the chosen numbers' webhooks, the TwiML App, the phones' API key, all shown as
// "old → new" before anything changes; disconnect puts back what connecting changed; check says what no
// longer holds. The credentials come from the TWILIO_* variables or the saved account.

#include "app/CommandContext.h"
#include "core/rest/ApiAccess.h"

#include <QStringList>

#include <optional>

namespace App {

class TwilioCommand
{
public:
    explicit TwilioCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "twilio"

private:
    struct SignIn;

    int connect(const QStringList &arguments);
    int disconnect(const QStringList &arguments);
    int check(const QStringList &arguments);
    // The account to act for and how to reach its REST API, signed in with the auth token when there is
    // one (only it may create API keys); prints why not.
    std::optional<SignIn> signIn(const QString &command) const;
    // Asks on standard input; false unless the answer is yes.
    bool confirm(const QString &question) const;

    const CommandContext &m_context;
};

} // namespace App
