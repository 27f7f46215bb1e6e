#pragma once

// `switchboard calls list`: the call log, newest first, one call per line. `switchboard calls show SID`:
// one call, and what happened on it under call control (holds, transfers, who joined and left).

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class CallsCommand
{
public:
    explicit CallsCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "calls"

private:
    int list(const QStringList &arguments);
    int show(const QStringList &arguments);

    const CommandContext &m_context;
};

} // namespace App
