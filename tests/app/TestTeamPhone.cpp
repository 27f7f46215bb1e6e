// The desktop phone in team mode, as a team member starts it: signed in to the team's server (here a real
// WebhookServer in this process, on its own database) with SWITCHBOARD_SERVER_URL, SWITCHBOARD_CLIENT and
// SWITCHBOARD_CLIENT_SECRET, and nothing else. Set SWITCHBOARD_SCREENSHOTS to a folder to keep pictures.

#include "app/CommandContext.h"
#include "app/DesktopApp.h"
#include "core/server/ApiPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "tests/support/DesktopTestMain.h"
#include "tests/support/TestCallEvent.h"
#include "ui/MainWindow.h"
#include "ui/phone/PhoneView.h"
#include "ui/phone/RecentCallsList.h"

#include <QApplication>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using App::CommandContext;
using App::DesktopApp;

namespace {

std::unique_ptr<QTemporaryDir> home; // set before the QApplication exists
constexpr int wait = 60000;

} // namespace

class TestTeamPhone : public QObject
{
    Q_OBJECT

    QTextStream m_out { stdout };
    QTextStream m_err { stderr };
    QTemporaryDir m_serverDir; // the team server's own files, not the phone's
    std::shared_ptr<Store::Database> m_serverDatabase;
    std::unique_ptr<Server::WebhookServer> m_server;
    QUrl m_serverUrl;

    QProcessEnvironment teamEnvironment(const QByteArray &secret) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("SWITCHBOARD_SERVER_URL", m_serverUrl.toString());
        environment.insert("SWITCHBOARD_CLIENT", "carol");
        environment.insert("SWITCHBOARD_CLIENT_SECRET", QString::fromUtf8(secret));
        return environment;
    }

    static QStringList tabTitles(Ui::MainWindow *window)
    {
        QTabBar *tabs = window->findChild<QTabWidget *>()->tabBar();
        QStringList titles;
        for (int index = 0; index < tabs->count(); ++index)
            titles << tabs->tabText(index);
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home && home->isValid());
        QVERIFY(m_serverDir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_serverDir.filePath("team.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_serverDatabase = *database;
        QVERIFY(Store::ClientStore(m_serverDatabase).add("carol", "secret-carol"));
        QVERIFY(Store::ClientStore(m_serverDatabase).add("dave", "secret-dave"));
        recordTestCall(m_serverDatabase, "CAmissed", "incoming", "+819012345678", "client:carol", "carol",
                       "no-answer", 0, 5, Store::CallResult::Missed);
        recordTestCall(m_serverDatabase, "CAtalked", "incoming", "+819087654321", "client:carol", "carol",
                       "completed", 95, 30, Store::CallResult::Answered);
        recordTestCall(m_serverDatabase, "CAdave", "incoming", "+819011112222", "client:dave", "dave",
                       "completed", 10, 20);
        Server::ServerSettings settings;
        settings.port = 0;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = "team-auth-token";
        settings.account.apiKeySid = "SK" + QString(32, u'b');
        settings.account.apiKeySecret = "team-api-secret";
        settings.account.twimlAppSid = "AP" + QString(32, u'c');
        m_server = std::make_unique<Server::WebhookServer>(m_serverDatabase, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_serverUrl = QUrl(QString("http://127.0.0.1:%1").arg(*port));
    }

    void cleanupTestCase() { m_server.reset(); }

    void signsInToTheTeamServer()
    {
        QSignalSpy handled(m_server.get(), &Server::WebhookServer::requestHandled);
        CommandContext context { m_out, m_err, teamEnvironment("secret-carol"), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        Ui::MainWindow *window = app.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        // Numbers, clients, the call log and the server are the team server's: one page says so.
        QCOMPARE(tabTitles(window), QStringList({ "Team", "Settings" }));

        // The phone signed in: the server issued carol a token.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(handled.cbegin(), handled.cend(),
                        [](const QList<QVariant> &arguments) {
                            const auto record = arguments.first().value<Server::RequestRecord>();
                            return record.route == Server::ApiPaths::token() && record.status == 200;
                        }),
            wait);

        // Recent shows carol's calls from GET /calls, newest first, and not dave's.
        auto *recent = window->findChild<Phone::RecentCallsList *>();
        QVERIFY(recent);
        // Its tab, clicked as a person would.
        auto *phoneTabs = qobject_cast<QTabWidget *>(recent->parentWidget()->parentWidget());
        QVERIFY(phoneTabs);
        QTest::mouseClick(phoneTabs->tabBar(), Qt::LeftButton, {},
                          phoneTabs->tabBar()->tabRect(phoneTabs->indexOf(recent)).center());
        QTRY_VERIFY(recent->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(recent->count(), 2, wait);
        QVERIFY2(recent->item(0)->text().contains("+81 90-1234-5678"), qPrintable(recent->item(0)->text()));
        QVERIFY2(recent->item(1)->text().contains("+81 90-8765-4321"), qPrintable(recent->item(1)->text()));
        saveScreenshot(window, QStringLiteral("team-phone"));

        // The phone keeps no database of its own, and nothing of its files holds a secret.
        QDirIterator files(home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path.startsWith(m_serverDir.path()))
                continue; // the team server's, which lives in the same TMPDIR here
            QVERIFY2(!path.endsWith(".sqlite"), qPrintable(path));
            QFile file(path);
            if (file.size() > 4 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue; // the web engine's caches
            const QByteArray content = file.readAll();
            for (const char *secret : { "secret-carol", "team-api-secret", "team-auth-token" })
                QVERIFY2(!content.contains(secret), qPrintable(path + " holds " + secret));
        }
    }

    void aWrongSecretIsSaid()
    {
        CommandContext context { m_out, m_err, teamEnvironment("guess"), QString() };
        DesktopApp app(context);
        QVERIFY(app.start());
        auto *phone = app.window()->findChild<Phone::PhoneView *>();
        QVERIFY(phone);
        QTRY_VERIFY2_WITH_TIMEOUT(phone->statusText().contains("refused client carol"),
                                  qPrintable(phone->statusText()), wait);
        saveScreenshot(app.window(), QStringLiteral("team-phone-wrong-secret"));
    }
};

int main(int argc, char **argv)
{
    return runDesktopTest<TestTeamPhone>(home, argc, argv);
}

#include "TestTeamPhone.moc"
