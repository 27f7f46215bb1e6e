#pragma once

// `switchboard serve`: the webhook and token server without a GUI, until SIGINT or SIGTERM.

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class ServeCommand
{
public:
    explicit ServeCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "serve"

private:
    const CommandContext &m_context;
};

} // namespace App
