#pragma once

// `switchboard client add|remove|list`: the clients that may register and ask for tokens.

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class ClientCommand
{
public:
    explicit ClientCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "client"

private:
    const CommandContext &m_context;
};

} // namespace App
