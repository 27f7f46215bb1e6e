#include "core/voicemail/AudioCache.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace Voicemail {
namespace {

// A RecordingSid names the file: nothing else may (it came over the network).
bool isRecordingSid(const QString &sid)
{
    static const QRegularExpression pattern(QStringLiteral("^RE[0-9a-fA-F]{32}$"));
    return pattern.match(sid).hasMatch();
}

QString suffix()
{
    return QStringLiteral(".wav");
}

} // namespace

AudioCache::AudioCache(QString folder)
    : m_folder(std::move(folder))
{ }

AudioCache AudioCache::ofThisUser()
{
    return AudioCache(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                      + QStringLiteral("/voicemail"));
}

QString AudioCache::pathOf(const QString &recordingSid) const
{
    return m_folder + u'/' + recordingSid + suffix();
}

QString AudioCache::find(const QString &recordingSid) const
{
    if (!isRecordingSid(recordingSid))
        return {};
    const QString path = pathOf(recordingSid);
    return QFile::exists(path) ? path : QString();
}

Result<QString> AudioCache::store(const QString &recordingSid, const QByteArray &wav) const
{
    if (!isRecordingSid(recordingSid))
        return Failure(QStringLiteral("%1 is not a RecordingSid").arg(recordingSid.left(40)));
    QDir folder(m_folder);
    if (!folder.exists() && !QDir().mkpath(m_folder))
        return Failure(QStringLiteral("cannot create the folder %1").arg(m_folder));
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QString path = pathOf(recordingSid);
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(wav) == wav.size() && file.commit();
    if (!written)
        return Failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

void AudioCache::remove(const QString &recordingSid) const
{
    if (isRecordingSid(recordingSid))
        QFile::remove(pathOf(recordingSid));
}

void AudioCache::keepOnly(const QSet<QString> &recordingSids) const
{
    const QStringList files = QDir(m_folder).entryList({ QStringLiteral("RE*") + suffix() }, QDir::Files);
    for (const QString &file : files) {
        const QString sid = file.chopped(suffix().size());
        if (!recordingSids.contains(sid))
            remove(sid);
    }
}

} // namespace Voicemail
