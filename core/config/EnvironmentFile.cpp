#include "core/config/EnvironmentFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace Config {

EnvironmentFile::EnvironmentFile(QString path)
    : m_path(std::move(path))
{ }

QString EnvironmentFile::problem() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return QStringLiteral("%1 does not exist").arg(m_path);
    if (!info.isFile() || !info.isReadable() || !info.isWritable())
        return QStringLiteral("%1 cannot be read and written by this user (run as its owner, root for the "
                              "service's file)")
            .arg(m_path);
    return {};
}

QString EnvironmentFile::value(const QString &name) const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString prefix = name + u'=';
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n'))
        if (line.trimmed().startsWith(prefix))
            return line.trimmed().mid(prefix.size());
    return {};
}

Result<void> EnvironmentFile::set(const QString &name, const QString &value)
{
    return change(name, value, nullptr);
}

Result<void> EnvironmentFile::clearIf(const QString &name, const QString &value)
{
    return change(name, QString(), &value);
}

Result<void> EnvironmentFile::change(const QString &name, const QString &value, const QString *onlyIf)
{
    static const QRegularExpression plain(
        QStringLiteral("^[!#-&(-\\[\\]-~]*$")); // printable; no space, quote, backslash
    if (!plain.match(value).hasMatch())
        return Failure(QStringLiteral("%1's value cannot be written to %2 as it is").arg(name, m_path));
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Failure(QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    file.close();
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // the final newline
    const QString prefix = name + u'=';
    bool found = false;
    for (QString &line : lines) {
        if (!line.trimmed().startsWith(prefix))
            continue;
        found = true;
        if (onlyIf && line.trimmed().mid(prefix.size()) != *onlyIf)
            return {};
        line = prefix + value;
        break;
    }
    if (!found) {
        if (onlyIf)
            return {};
        lines.append(prefix + value);
    }
    QSaveFile saved(m_path);
    const QByteArray text = (lines.join(u'\n') + u'\n').toUtf8();
    if (!saved.open(QIODevice::WriteOnly)
        || !saved.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || saved.write(text) != text.size() || !saved.commit())
        return Failure(QStringLiteral("cannot write %1: %2").arg(m_path, saved.errorString()));
    return {};
}

} // namespace Config
