#include "app/SelfRestart.h"

#include "app/DatabaseOption.h"
#include "core/config/AppSettings.h"

#include <QProcess>

SelfRestart::SelfRestart(const QStringList &arguments, const QProcessEnvironment &environment)
    : m_arguments(arguments)
    , m_environment(environment)
{
    QString database;
    QString error;
    QStringList rest = arguments;
    // A command line this process ran with parses; should it not, it goes as it came.
    if (!DatabaseOption::take(rest, &database, &error) || database.isEmpty())
        return;
    QByteArray password;
    const QString bare = Config::AppSettings::withoutPassword(database, &password);
    if (password.isEmpty())
        return;
    m_arguments = QStringList { QStringLiteral("--database"), bare } + rest;
    m_environment.insert(QStringLiteral("PGPASSWORD"), QString::fromUtf8(password));
}

bool SelfRestart::start(const QString &program) const
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(m_arguments);
    process.setProcessEnvironment(m_environment);
    return process.startDetached();
}
