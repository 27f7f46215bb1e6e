#pragma once

// The desktop app: the database, the embedded webhook server, the phone's engine (Twilio when an account
// is configured, the simulated device otherwise), one instance per user, and the window, wired together.

#include "app/CommandContext.h"

#include <QString>

class DesktopApp
{
public:
    explicit DesktopApp(const CommandContext &context);

    // Runs until the window closes; numberToDial (from a tel: link) is put in the number field.
    int run(const QString &numberToDial);

private:
    const CommandContext &m_context;
};
