#include "SwitchboardRun.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// switchboard-server as a server's administrator meets it: a program without a window that needs neither
// Widgets nor the web engine, and answers like `switchboard` does. TestAdminCommands_server runs the
// admin commands themselves on it.
class TestServerBinary : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    SwitchboardRun run(const QStringList &arguments) const
    {
        QProcessEnvironment environment;
        environment.insert("XDG_DATA_HOME", m_dir.filePath("xdg"));
        environment.insert("XDG_CONFIG_HOME", m_dir.filePath("xdg-config"));
        return SwitchboardRun::start(arguments, environment);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(QFileInfo(SwitchboardRun::executable()).fileName(), QString("switchboard-server"));
    }

    // What a server without a desktop must not need: `ldd` lists every library the loader would map.
    void linksNeitherWidgetsNorTheWebEngine()
    {
        QProcess ldd;
        ldd.start("ldd", { SwitchboardRun::executable() });
        QVERIFY2(ldd.waitForFinished(30000), "ldd did not finish");
        QCOMPARE(ldd.exitCode(), 0);
        const QByteArray libraries = ldd.readAllStandardOutput();
        QVERIFY2(libraries.contains("libQt6Core.so") && libraries.contains("libQt6HttpServer.so"),
                 libraries.constData());
        for (const char *forbidden : { "libQt6Widgets", "libQt6WebEngine", "libQt6Gui", "libQt6Quick" })
            QVERIFY2(!libraries.contains(forbidden),
                     qPrintable(QString("links %1:\n%2").arg(forbidden, libraries)));
    }

    void listsItsCommands()
    {
        const SwitchboardRun help = run({ "--help" });
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith("Usage: switchboard-server [--database URL] [--verbose] COMMAND"),
                 help.out.constData());
        for (const char *command : { "serve", "client", "number", "calls", "token", "simulate" })
            QVERIFY2(help.out.contains(QByteArray("\n  ") + command + ' '), command);
        QVERIFY2(help.out.contains("Run 'switchboard-server COMMAND --help'"), help.out.constData());
    }

    void withoutACommandSaysSo()
    {
        const SwitchboardRun bare = run({});
        QCOMPARE(bare.exitCode, 2);
        QVERIFY2(bare.err.startsWith("switchboard-server: a command is needed\n"), bare.err.constData());
        QVERIFY(bare.out.isEmpty());

        const SwitchboardRun unknown = run({ "dial" });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.startsWith("switchboard-server: unknown command 'dial'"),
                 unknown.err.constData());
    }

    void namesItselfInItsMessages()
    {
        const SwitchboardRun version = run({ "--version" });
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("switchboard-server " SWITCHBOARD_VERSION "\n"));

        const SwitchboardRun removal
            = run({ "client", "remove", "ghost", "--database", m_dir.filePath("names.sqlite") });
        QCOMPARE(removal.exitCode, 1);
        QVERIFY2(removal.err.startsWith("switchboard-server client remove: "), removal.err.constData());

        const SwitchboardRun typo = run({ "number", "add", "--colour" });
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains("Try 'switchboard-server number add --help'."), typo.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerBinary)
#include "TestServerBinary.moc"
