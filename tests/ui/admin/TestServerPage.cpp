#include "core/config/TwilioAccount.h"
#include "core/routing/WebhookPaths.h"
#include "core/server/WebhookServer.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/TestTwilioSignature.h"
#include "ui/TextTone.h"
#include "ui/admin/RequestInspector.h"
#include "ui/admin/RequestLogModel.h"
#include "ui/admin/ServerPage.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using Admin::RequestLogModel;
using Admin::ServerPage;
using Ui::TextTone;

namespace {

const QByteArray authToken = "test-auth-token";
using Parameters = QList<QPair<QString, QString>>;

QByteArray twilioSignature(const QString &url, const Parameters &parameters)
{
    return testTwilioSignature(authToken, url, parameters);
}

const Parameters incomingCall { { "AccountSid", "AC" + QString(32, u'a') },
                                { "CallSid", "CAserverpage1" },
                                { "CallStatus", "ringing" },
                                { "Direction", "inbound" },
                                { "From", "+819059876543" },
                                { "To", "+815031234567" } };

} // namespace

class TestServerPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Server::WebhookServer> m_server;
    std::unique_ptr<ServerPage> m_page;
    QNetworkAccessManager m_network;

    template<typename T> T *child(const QString &name) const
    {
        auto *found = m_page->findChild<T *>(name);
        if (!found)
            qWarning() << "no child" << name;
        return found;
    }

    int post(const QString &path, const Parameters &parameters, const QByteArray &signature)
    {
        QNetworkRequest request(m_server->localUrl().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        request.setRawHeader("X-Twilio-Signature", signature);
        QByteArray body;
        for (const auto &[name, value] : parameters)
            body += (body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '='
                + QUrl::toPercentEncoding(value);
        QNetworkReply *reply = m_network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            qWarning() << "no reply for" << path;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    int postSigned(const QString &path, const Parameters &parameters)
    {
        // No public URL configured: Twilio's signature is over the local one.
        return post(path, parameters, twilioSignature(m_server->publicBaseUrl() + path, parameters));
    }

    void select(int row)
    {
        QTableView *table = m_page->inspector()->table();
        const QRect cell = table->visualRect(table->model()->index(row, RequestLogModel::Route));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("server.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("DeviceId_0001", "secret-0001"));
        QVERIFY(Store::NumberStore(m_database).add("+81-50-3123-4567", "DeviceId_0001"));
    }

    void init()
    {
        Server::ServerSettings settings;
        settings.port = 0;
        settings.requestThreads = 2;
        settings.account.accountSid = "AC" + QString(32, u'a');
        settings.account.authToken = authToken;
        m_server = std::make_unique<Server::WebhookServer>(m_database, settings);
        const auto port = m_server->start();
        QVERIFY2(port, qPrintable(port.error()));
        m_page = std::make_unique<ServerPage>(m_server.get(), m_database);
        m_page->resize(900, 640);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        m_page.reset();
        m_server.reset();
    }

    void showsWhereItListensAndTheConsoleUrls()
    {
        const QString local = m_server->localUrl().toString();
        QCOMPARE(child<QLabel>("state")->text(), "Listening on " + local);
        QCOMPARE(child<QLabel>("publicUrl")->text(), local);
        QCOMPARE(child<QLineEdit>("incomingUrl")->text(), local + Routing::WebhookPaths::incoming());
        QCOMPARE(child<QLineEdit>("outgoingUrl")->text(), local + Routing::WebhookPaths::outgoing());
        QCOMPARE(child<QLineEdit>("statusUrl")->text(), local + Routing::WebhookPaths::status());
        QVERIFY(child<QLineEdit>("incomingUrl")->isReadOnly());
        // Twilio cannot reach 127.0.0.1: the page says where a tunnel's URL goes.
        QVERIFY(child<QLabel>("loopbackNote")->isVisible());
        QVERIFY(child<QLabel>("loopbackNote")->text().contains("Settings > Public URL"));
        QVERIFY(!child<QPushButton>("simulate")->isVisible());
        QCOMPARE(child<QLabel>("databaseHealth")->text(), QString("ok"));
        QCOMPARE(child<QLabel>("listeningHealth")->text(), QString("yes"));
        QCOMPARE(child<QLabel>("threadsHealth")->text(), QString("2"));
        QCOMPARE(child<QLabel>("lastRequestHealth")->text(), QString("none yet"));
    }

    // A desktop with an API key but no Auth Token checks signatures with a key made up for the run: every
    // real webhook gets 403, which the page must say.
    void saysWhenTwilioWebhooksWillBeRefused()
    {
        QVERIFY(!child<QLabel>("signatureNote")->isVisible()); // nothing to say by default
        Config::TwilioAccount account;
        // No account at all: a simulated phone, which nothing of Twilio's reaches. No alarm.
        QVERIFY(ServerPage::signatureProblem(account).isEmpty());
        account.accountSid = "AC" + QString(32, u'a');
        account.apiKeySid = "SK" + QString(32, u'b');
        account.apiKeySecret = "api-secret";
        account.twimlAppSid = "AP" + QString(32, u'c');
        const QString problem = ServerPage::signatureProblem(account);
        QVERIFY(problem.contains("403"));
        QVERIFY(problem.contains("Auth Token"));
        m_page->setSignatureProblem(problem);
        QVERIFY(child<QLabel>("signatureNote")->isVisible());
        QCOMPARE(child<QLabel>("signatureNote")->text(), problem);
        if (const QString shot = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS"); !shot.isEmpty())
            m_page->grab().save(shot + "/server-page-signature-note.png");

        account.authToken = "an-auth-token";
        QVERIFY(ServerPage::signatureProblem(account).isEmpty());
        m_page->setSignatureProblem(ServerPage::signatureProblem(account));
        QVERIFY(!child<QLabel>("signatureNote")->isVisible());
    }

    void copyPutsExactlyTheUrlOnTheClipboard()
    {
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(child<QPushButton>("statusCopy"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 m_server->publicBaseUrl() + Routing::WebhookPaths::status());
        QCOMPARE(child<QPushButton>("statusCopy")->text(), QString("Copied"));
        QTest::mouseClick(child<QPushButton>("incomingCopy"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 m_server->publicBaseUrl() + Routing::WebhookPaths::incoming());
        QTRY_COMPARE(child<QPushButton>("statusCopy")->text(), QString("Copy"));
    }

    void simulateButtonAsksTheApp()
    {
        m_page->setSimulationEnabled(true);
        QSignalSpy simulate(m_page.get(), &ServerPage::simulateIncomingRequested);
        QVERIFY(child<QPushButton>("simulate")->isVisible());
        QTest::mouseClick(child<QPushButton>("simulate"), Qt::LeftButton);
        QCOMPARE(simulate.size(), 1);
    }

    void inspectorShowsSignedAndForgedRequests()
    {
        RequestLogModel *model = m_page->inspector()->model();
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), incomingCall), 200);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, RequestLogModel::Route).data().toString(), QString("POST /voice/incoming"));
        QCOMPARE(model->index(0, RequestLogModel::Caller).data().toString(), QString("+819059876543"));
        QCOMPARE(model->index(0, RequestLogModel::Verdict).data().toString(), QString("valid"));
        QCOMPARE(model->index(0, RequestLogModel::Status).data().toString(), QString("200"));
        QVERIFY(model->index(0, RequestLogModel::Latency).data().toString().endsWith(" ms"));
        QVERIFY(!model->index(0, RequestLogModel::Status).data(Qt::ForegroundRole).isValid());

        select(0);
        const QString details = m_page->inspector()->details()->toPlainText();
        QVERIFY2(details.contains("POST /voice/incoming"), qPrintable(details));
        QVERIFY(details.contains("Signature:  valid"));
        QVERIFY(details.contains("  From = +819059876543"));
        QVERIFY(details.contains("  CallSid = CAserverpage1"));
        QVERIFY(details.contains("ring client:DeviceId_0001"));
        // The TwiML answer pretty-printed: <Dial on a line of its own, indented inside <Response>.
        const QStringList lines = details.split(u'\n');
        const auto dial = std::find_if(lines.begin(), lines.end(), [](const QString &line) {
            return line.trimmed().startsWith("<Dial");
        });
        QVERIFY2(dial != lines.end(), qPrintable(details));
        QVERIFY(dial->startsWith("  <Dial"));
        QVERIFY(lines.contains("    <Client>DeviceId_0001</Client>"));

        auto forged = incomingCall;
        forged[1].second = "CAserverpage-forged";
        QCOMPARE(post(Routing::WebhookPaths::incoming(), forged, "AAAAAAAAAAAAAAAAAAAAAAAAAAA="), 403);
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, RequestLogModel::Verdict).data().toString(), QString("invalid"));
        QCOMPARE(model->index(0, RequestLogModel::Status).data().toString(), QString("403"));
        QVERIFY(model->index(0, RequestLogModel::Status).data(Qt::ForegroundRole).isValid());
        // The selection follows the record it was on, not the row number.
        QVERIFY(m_page->inspector()->details()->toPlainText().contains("CAserverpage1"));
        select(0);
        QVERIFY(m_page->inspector()->details()->toPlainText().contains("CAserverpage-forged"));

        QTRY_COMPARE(child<QLabel>("requestsHealth")->text(), QString("2 handled this session"));
        QCOMPARE(child<QLabel>("errorsHealth")->text(), QString("1 refused (4xx or spoken), 0 failed (5xx)"));
        QVERIFY(child<QLabel>("lastRequestHealth")->text() != QString("none yet"));

        // Nothing clipped: the time column holds milliseconds.
        QHeaderView *header = m_page->inspector()->table()->horizontalHeader();
        QVERIFY(header->sectionSize(RequestLogModel::Time)
                >= header->fontMetrics().horizontalAdvance("00:00:00.000"));

        if (const QString shots = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS"); !shots.isEmpty()) {
            m_page->setSimulationEnabled(true);
            QCOMPARE(postSigned(Routing::WebhookPaths::status(),
                                { { "CallSid", "CAserverpage1" },
                                  { "CallStatus", "completed" },
                                  { "CallDuration", "42" },
                                  { "From", "+819059876543" },
                                  { "To", "+815031234567" } }),
                     204);
            QTRY_COMPARE(model->rowCount(), 3);
            select(2);
            QDir().mkpath(shots);
            QVERIFY(m_page->grab().save(QDir(shots).filePath("server.png")));
        }

        QTest::mouseClick(child<QPushButton>("clear"), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(m_page->inspector()->details()->toPlainText().isEmpty());
    }

    // Refusals the caller must hear (an unknown number, an unknown client, a toll-fraud guard) are
    // answered 200 with a spoken TwiML message: Health counts them as refusals all the same.
    void spokenRefusalsCountAsRefused()
    {
        auto unmapped = incomingCall;
        unmapped[1].second = "CAserverpage-unmapped";
        for (auto &[name, value] : unmapped) {
            if (name == "To" || name == "Called")
                value = "+815099999999";
        }
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), unmapped), 200);
        const Parameters unknownClient { { "CallSid", "CAserverpage-ghost" },
                                         { "From", "client:ghost" },
                                         { "To", "+819059876543" } };
        QCOMPARE(postSigned(Routing::WebhookPaths::outgoing(), unknownClient), 200);
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), incomingCall), 200);
        QTRY_COMPARE(child<QLabel>("requestsHealth")->text(), QString("3 handled this session"));
        QCOMPARE(child<QLabel>("errorsHealth")->text(), QString("2 refused (4xx or spoken), 0 failed (5xx)"));
    }

    void stopAndStartAgain()
    {
        QPushButton *startStop = child<QPushButton>("startStop");
        QCOMPARE(startStop->text(), QString("Stop"));
        QTest::mouseClick(startStop, Qt::LeftButton);
        QVERIFY(!m_server->isListening());
        QCOMPARE(child<QLabel>("state")->text(), QString("Stopped"));
        QCOMPARE(child<QLabel>("listeningHealth")->text(), QString("no"));
        QCOMPARE(startStop->text(), QString("Start"));

        QTest::mouseClick(startStop, Qt::LeftButton);
        QVERIFY(m_server->isListening());
        QCOMPARE(child<QLabel>("state")->text(), "Listening on " + m_server->localUrl().toString());
        // The page's connection survives the new listener: requests still reach the inspector.
        QCOMPARE(postSigned(Routing::WebhookPaths::incoming(), incomingCall), 200);
        QTRY_COMPARE(m_page->inspector()->model()->rowCount(), 1);
    }

    void startFailureIsShownInThePage()
    {
        // Another server holds a port; this one is told to listen on the same.
        Server::ServerSettings settings;
        settings.port = m_server->localUrl().port();
        Server::WebhookServer second(m_database, settings);
        ServerPage page(&second, m_database);
        QCOMPARE(page.findChild<QLabel *>("state")->text(), QString("Stopped"));
        QTest::mouseClick(page.findChild<QPushButton *>("startStop"), Qt::LeftButton);
        QVERIFY(!second.isListening());
        const QString state = page.findChild<QLabel *>("state")->text();
        QVERIFY2(state.startsWith("Stopped: cannot listen on 127.0.0.1:"), qPrintable(state));
        QCOMPARE(TextTone::of(page.findChild<QLabel *>("state")), TextTone::Problem);
        QCOMPARE(page.findChild<QLineEdit *>("incomingUrl")->text(), QString());
    }

    void publicUrlHidesTheLoopbackNote()
    {
        Server::ServerSettings settings;
        settings.port = 0;
        settings.publicBaseUrl = "https://switchboard.example.com/";
        Server::WebhookServer server(m_database, settings);
        QVERIFY(server.start());
        ServerPage page(&server, m_database);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.findChild<QLineEdit *>("outgoingUrl")->text(),
                 QString("https://switchboard.example.com/voice/outgoing"));
        QVERIFY(!page.findChild<QLabel *>("loopbackNote")->isVisible());
    }
};

QTEST_MAIN(TestServerPage)
#include "TestServerPage.moc"
