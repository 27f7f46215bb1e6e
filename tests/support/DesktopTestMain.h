#pragma once

// main() for a test that starts the desktop app in-process, and the home folder of its own it runs in:
// settings, data, caches, the web engine's folders and the runtime folder all follow it, no keychain is
// reachable and no TWILIO_* variable of the caller's leaks in.

#include "ui/EnglishPlurals.h"

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <memory>

// Before the QApplication exists; the folder goes with the object.
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

// With SWITCHBOARD_SCREENSHOTS set to a folder, keeps a picture of widget there as NAME.png.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    QCoreApplication::processEvents();
    QDir().mkpath(folder);
    QVERIFY(widget->grab().save(folder + u'/' + name + QStringLiteral(".png")));
}

// Runs Test in a fresh home (kept in home while it runs) with the application set up as the app's main()
// sets it up.
template<typename Test> int runDesktopTest(std::unique_ptr<QTemporaryDir> &home, int argc, char **argv)
{
    home = useEmptyHome();
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // QtWebEngine needs it before the app
    QApplication app(argc, argv);
    Ui::EnglishPlurals plurals; // as main() installs it: "1 missed call", not "1 missed call(s)"
    QCoreApplication::installTranslator(&plurals);
    Test test;
    const int result = QTest::qExec(&test, argc, argv);
    home.reset();
    return result;
}
