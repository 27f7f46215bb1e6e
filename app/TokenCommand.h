#pragma once

// `switchboard token`: prints an access token (or the seed's capability token) for one client,
// built from the TWILIO_* environment variables.

#include "app/CommandContext.h"

#include <QStringList>

class TokenCommand
{
public:
    explicit TokenCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "token"

private:
    const CommandContext &m_context;
};
