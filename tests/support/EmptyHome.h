#pragma once

// A home folder of its own for a test that starts the desktop app in-process: settings, data, caches, the
// web engine's folders and the runtime folder all follow it, no keychain is reachable and no TWILIO_*
// variable of the caller's leaks in. Call before the QApplication exists; the folder goes with the object.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>

inline std::unique_ptr<QTemporaryDir> useEmptyHome()
{
    auto home = std::make_unique<QTemporaryDir>();
    const QString path = home->path();
    for (const char *folder : { "config", "data", "cache", "runtime", "tmp" })
        QDir(path).mkpath(QLatin1String(folder));
    QFile::setPermissions(path + QStringLiteral("/runtime"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("HOME", path.toUtf8());
    qputenv("XDG_CONFIG_HOME", (path + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_DATA_HOME", (path + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CACHE_HOME", (path + QStringLiteral("/cache")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", (path + QStringLiteral("/runtime")).toUtf8());
    qputenv("TMPDIR", (path + QStringLiteral("/tmp")).toUtf8());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/switchboard-test-bus"); // no keychain
    for (const QString &name : QProcessEnvironment::systemEnvironment().keys()) {
        if (name.startsWith(QLatin1String("TWILIO_")))
            qunsetenv(name.toLatin1().constData());
    }
    return home;
}
