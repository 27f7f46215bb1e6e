#pragma once

// The name this program was started as, for its messages and usage lines: "switchboard" (the desktop app)
// or "switchboard-server" (the headless one). Both keep "switchboard" as the application name, which
// names the settings and data folders they share.

#include <QString>

namespace App {

QString programName();
// Once, at the start of main(), before any other thread runs.
void setProgramName(const QString &name);

} // namespace App
