#pragma once

// `switchboard number add|remove|list`: which Twilio number rings which client.

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class NumberCommand
{
public:
    explicit NumberCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "number"

private:
    const CommandContext &m_context;
};

} // namespace App
