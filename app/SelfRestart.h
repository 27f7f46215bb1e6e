#pragma once

// How the desktop app starts itself again when the Settings page asks: with the same arguments, except
// that a database password moves from the command line, which every local user can read, to PGPASSWORD
// in the new process's environment, where libpq finds it.

#include <QProcessEnvironment>
#include <QStringList>

namespace App {

class SelfRestart
{
public:
    // arguments: the command line without the program; environment: this process's.
    SelfRestart(const QStringList &arguments, const QProcessEnvironment &environment);

    const QStringList &arguments() const { return m_arguments; }
    const QProcessEnvironment &environment() const { return m_environment; }

    // Starts program detached with them; false when it could not be started. The new process inherits no
    // descriptor but standard input, output and error: Chromium keeps its sockets open across exec, and
    // a new instance holding the old one's would keep the old QtWebEngine helpers alive as long as it
    // runs. Meant for a process about to end: every descriptor of this one is closed on exec from then on.
    bool start(const QString &program) const;

private:
    QStringList m_arguments;
    QProcessEnvironment m_environment;
};

} // namespace App
