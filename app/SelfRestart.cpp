#include "app/SelfRestart.h"

#include "app/DatabaseOption.h"
#include "core/store/DatabaseLocation.h"

#include <QProcess>

#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace App {

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
    const QString bare = Store::DatabaseLocation::withoutPassword(database, &password);
    if (password.isEmpty())
        return;
    m_arguments = QStringList { QStringLiteral("--database"), bare } + rest;
    m_environment.insert(QStringLiteral("PGPASSWORD"), QString::fromUtf8(password));
}

namespace {

void closeEveryDescriptorOnExec()
{
    // /proc/self/fd lists what is open; the directory's own descriptor is among them and closes anyway.
    DIR *descriptors = ::opendir("/proc/self/fd");
    if (!descriptors)
        return;
    while (const dirent *entry = ::readdir(descriptors)) {
        // "." and ".." are not numbers.
        char *end = nullptr;
        const int descriptor = static_cast<int>(std::strtol(entry->d_name, &end, 10));
        if (end == entry->d_name || *end != '\0')
            continue;
        if (descriptor > STDERR_FILENO && descriptor != ::dirfd(descriptors))
            ::fcntl(descriptor, F_SETFD, ::fcntl(descriptor, F_GETFD) | FD_CLOEXEC);
    }
    ::closedir(descriptors);
}

} // namespace

bool SelfRestart::start(const QString &program) const
{
    closeEveryDescriptorOnExec();
    QProcess process;
    process.setProgram(program);
    process.setArguments(m_arguments);
    process.setProcessEnvironment(m_environment);
    return process.startDetached();
}

} // namespace App
