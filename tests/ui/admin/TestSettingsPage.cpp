#include "core/config/AppSettings.h"
#include "core/config/SecretStore.h"
#include "core/phone/NumberType.h"
#include "core/store/DatabaseLocation.h"
#include "ui/TextTone.h"
#include "ui/admin/SettingsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Admin::SettingsPage;
using Ui::TextTone;

using Config::SecretStore;

namespace {

const QString accountSid = "AC" + QString(32, u'a');
const QString apiKeySid = "SK" + QString(32, u'b');
const QString twimlAppSid = "AP" + QString(32, u'c');
const QByteArray authToken = "auth-token-0123456789";
const QByteArray apiKeySecret = "api-secret-abcdefghij";
const QByteArray databasePassword = "db-pass-4567";

} // namespace

// Runs twice, as TestAccountSettings does: with no session bus (the user-only file) and against
// gnome-keyring on a private D-Bus session. Either way the settings file must never hold a secret.
class TestSettingsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;

    QString settingsFile() const { return m_dir.filePath("switchboard.conf"); }
    QString secretsFile() const { return m_dir.filePath("secrets.json"); }
    QByteArray settingsBytes() const
    {
        QFile file(settingsFile());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QByteArray secret(const QString &key) const { return m_secrets->read(key).value().value_or("(none)"); }

    template<typename T> static T *field(SettingsPage &page, const QString &name)
    {
        T *widget = page.findChild<T *>(name);
        if (!widget)
            qFatal("no field %s", qPrintable(name));
        return widget;
    }
    static QString text(SettingsPage &page, const QString &name)
    {
        return field<QLineEdit>(page, name)->text();
    }
    static void select(QComboBox *combo, const QVariant &data)
    {
        combo->setCurrentIndex(combo->findData(data));
    }

    void screenshot(SettingsPage &page, const QString &name)
    {
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (directory.isEmpty())
            return;
        page.resize(900, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.grab().save(QDir(directory).filePath(name)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the default database's folder, for the placeholder
        QVERIFY(m_dir.isValid());
        m_service = QString("switchboard-test-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
        m_settings = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(m_service, secretsFile());
    }

    void cleanupTestCase()
    {
        for (const QString key :
             { "twilio-auth-token", "twilio-api-key-secret", "database-password", "team-client-secret" }) {
            const auto removed = m_secrets->remove(key);
            QVERIFY2(removed, qPrintable(removed.error()));
        }
    }

    void saysWhereSecretsAreKept()
    {
        SettingsPage page(*m_settings, *m_secrets);
        const QString note = field<QLabel>(page, "secretsNote")->text();
        const bool noBus = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains("/nonexistent/");
        QCOMPARE(m_secrets->backend(), noBus ? SecretStore::Backend::File : SecretStore::Backend::Keychain);
        if (noBus) {
            QVERIFY2(note.contains("no system keychain is running"), qPrintable(note));
            QVERIFY2(note.contains(QDir::toNativeSeparators(secretsFile())), qPrintable(note));
            QVERIFY2(note.contains("only you can read"), qPrintable(note));
        } else {
            QVERIFY2(note.contains("system keychain"), qPrintable(note));
            QVERIFY2(!note.contains(secretsFile()), qPrintable(note));
        }
        QCOMPARE(field<QLineEdit>(page, "authToken")->placeholderText(), QString("not set"));
        QVERIFY(field<QCheckBox>(page, "authTokenForget")->isHidden());
        QVERIFY(field<QLineEdit>(page, "database")->placeholderText().endsWith("switchboard.sqlite"));
        screenshot(page, "settings-empty.png");
    }

    void savedValuesComeBackWithoutSecretsInTheSettingsFile()
    {
        {
            SettingsPage page(*m_settings, *m_secrets);
            field<QLineEdit>(page, "accountSid")->setText(accountSid);
            QTest::keyClicks(field<QLineEdit>(page, "authToken"), authToken);
            field<QLineEdit>(page, "apiKeySid")->setText(apiKeySid);
            QTest::keyClicks(field<QLineEdit>(page, "apiKeySecret"), apiKeySecret);
            field<QLineEdit>(page, "twimlAppSid")->setText(twimlAppSid);
            field<QLineEdit>(page, "clientName")->setText("front_desk");
            field<QComboBox>(page, "region")->setEditText("us"); // typed, not picked
            field<QSpinBox>(page, "tokenTtl")->setValue(900);
            select(field<QComboBox>(page, "edge"), "tokyo");
            select(field<QComboBox>(page, "codecs"), QStringList { "pcmu", "opus" });
            field<QLineEdit>(page, "listen")->setText("0.0.0.0:9090");
            field<QLineEdit>(page, "publicUrl")->setText("https://example.ngrok.app/");
            // The password typed into the URL goes to the secret store.
            field<QLineEdit>(page, "database")->setText("postgresql://sb:db-pass-4567@db.example:5433/calls");
            QSignalSpy saved(&page, &SettingsPage::saved);
            QSignalSpy restart(&page, &SettingsPage::restartRequested);
            auto *restartButton = field<QPushButton>(page, "restart");
            QVERIFY(restartButton->isHidden());
            QTest::mouseClick(field<QPushButton>(page, "save"), Qt::LeftButton);
            QVERIFY2(saved.count() == 1, qPrintable(field<QLabel>(page, "status")->text()));
            QVERIFY(!restartButton->isHidden());
            screenshot(page, "settings-saved.png");
            QTest::mouseClick(restartButton, Qt::LeftButton);
            QCOMPARE(restart.count(), 1);
        }

        SettingsPage page(*m_settings, *m_secrets);
        QCOMPARE(text(page, "accountSid"), accountSid);
        QCOMPARE(text(page, "apiKeySid"), apiKeySid);
        QCOMPARE(text(page, "twimlAppSid"), twimlAppSid);
        for (const QString name : { "authToken", "apiKeySecret", "databasePassword" }) {
            QCOMPARE(text(page, name), QString()); // a secret is never shown...
            QVERIFY(field<QLineEdit>(page, name)->placeholderText().contains("type to replace")); // ...said
            QVERIFY(!field<QCheckBox>(page, name + "Forget")->isHidden());
        }
        QCOMPARE(text(page, "clientName"), QString("front_desk"));
        QCOMPARE(field<QComboBox>(page, "region")->currentData().toString(), QString("US"));
        QCOMPARE(field<QSpinBox>(page, "tokenTtl")->value(), 900);
        QCOMPARE(field<QComboBox>(page, "edge")->currentData().toString(), QString("tokyo"));
        QCOMPARE(field<QComboBox>(page, "codecs")->currentData().toStringList(),
                 QStringList({ "pcmu", "opus" }));
        QCOMPARE(text(page, "listen"), QString("0.0.0.0:9090"));
        QCOMPARE(text(page, "publicUrl"), QString("https://example.ngrok.app"));
        QCOMPARE(text(page, "database"), QString("postgresql://sb@db.example:5433/calls"));

        QCOMPARE(secret("twilio-auth-token"), authToken);
        QCOMPARE(secret("twilio-api-key-secret"), apiKeySecret);
        QCOMPARE(secret("database-password"), databasePassword);
        const QByteArray bytes = settingsBytes();
        QVERIFY(bytes.contains(accountSid.toLatin1()));
        QVERIFY(bytes.contains("db.example"));
        QVERIFY(!bytes.contains(authToken));
        QVERIFY(!bytes.contains(apiKeySecret));
        QVERIFY(!bytes.contains(databasePassword));
        QCOMPARE(QFile::exists(secretsFile()), m_secrets->backend() == SecretStore::Backend::File);

        // What the app opens: the URL from the settings with the password put back.
        const Config::AppSettings settings = Config::AppSettings::load(*m_settings);
        const auto location = Store::DatabaseLocation::parse(
            Store::DatabaseLocation::withPassword(settings.database, secret("database-password")));
        QVERIFY2(location, qPrintable(location.error()));
        QCOMPARE(location->password().toUtf8(), databasePassword);
        QCOMPARE(settings.edge, QString("tokyo"));
        screenshot(page, "settings.png");
    }

    // A team member's desktop: the server's URL in the settings file, the client's secret in the secret
    // store; plain http to another machine is refused, since the secret goes with every request.
    void teamServerAndItsSecret()
    {
        {
            SettingsPage page(*m_settings, *m_secrets);
            QSignalSpy saved(&page, &SettingsPage::saved);
            field<QLineEdit>(page, "teamServer")->setText("http://switchboard.example.com");
            QTest::keyClicks(field<QLineEdit>(page, "teamSecret"), "team-secret-8910");
            QTest::mouseClick(field<QPushButton>(page, "save"), Qt::LeftButton);
            QCOMPARE(saved.count(), 0);
            QVERIFY2(page.findChild<QLabel *>("teamServerProblem")->text().contains("https"),
                     qPrintable(page.findChild<QLabel *>("teamServerProblem")->text()));
            QCOMPARE(m_settings->value("phone/teamServer").toString(), QString()); // nothing written
            QCOMPARE(secret("team-client-secret"), QByteArray("(none)"));

            field<QLineEdit>(page, "teamServer")->setText("https://switchboard.example.com");
            QTest::mouseClick(field<QPushButton>(page, "save"), Qt::LeftButton);
            QVERIFY2(saved.count() == 1, qPrintable(field<QLabel>(page, "status")->text()));
            screenshot(page, "settings-team.png");
        }
        SettingsPage page(*m_settings, *m_secrets);
        QCOMPARE(text(page, "teamServer"), QString("https://switchboard.example.com"));
        QCOMPARE(text(page, "teamSecret"), QString());
        QVERIFY(field<QLineEdit>(page, "teamSecret")->placeholderText().contains("type to replace"));
        QCOMPARE(secret("team-client-secret"), QByteArray("team-secret-8910"));
        QVERIFY(!settingsBytes().contains("team-secret-8910"));

        // Cleared: this desktop is its own server again, and the secret can go too.
        field<QLineEdit>(page, "teamServer")->clear();
        field<QCheckBox>(page, "teamSecretForget")->setChecked(true);
        QTest::mouseClick(field<QPushButton>(page, "save"), Qt::LeftButton);
        QCOMPARE(Config::AppSettings::load(*m_settings).teamServer, QString());
        QCOMPARE(secret("team-client-secret"), QByteArray("(none)"));
    }

    void aWrongSidIsRefusedAndChangesNothing()
    {
        const QByteArray before = settingsBytes();
        QVERIFY(!before.isEmpty());
        SettingsPage page(*m_settings, *m_secrets);
        QSignalSpy saved(&page, &SettingsPage::saved);
        field<QLineEdit>(page, "accountSid")->setText("AC123");
        QTest::keyClicks(field<QLineEdit>(page, "authToken"), "a-new-token");
        field<QLineEdit>(page, "clientName")->setText("front_desk_2");
        field<QCheckBox>(page, "apiKeySecretForget")->click();
        QVERIFY(!page.save());
        QCOMPARE(saved.count(), 0);
        auto *problem = field<QLabel>(page, "accountSidProblem");
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains("account SID"), qPrintable(problem->text()));
        QCOMPARE(TextTone::of(problem), TextTone::Problem);
        QVERIFY(field<QLabel>(page, "clientNameProblem")->isHidden());
        QVERIFY(field<QLabel>(page, "status")->text().contains("Not saved"));
        QCOMPARE(TextTone::of(field<QLabel>(page, "status")), TextTone::Problem);
        QVERIFY(field<QPushButton>(page, "restart")->isHidden());
        QCOMPARE(settingsBytes(), before);
        QCOMPARE(secret("twilio-auth-token"), authToken);
        QCOMPARE(secret("twilio-api-key-secret"), apiKeySecret);
        QCOMPARE(text(page, "accountSid"), QString("AC123")); // what was typed stays, to be corrected
        screenshot(page, "settings-refused.png");
    }

    // A SID says at once what more typing cannot fix (a wrong prefix, a letter beyond f), and only once
    // the field is left that it is too short.
    void sidProblemsShowAsYouType()
    {
        SettingsPage page(*m_settings, *m_secrets);
        auto *sid = field<QLineEdit>(page, "accountSid");
        auto *problem = field<QLabel>(page, "accountSidProblem");
        sid->clear();
        QTest::keyClicks(sid, "AX");
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains("must be AC followed by 32 hexadecimal digits"),
                 qPrintable(problem->text()));
        QTest::keyClick(sid, Qt::Key_Backspace);
        QTest::keyClicks(sid, "C12ab");
        QVERIFY(problem->isHidden()); // on its way to a SID
        QTest::keyClicks(sid, "z");
        QVERIFY(!problem->isHidden());
        QTest::keyClick(sid, Qt::Key_Backspace);
        QVERIFY(problem->isHidden());
        QTest::keyClick(sid, Qt::Key_Return); // done typing: too short now
        QVERIFY(!problem->isHidden());
    }

    // "Not saved: correct the fields marked in red" goes once none is.
    void theNotSavedNoteGoesOnceTheFieldsAreRight()
    {
        SettingsPage page(*m_settings, *m_secrets);
        auto *sid = field<QLineEdit>(page, "accountSid");
        sid->setText("AC123");
        QVERIFY(!page.save());
        auto *status = field<QLabel>(page, "status");
        QVERIFY(status->text().contains("correct the fields marked in red"));
        sid->clear();
        QTest::keyClicks(sid, "AC" + QString(32, u'a'));
        QVERIFY(field<QLabel>(page, "accountSidProblem")->isHidden());
        QCOMPARE(status->text(), QString());
    }

    void problemsShowAsYouGo()
    {
        SettingsPage page(*m_settings, *m_secrets);
        auto *listen = field<QLineEdit>(page, "listen");
        auto *problem = field<QLabel>(page, "listenProblem");
        listen->clear();
        QTest::keyClicks(listen, "localhost");
        QVERIFY(problem->isHidden()); // not while typing...
        QTest::keyClick(listen, Qt::Key_Return);
        QVERIFY(!problem->isHidden()); // ...but once done
        QVERIFY2(problem->text().contains("HOST:PORT"), qPrintable(problem->text()));
        QTest::keyClicks(listen, ":8080");
        QVERIFY(problem->isHidden()); // and gone as soon as it is right

        auto *url = field<QLineEdit>(page, "publicUrl");
        url->setText("https://example.com/?a=1");
        QTest::keyClick(url, Qt::Key_Return);
        QVERIFY(!field<QLabel>(page, "publicUrlProblem")->isHidden());
    }

    void forgetRemovesAStoredSecret()
    {
        SettingsPage page(*m_settings, *m_secrets);
        field<QCheckBox>(page, "databasePasswordForget")->click();
        QVERIFY(!field<QLineEdit>(page, "databasePassword")->isEnabled());
        QVERIFY(page.save());
        QCOMPARE(secret("database-password"), QByteArray("(none)"));
        QCOMPARE(secret("twilio-auth-token"), authToken); // an empty field keeps what was stored
        QVERIFY(field<QCheckBox>(page, "databasePasswordForget")->isHidden());
        QCOMPARE(field<QLineEdit>(page, "databasePassword")->placeholderText(), QString("not set"));
    }

    // The toll-fraud guard's settings: the default region alone and no costly number types until the
    // operator allows more, here as on `serve`.
    void outgoingCallsReachOnlyWhatIsAllowed()
    {
        {
            SettingsPage page(*m_settings, *m_secrets);
            auto *regions = field<QLineEdit>(page, "allowedRegions");
            QCOMPARE(regions->text(), QString());
            QCOMPARE(regions->placeholderText(), QString("the default region only"));
            for (const QString &type : Phone::numberTypeNamesRefusedByDefault())
                QVERIFY2(!field<QCheckBox>(page, "allow-" + type)->isChecked(), qPrintable(type));

            // A calling code is not a region: +1 is also Jamaica.
            regions->setText("1");
            QTest::keyClick(regions, Qt::Key_Return);
            auto *problem = field<QLabel>(page, "allowedRegionsProblem");
            QVERIFY(!problem->isHidden());
            QVERIFY2(problem->text().contains("calling code") && problem->text().contains("JM"),
                     qPrintable(problem->text()));
            const QByteArray before = settingsBytes();
            QVERIFY(!page.save());
            QCOMPARE(settingsBytes(), before);

            regions->setText("us, ca");
            field<QCheckBox>(page, "allow-premium-rate")->click();
            QVERIFY(page.save());
            QVERIFY(problem->isHidden());
        }
        QStringList problems;
        const auto saved = Config::AppSettings::load(*m_settings, &problems);
        QCOMPARE(problems, QStringList());
        QCOMPARE(saved.allowedRegions, (QStringList { "US", "CA" }));
        QCOMPARE(saved.allowedNumberTypes, QList<Phone::NumberType> { Phone::NumberType::PremiumRate });

        SettingsPage page(*m_settings, *m_secrets);
        QCOMPARE(text(page, "allowedRegions"), QString("US, CA"));
        QVERIFY(field<QCheckBox>(page, "allow-premium-rate")->isChecked());
        QVERIFY(!field<QCheckBox>(page, "allow-satellite")->isChecked());
        screenshot(page, "settings-outgoing-calls.png");
    }

    // How long calls ring and how long a voicemail may be: spin boxes held to the limits that the settings
    // file, `serve` and the router use, saved with the rest; a wrong stored value is said, as others are.
    void ringingAndVoicemailStayWithinTheirLimits()
    {
        {
            SettingsPage page(*m_settings, *m_secrets);
            auto *ring = field<QSpinBox>(page, "dialTimeout");
            auto *voicemail = field<QSpinBox>(page, "voicemailMaxLength");
            QCOMPARE(ring->value(), 60);
            QCOMPARE(voicemail->value(), 120);
            QCOMPARE(ring->minimum(), 5);
            QCOMPARE(ring->maximum(), 600);
            QCOMPARE(voicemail->minimum(), 1);
            QCOMPARE(voicemail->maximum(), 3600);
            QCOMPARE(ring->text(), QString("60 seconds"));

            // Typed beyond Twilio's limit: the field does not take it.
            ring->selectAll();
            QTest::keyClicks(ring, "900");
            QVERIFY2(ring->value() <= 600, qPrintable(ring->text()));
            ring->setValue(25);
            voicemail->setValue(300);
            auto *transcribe = field<QCheckBox>(page, "transcribeVoicemail");
            QVERIFY(!transcribe->isChecked());
            transcribe->click();
            auto *callControl = field<QCheckBox>(page, "callControl");
            QVERIFY(!callControl->isChecked());
            callControl->click();
            QVERIFY(page.save());
            screenshot(page, "settings-ringing.png");
        }
        QCOMPARE(m_settings->value("calls/dialTimeout").toInt(), 25);
        QCOMPARE(m_settings->value("calls/voicemailMaxLength").toInt(), 300);
        QCOMPARE(m_settings->value("calls/transcribeVoicemail").toString(), QString("true"));
        QCOMPARE(m_settings->value("calls/callControl").toString(), QString("true"));
        {
            SettingsPage page(*m_settings, *m_secrets);
            QCOMPARE(field<QSpinBox>(page, "dialTimeout")->value(), 25);
            QCOMPARE(field<QSpinBox>(page, "voicemailMaxLength")->value(), 300);
            QVERIFY(field<QCheckBox>(page, "transcribeVoicemail")->isChecked());
            QVERIFY(field<QCheckBox>(page, "callControl")->isChecked());
        }

        // Written by hand out of bounds: the page says so, shows the default, and a save puts that back.
        m_settings->setValue("calls/dialTimeout", 3);
        SettingsPage page(*m_settings, *m_secrets);
        auto *status = field<QLabel>(page, "status");
        QVERIFY2(status->text().contains("Ring for: give from 5 to 600 seconds (Twilio's limits), not 3"),
                 qPrintable(status->text()));
        QCOMPARE(TextTone::of(status), TextTone::Problem);
        QCOMPARE(field<QSpinBox>(page, "dialTimeout")->value(), 60);
        QCOMPARE(field<QSpinBox>(page, "voicemailMaxLength")->value(), 300);
        QVERIFY(page.save());
        QCOMPARE(m_settings->value("calls/dialTimeout").toInt(), 60);
    }

    // QWidget's destructor hides the page after SettingsPage's members are gone; the focused field's
    // editingFinished then must not run a check that no longer exists (it aborted the process).
    void closingWithAFocusedFieldIsQuiet()
    {
        auto page = std::make_unique<SettingsPage>(*m_settings, *m_secrets);
        field<QLineEdit>(*page, "accountSid")->setText("AC123");
        QVERIFY(!page->save()); // gives the wrong field the focus
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        page.reset();
    }
};

QTEST_MAIN(TestSettingsPage)
#include "TestSettingsPage.moc"
