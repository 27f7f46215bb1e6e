#pragma once

// `switchboard simulate incoming|outgoing`: plays Twilio's part of one call against a Switchboard server
// (a running one, or one started for the occasion) and prints every exchange and the outcome.

#include "app/CommandContext.h"

#include <QStringList>

namespace App {

class SimulateCommand
{
public:
    explicit SimulateCommand(const CommandContext &context);
    int run(const QStringList &arguments); // arguments start with "simulate"

private:
    const CommandContext &m_context;
};

} // namespace App
