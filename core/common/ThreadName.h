#pragma once

// Names the calling thread as debuggers, top and perf show it. For threads Qt does not start
// (std::thread): QThread names only the threads it starts itself.

namespace Common {

// Linux keeps the first 15 characters.
void nameThisThread(const char *name);

} // namespace Common
