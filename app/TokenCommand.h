#pragma once

// `switchboard token`: prints an access token (or the seed's capability token) for one client of the
// database, from the account as the desktop app has it (settings and secret store, TWILIO_* winning).

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class TokenCommand
{
public:
    explicit TokenCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "token"

private:
    // ExitCode::success when the database has name as an enabled client; otherwise says why not.
    int refuseUnknownClient(const QString &name) const;

    const CommandContext &m_context;
};

} // namespace App
