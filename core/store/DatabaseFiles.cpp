#include "core/store/DatabaseFiles.h"

#include "core/store/StoreLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Store {
namespace {

constexpr mode_t sharedBits = S_IRWXG | S_IRWXO;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Takes group and other bits off path when it exists. Failing to (a file of someone else's) is only
// logged: the database may still be usable, and its owner decided who reads it.
void removeSharedAccess(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat status
    {
    };
    if (::stat(name.constData(), &status) != 0 || (status.st_mode & sharedBits) == 0)
        return;
    if (::chmod(name.constData(), status.st_mode & 07777 & ~sharedBits) != 0) {
        qCWarning(lcStore).noquote() << path << "stays readable by other users (mode"
                                     << QString::number(status.st_mode & 07777, 8)
                                     << "), its mode could not be changed:" << systemError(errno);
        return;
    }
    qCInfo(lcStore).noquote() << "made" << path << "private to its owner (it was mode"
                              << QString::number(status.st_mode & 07777, 8) << ")";
}

} // namespace

const char *const DatabaseFiles::companionSuffixes[3] = { "-wal", "-shm", "-journal" };

Result<void> DatabaseFiles::makePrivateFolder(const QString &folder)
{
    const QByteArray name = QFile::encodeName(folder);
    if (!QDir().mkpath(QFileInfo(folder).absolutePath()))
        return Failure(QStringLiteral("could not create the folder %1; check its permissions")
                           .arg(QDir::toNativeSeparators(QFileInfo(folder).absolutePath())));
    if (::mkdir(name.constData(), S_IRWXU) != 0 && errno != EEXIST)
        return Failure(QStringLiteral("could not create the data folder %1: %2")
                           .arg(QDir::toNativeSeparators(folder), systemError(errno)));
    removeSharedAccess(folder);
    return {};
}

Result<void> DatabaseFiles::makePrivate(const QString &databasePath)
{
    const QByteArray name = QFile::encodeName(databasePath);
    // O_EXCL: an existing database is never truncated; the umask can only take bits away from 0600.
    const int descriptor
        = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (descriptor >= 0) {
        ::close(descriptor);
    } else if (errno != EEXIST) {
        return Failure(
            QStringLiteral("could not open the SQLite database: cannot create %1: %2 (does its directory "
                           "exist, and may Switchboard write there?)")
                .arg(QDir::toNativeSeparators(databasePath), systemError(errno)));
    }
    removeSharedAccess(databasePath);
    for (const char *suffix : companionSuffixes)
        removeSharedAccess(databasePath + QLatin1String(suffix));
    return {};
}

} // namespace Store
