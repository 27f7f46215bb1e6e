// "Connect Twilio account" as a person goes through it, against the simulator's account served by a
// server in this test: wrong credentials, a trial account with three numbers of which two are chosen,
// the list of changes, success, and Disconnect. With SWITCHBOARD_SCREENSHOTS set, each step is saved as a
// PNG for the documentation. No secret is in the settings file or on any page.

#include "core/config/AccountSettings.h"
#include "core/config/AppSettings.h"
#include "core/config/SecretStore.h"
#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "tests/support/SimulatedAccountServer.h"
#include "ui/EnglishPlurals.h"
#include "ui/admin/ConnectAccountDialog.h"
#include "ui/admin/NumberChoiceTable.h"
#include "ui/admin/SetupCheckPanel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Admin::AccountContext;
using Admin::ConnectAccountDialog;

namespace {

const QString accountSid = "AC" + QString(32, u'5');
const QByteArray authToken = "dialog-auth-token-123";
const QString tokyo = "+815031234567";
const QString osaka = "+815031234568";
const QString us = "+14155550123";

} // namespace

class TestConnectAccountDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Config::SecretStore> m_secrets;
    std::shared_ptr<Store::Database> m_database;
    SimulatedAccountServer m_twilio;
    std::shared_ptr<Simulator::AccountResources> m_account;
    QString m_publicUrl;

    ConnectAccountDialog::Context context() const
    {
        ConnectAccountDialog::Context context;
        context.settings = m_settings.get();
        context.secrets = m_secrets.get();
        context.database = m_database;
        context.defaultRegion = "JP";
        context.publicUrl = m_publicUrl;
        context.defaultClient = "desktop";
        context.environment.insert("SWITCHBOARD_TWILIO_API_URL", m_twilio.url());
        return context;
    }

    template<typename T> static T *field(QWidget &dialog, const QString &name)
    {
        T *widget = dialog.findChild<T *>(name);
        if (!widget)
            qFatal("no field %s", qPrintable(name));
        return widget;
    }

    static void next(ConnectAccountDialog &dialog)
    {
        QTest::mouseClick(field<QPushButton>(dialog, "connectNext"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isWorking(); }, 20000));
    }

    static void screenshot(QWidget &dialog, const QString &name)
    {
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (directory.isEmpty())
            return;
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(100); // the layout a changed text asked for, as a person sees it
        QVERIFY(dialog.grab().save(QDir(directory).filePath(name)));
    }

    QByteArray settingsBytes() const
    {
        m_settings->sync();
        QFile file(m_settings->fileName());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::installTranslator(new Ui::EnglishPlurals(this)); // as the app does: "3 numbers"
        m_settings = std::make_unique<QSettings>(m_dir.filePath("switchboard.conf"), QSettings::IniFormat);
        m_secrets = std::make_unique<Config::SecretStore>("switchboard-dialog-test",
                                                          m_dir.filePath("secrets.json"));
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(m_dir.filePath("switchboard.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(Store::ClientStore(m_database).add("desktop", "secret-desktop"));
        QVERIFY(Store::ClientStore(m_database).add("alice", "secret-alice"));

        Simulator::AccountResources::Options options;
        options.accountSid = accountSid;
        const QString problem = m_twilio.start(m_database, options, authToken);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_account = m_twilio.account;
        m_publicUrl = "https://desk-1234.ngrok.app";
    }

    void cleanupTestCase() { m_twilio.server.reset(); }

    void wrongCredentialsAreSaidOnTheSignInPage()
    {
        ConnectAccountDialog dialog(ConnectAccountDialog::Mode::Connect, context());
        dialog.show();
        field<QLineEdit>(dialog, "connectAccountSid")->setText(accountSid);
        field<QLineEdit>(dialog, "connectAuthToken")->setText("not-the-token");
        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::SignIn);
        QVERIFY2(dialog.statusText().contains("does not accept these credentials"),
                 qPrintable(dialog.statusText()));
        screenshot(dialog, "connect-wrong-credentials.png");

        field<QLineEdit>(dialog, "connectAuthToken")->clear();
        next(dialog);
        QVERIFY2(dialog.statusText().contains("Auth Token"), qPrintable(dialog.statusText()));
        QVERIFY(m_account->keySids().isEmpty());
    }

    // A trial account with three numbers: two are chosen, each change is listed, then made.
    void connectsATrialAccountsTwoNumbers()
    {
        m_account->setAccountState("Trial", "active");
        const QJsonObject usBefore = *m_account->number(us);
        ConnectAccountDialog dialog(ConnectAccountDialog::Mode::Connect, context());
        dialog.show();
        field<QLineEdit>(dialog, "connectAccountSid")->setText(accountSid);
        field<QLineEdit>(dialog, "connectAuthToken")->setText(QString::fromLatin1(authToken));
        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Numbers);
        const QString note = field<QLabel>(dialog, "connectAccountNote")->text();
        QVERIFY2(note.contains("trial account") && note.contains("3 numbers"), qPrintable(note));
        Admin::NumberChoiceTable *numbers = dialog.numberTable();
        QCOMPARE(numbers->rowCount(), 3);
        QVERIFY(numbers->chosen().isEmpty());
        numbers->choose(tokyo, true);
        numbers->choose(osaka, true, "alice");
        screenshot(dialog, "connect-numbers.png");

        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Changes);
        const QString changes = dialog.changesText();
        QVERIFY2(changes.contains("VoiceUrl https://demo.twilio.com/welcome/voice/ → " + m_publicUrl
                                  + "/voice/incoming"),
                 qPrintable(changes));
        QVERIFY2(changes.contains("TwiML App \"Switchboard\": new"), qPrintable(changes));
        QVERIFY2(changes.contains("never shown"), qPrintable(changes));
        QVERIFY2(!changes.contains("+1 415"), "an unchosen number is not changed");
        QCOMPARE(m_account->number(tokyo)->value("voice_url").toString(),
                 "https://demo.twilio.com/welcome/voice/");
        screenshot(dialog, "connect-changes.png");

        QSignalSpy changed(&dialog, &ConnectAccountDialog::accountChanged);
        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Result);
        QVERIFY2(dialog.succeeded(), qPrintable(dialog.resultText()));
        QCOMPARE(changed.count(), 1);
        QVERIFY2(
            dialog.resultText().startsWith("Calls to +81 50-3123-4567 now ring client:desktop, calls to +81 "
                                           "50-3123-4568 now ring client:alice through "
                                           + m_publicUrl),
            qPrintable(dialog.resultText()));
        QVERIFY(field<QPushButton>(dialog, "connectRestart")->isVisible());
        screenshot(dialog, "connect-done.png");

        QCOMPARE(m_account->number(osaka)->value("voice_url").toString(), m_publicUrl + "/voice/incoming");
        QCOMPARE(*m_account->number(us), usBefore);
        QCOMPARE(Store::NumberStore(m_database).find(osaka)->clientName, "alice");
        const auto saved = Config::AccountSettings(*m_settings, *m_secrets).load();
        QVERIFY(saved);
        QCOMPARE(saved->accountSid, accountSid);
        QCOMPARE(saved->authToken, authToken);
        QVERIFY(m_account->acceptsKey(saved->apiKeySid, saved->apiKeySecret));
        QCOMPARE(saved->twimlAppSid, m_account->applications().first().value("sid").toString());
        QCOMPARE(m_settings->value("server/publicUrl").toString(), m_publicUrl);
        QVERIFY2(!settingsBytes().contains(saved->apiKeySecret) && !settingsBytes().contains(authToken),
                 settingsBytes());
        QVERIFY(!dialog.resultText().contains(QString::fromLatin1(saved->apiKeySecret)));
        m_account->setAccountState("Full", "active");
    }

    // The Server page's check: all is well; a number pointed elsewhere in Twilio's console is flagged and
    // its Fix button points it back; an auth token that no longer verifies is flagged.
    void theServerPageFlagsWhatNoLongerHoldsAndFixesIt()
    {
        AccountContext reachable = context();
        reachable.publicUrl = m_twilio.url(); // Twilio reaches this very server
        reachable.localUrl = m_twilio.server->localUrl();
        {
            ConnectAccountDialog dialog(ConnectAccountDialog::Mode::Connect, reachable);
            field<QLineEdit>(dialog, "connectAccountSid")->setText(accountSid);
            next(dialog); // the saved token
            QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Numbers);
            dialog.numberTable()->choose(tokyo, true);
            dialog.numberTable()->choose(osaka, true, "alice");
            next(dialog);
            next(dialog);
            QVERIFY2(dialog.succeeded(), qPrintable(dialog.resultText()));
        }
        Admin::SetupCheckPanel panel(reachable);
        panel.resize(820, 360);
        panel.show();
        auto checked = [&] {
            panel.check();
            QVERIFY(QTest::qWaitFor([&] { return !panel.isChecking(); }, 20000));
        };
        checked();
        QVERIFY2(Setup::SetupCheck::allOk(panel.findings()), qPrintable(panel.text()));
        QVERIFY2(panel.text().contains("leads to this server"), qPrintable(panel.text()));

        m_account->setVoiceUrl(osaka, "https://someone-else.example/voice");
        checked();
        QVERIFY(!Setup::SetupCheck::allOk(panel.findings()));
        QVERIFY2(panel.text().contains("+81 50-3123-4568's voice URL is https://someone-else.example/voice"),
                 qPrintable(panel.text()));
        screenshot(panel, "setup-check-problem.png");
        QStringList asked;
        panel.setConfirm([&asked](const QStringList &changes) {
            asked = changes;
            return true;
        });
        QTest::mouseClick(field<QPushButton>(panel, "fix-" + osaka), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !asked.isEmpty(); }, 20000));
        QVERIFY2(
            asked.join('\n').contains("VoiceUrl https://someone-else.example/voice → " + reachable.publicUrl),
            qPrintable(asked.join('\n')));
        QVERIFY2(!asked.join('\n').contains("API key") && !asked.join('\n').contains("TwiML App"),
                 "the number alone is changed");
        QVERIFY(QTest::qWaitFor(
            [&] { return !panel.isChecking() && Setup::SetupCheck::allOk(panel.findings()); }, 20000));
        QCOMPARE(m_account->number(osaka)->value("voice_url").toString(),
                 reachable.publicUrl + "/voice/incoming");

        auto saved = *Config::AccountSettings(*m_settings, *m_secrets).load();
        const QByteArray token = saved.authToken;
        saved.authToken = "revoked-in-the-console";
        QVERIFY(Config::AccountSettings(*m_settings, *m_secrets).save(saved));
        checked();
        QVERIFY2(panel.text().contains("PROBLEM: Twilio does not accept these credentials"),
                 qPrintable(panel.text()));
        saved.authToken = token;
        QVERIFY(Config::AccountSettings(*m_settings, *m_secrets).save(saved));
    }

    // A number the credentials may not change: the end page says which, and Try again completes it.
    void tryAgainCompletesAPartialRun()
    {
        m_account->refuseChanges(us, true);
        ConnectAccountDialog dialog(ConnectAccountDialog::Mode::Connect, context());
        dialog.show();
        field<QLineEdit>(dialog, "connectAccountSid")->setText(accountSid);
        next(dialog);
        dialog.numberTable()->choose(us, true, "alice");
        next(dialog);
        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Result);
        QVERIFY(!dialog.succeeded());
        QVERIFY2(dialog.resultText().contains("NOT done: +1 415-555-0123")
                     && dialog.resultText().contains("Permission"),
                 qPrintable(dialog.resultText()));
        QCOMPARE(field<QPushButton>(dialog, "connectNext")->text(), "Try again");

        m_account->refuseChanges(us, false);
        next(dialog); // Try again: the same choice, planned anew
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Changes);
        QVERIFY2(dialog.changesText().contains("+1 415-555-0123") && !dialog.changesText().contains(": new"),
                 qPrintable(dialog.changesText()));
        next(dialog);
        QVERIFY2(dialog.succeeded(), qPrintable(dialog.resultText()));
        QCOMPARE(m_account->number(us)->value("voice_url").toString(),
                 Config::AppSettings::load(*m_settings).publicUrl + "/voice/incoming");
    }

    void disconnectPutsTheAccountBack()
    {
        ConnectAccountDialog dialog(ConnectAccountDialog::Mode::Disconnect, context());
        dialog.show();
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Changes);
        QVERIFY2(dialog.changesText().contains("VoiceUrl back to https://demo.twilio.com/welcome/voice/"),
                 qPrintable(dialog.changesText()));
        screenshot(dialog, "connect-disconnect.png");
        next(dialog);
        QCOMPARE(dialog.step(), ConnectAccountDialog::Step::Result);
        QVERIFY2(dialog.succeeded(), qPrintable(dialog.resultText()));
        QCOMPARE(m_account->number(tokyo)->value("voice_url").toString(),
                 "https://demo.twilio.com/welcome/voice/");
        QVERIFY(m_account->number(osaka)->value("status_callback").isNull());
        QVERIFY(m_account->keySids().isEmpty());
        QVERIFY(m_account->applications().isEmpty());
        const auto saved = Config::AccountSettings(*m_settings, *m_secrets).load();
        QVERIFY(saved && saved->apiKeySid.isEmpty() && saved->apiKeySecret.isEmpty()
                && saved->twimlAppSid.isEmpty());
    }
};

QTEST_MAIN(TestConnectAccountDialog)
#include "TestConnectAccountDialog.moc"
