#pragma once

// `switchboard calls list`: the call log, newest first, one call per line.

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class CallsCommand
{
public:
    explicit CallsCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "calls"

private:
    const CommandContext &m_context;
};

} // namespace App
