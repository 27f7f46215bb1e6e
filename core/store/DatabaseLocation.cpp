#include "core/store/DatabaseLocation.h"

#include "core/store/DatabaseFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QUrl>

namespace Store {
namespace {

constexpr QLatin1StringView usage("use postgresql://USER@HOST:PORT/DATABASE (the password from PGPASSWORD or "
                                  "~/.pgpass), sqlite:PATH or a file path");

QString decoded(const QString &text)
{
    return QUrl::fromPercentEncoding(text.toUtf8());
}

const QRegularExpression &schemePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://"));
    return pattern;
}

// postgresql:// or postgres://: the length of the scheme and its "://", or 0.
qsizetype postgresSchemeLength(const QString &text)
{
    const QRegularExpressionMatch scheme = schemePattern().match(text);
    const QString name = scheme.captured(1).toLower();
    return name == QLatin1String("postgresql") || name == QLatin1String("postgres") ? scheme.capturedLength(0)
                                                                                    : 0;
}

// The parts of a PostgreSQL URL after its scheme, still percent-encoded. The last '@' ends the user part,
// so an unencoded '@' or ':' in a password still works.
struct UrlParts
{
    bool hasUserInfo = false;
    QString user;
    std::optional<QString> password;
    QString rest; // HOST[:PORT]/DATABASE...
};

UrlParts split(const QString &afterScheme)
{
    UrlParts parts;
    const qsizetype at = afterScheme.lastIndexOf(u'@');
    if (at < 0) {
        parts.rest = afterScheme;
        return parts;
    }
    parts.hasUserInfo = true;
    const QString userInfo = afterScheme.left(at);
    parts.rest = afterScheme.mid(at + 1);
    const qsizetype colon = userInfo.indexOf(u':');
    parts.user = colon >= 0 ? userInfo.left(colon) : userInfo;
    if (colon >= 0)
        parts.password = userInfo.mid(colon + 1);
    return parts;
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return defaultLocation();

    if (const qsizetype schemeLength = postgresSchemeLength(text))
        return parsePostgres(text, schemeLength);
    const QRegularExpressionMatch scheme = schemePattern().match(text);

    if (text.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        QString path = text.mid(7);
        // sqlite:///var/lib/x.sqlite reads like file:///, so the two slashes of a URL are not part of the
        // path.
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);
        return sqliteFile(path);
    }
    if (scheme.hasMatch())
        return Failure(QStringLiteral("'%1' is not a database type Switchboard knows; %2")
                           .arg(scheme.captured(1), usage));
    return sqliteFile(text);
}

Result<DatabaseLocation> DatabaseLocation::parsePostgres(const QString &text, qsizetype schemeLength)
{
    // Never quote the text in a message: it may hold a password.
    const UrlParts parts = split(text.mid(schemeLength));
    const QString &rest = parts.rest;

    DatabaseLocation location;
    location.m_kind = Kind::Postgres;
    location.m_userName = decoded(parts.user);
    if (parts.password)
        location.m_password = decoded(*parts.password);

    if (rest.contains(u'?') || rest.contains(u'#'))
        return Failure(QStringLiteral("the PostgreSQL URL has parameters after '?' or '#', which Switchboard "
                                      "does not support; remove them (set PGSSLMODE and friends in the "
                                      "environment instead)"));

    const qsizetype slash = rest.indexOf(u'/');
    const QString hostPort = slash >= 0 ? rest.left(slash) : rest;
    const QString path = slash >= 0 ? rest.mid(slash + 1) : QString();

    QString host = hostPort;
    QString port;
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
            return Failure(QStringLiteral("the PostgreSQL URL has an IPv6 address without its closing ']'"));
        host = hostPort.mid(1, close - 1);
        const QString after = hostPort.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return Failure(QStringLiteral("the PostgreSQL URL has text after the IPv6 address's ']'"));
        port = after.mid(1);
        if (after.startsWith(u':') && port.isEmpty())
            return Failure(QStringLiteral("the PostgreSQL URL has a ':' but no port after it"));
    } else if (const qsizetype colon = hostPort.indexOf(u':'); colon >= 0) {
        host = hostPort.left(colon);
        port = hostPort.mid(colon + 1);
        if (port.isEmpty())
            return Failure(QStringLiteral("the PostgreSQL URL has a ':' but no port after it"));
    }
    if (host.contains(u','))
        return Failure(QStringLiteral("the PostgreSQL URL names several hosts; Switchboard connects to one"));
    location.m_hostName = decoded(host);

    if (!port.isEmpty()) {
        bool isNumber = false;
        const int number = port.toInt(&isNumber);
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        if (!isNumber || !digits.match(port).hasMatch() || number < 1 || number > 65535)
            return Failure(QStringLiteral("the port in the PostgreSQL URL must be a number from 1 to 65535"));
        location.m_port = number;
    }

    location.m_databaseName = decoded(path);
    if (location.m_databaseName.isEmpty())
        return Failure(QStringLiteral("the PostgreSQL URL names no database; end it with /DATABASE"));
    if (path.contains(u'/'))
        return Failure(QStringLiteral("the PostgreSQL URL's database name cannot contain '/'"));
    return location;
}

Result<DatabaseLocation> DatabaseLocation::sqliteFile(const QString &path)
{
    if (path.isEmpty())
        return Failure(QStringLiteral("sqlite: needs a file path after it, as in sqlite:/var/lib/switchboard/"
                                      "switchboard.sqlite"));
    // Each thread has its own connection, and each in-memory connection would be a database of its own.
    if (path == QLatin1String(":memory:") || path.startsWith(QLatin1String("file:")))
        return Failure(QStringLiteral("an in-memory or URI SQLite database cannot be shared between "
                                      "connections; give a file path"));
    const QFileInfo info(path);
    if (info.isDir())
        return Failure(QStringLiteral("%1 is a directory; give the path of a database file, such as %1/"
                                      "switchboard.sqlite")
                           .arg(QDir::toNativeSeparators(info.absoluteFilePath())));
    DatabaseLocation location;
    location.m_kind = Kind::Sqlite;
    location.m_filePath = info.absoluteFilePath();
    return location;
}

Result<DatabaseLocation> DatabaseLocation::defaultLocation()
{
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (directory.isEmpty())
        return Failure(QStringLiteral("this system has no data directory for Switchboard; give a database "
                                      "path with --database"));
    // Private: the call history and the clients' secret hashes live there.
    if (const auto created = DatabaseFiles::makePrivateFolder(directory); !created)
        return Failure(created.error() + QStringLiteral("; or give a database path with --database"));
    return sqliteFile(QDir(directory).filePath(QStringLiteral("switchboard.sqlite")));
}

QSqlDatabase DatabaseLocation::addConnection(const QString &name) const
{
    QSqlDatabase connection
        = QSqlDatabase::addDatabase(isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (isPostgres()) {
        connection.setHostName(m_hostName);
        if (m_port > 0)
            connection.setPort(m_port);
        connection.setUserName(m_userName);
        connection.setPassword(m_password);
        connection.setDatabaseName(m_databaseName);
    } else {
        connection.setDatabaseName(m_filePath);
    }
    return connection;
}

QString DatabaseLocation::displayName() const
{
    if (m_kind == Kind::Sqlite)
        return QDir::toNativeSeparators(m_filePath);

    QString text = QStringLiteral("postgresql://");
    if (!m_userName.isEmpty() || !m_password.isEmpty()) {
        text += QString::fromUtf8(QUrl::toPercentEncoding(m_userName));
        if (!m_password.isEmpty())
            text += QStringLiteral(":***");
        text += u'@';
    }
    if (m_hostName.contains(u':'))
        text += u'[' + m_hostName + u']';
    else
        text += QString::fromUtf8(QUrl::toPercentEncoding(m_hostName, "."));
    if (m_port >= 0)
        text += u':' + QString::number(m_port);
    return text + u'/' + QString::fromUtf8(QUrl::toPercentEncoding(m_databaseName));
}

std::optional<DatabaseLocation::Synchronous> DatabaseLocation::synchronousFromName(const QString &name)
{
    if (name.compare(QLatin1String("normal"), Qt::CaseInsensitive) == 0)
        return Synchronous::Normal;
    if (name.compare(QLatin1String("full"), Qt::CaseInsensitive) == 0)
        return Synchronous::Full;
    return std::nullopt;
}

QString DatabaseLocation::withoutPassword(const QString &text, QByteArray *password)
{
    if (password)
        password->clear();
    const qsizetype schemeLength = postgresSchemeLength(text);
    if (schemeLength == 0)
        return text;
    const UrlParts parts = split(text.mid(schemeLength));
    if (!parts.password)
        return text;
    if (password)
        *password = QByteArray::fromPercentEncoding(parts.password->toUtf8());
    return text.left(schemeLength) + (parts.user.isEmpty() ? QString() : parts.user + u'@') + parts.rest;
}

QString DatabaseLocation::withPassword(const QString &text, const QByteArray &password)
{
    const qsizetype schemeLength = postgresSchemeLength(text);
    if (schemeLength == 0 || password.isEmpty())
        return text;
    const UrlParts parts = split(withoutPassword(text).mid(schemeLength));
    return text.left(schemeLength) + parts.user + u':' + QString::fromLatin1(password.toPercentEncoding())
        + u'@' + parts.rest;
}

} // namespace Store
