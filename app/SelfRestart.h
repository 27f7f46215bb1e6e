#pragma once

// How the desktop app starts itself again when the Settings page asks: with the same arguments, except
// that a database password moves from the command line, which every local user can read, to PGPASSWORD
// in the new process's environment, where libpq finds it.

#include <QProcessEnvironment>
#include <QStringList>

class SelfRestart
{
public:
    // arguments: the command line without the program; environment: this process's.
    SelfRestart(const QStringList &arguments, const QProcessEnvironment &environment);

    const QStringList &arguments() const { return m_arguments; }
    const QProcessEnvironment &environment() const { return m_environment; }

    // Starts program detached with them; false when it could not be started.
    bool start(const QString &program) const;

private:
    QStringList m_arguments;
    QProcessEnvironment m_environment;
};
