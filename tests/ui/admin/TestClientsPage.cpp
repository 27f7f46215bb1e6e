#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "ui/TextTone.h"
#include "ui/admin/ClientDialog.h"
#include "ui/admin/ClientsPage.h"
#include "ui/admin/SecretShownOnceDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <functional>

using Admin::ClientDialog;
using Admin::ClientsPage;
using Admin::SecretShownOnceDialog;
using Ui::TextTone;

namespace {

QStringList loggedMessages;
QtMessageHandler previousHandler = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    loggedMessages << message;
    previousHandler(type, context, message);
}

} // namespace

// Dialogs run modally from the page's buttons; a watcher answers each with the handler the test expects
// next, and closes any other one (recorded as unexpected) so that no test can hang on exec().
class TestClientsPage : public QObject
{
    Q_OBJECT

    struct Expected
    {
        const QMetaObject *type;
        std::function<void(QWidget *)> handle;
    };

    QTemporaryDir m_dir;
    int m_databases = 0;
    std::shared_ptr<Store::Database> m_database;
    std::unique_ptr<Store::ClientStore> m_clients;
    QTimer m_watcher;
    QList<Expected> m_expected;
    QStringList m_unexpected;

    void watch()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        if (!m_expected.isEmpty() && modal->metaObject()->inherits(m_expected.constFirst().type)) {
            const Expected expected = m_expected.takeFirst();
            expected.handle(modal);
            if (modal->isVisible()) // the handler failed before closing it
                modal->close();
            return;
        }
        m_unexpected << QString::fromLatin1(modal->metaObject()->className());
        modal->close();
    }

    template<typename Dialog> void expect(std::function<void(Dialog *)> handle)
    {
        m_expected.append({ &Dialog::staticMetaObject,
                            [handle](QWidget *widget) { handle(static_cast<Dialog *>(widget)); } });
    }

    static QPushButton *button(QWidget *parent, const char *objectName)
    {
        return parent->findChild<QPushButton *>(QString::fromLatin1(objectName));
    }

    static QPushButton *okButton(QDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    static void typeSecret(ClientDialog *dialog, const QString &secret, const QString &again)
    {
        dialog->findChild<QRadioButton *>("type")->click();
        dialog->findChild<QLineEdit *>("secret")->setText(secret);
        dialog->findChild<QLineEdit *>("secretAgain")->setText(again);
    }

    static QString text(const QWidget *parent, const char *objectName)
    {
        return parent->findChild<QLabel *>(QString::fromLatin1(objectName))->text();
    }

    static QString cell(ClientsPage &page, int row, int column)
    {
        auto *table = page.findChild<QTableView *>("clients");
        return table->model()->index(row, column).data().toString();
    }

    static int rows(ClientsPage &page)
    {
        return page.findChild<QTableView *>("clients")->model()->rowCount();
    }

    static void selectRow(ClientsPage &page, int row)
    {
        page.findChild<QTableView *>("clients")->selectRow(row);
    }

    // Every text the application's widgets show or hold.
    static QStringList allTexts()
    {
        QStringList texts;
        for (QWidget *widget : QApplication::allWidgets()) {
            texts << widget->windowTitle() << widget->toolTip() << widget->accessibleName();
            if (auto *label = qobject_cast<QLabel *>(widget))
                texts << label->text();
            if (auto *field = qobject_cast<QLineEdit *>(widget))
                texts << field->text();
            if (auto *button = qobject_cast<QAbstractButton *>(widget))
                texts << button->text();
            if (auto *tree = qobject_cast<QTreeWidget *>(widget)) {
                for (int i = 0; i < tree->topLevelItemCount(); ++i)
                    for (int column = 0; column < tree->columnCount(); ++column)
                        texts << tree->topLevelItem(i)->text(column)
                              << tree->topLevelItem(i)->toolTip(column);
            }
            if (auto *table = qobject_cast<QTableView *>(widget)) {
                const QAbstractItemModel *model = table->model();
                for (int row = 0; row < model->rowCount(); ++row)
                    for (int column = 0; column < model->columnCount(); ++column)
                        for (int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole) })
                            texts << model->index(row, column).data(role).toString();
            }
        }
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        previousHandler = qInstallMessageHandler(recordMessage);
        connect(&m_watcher, &QTimer::timeout, this, &TestClientsPage::watch);
        m_watcher.start(20);
    }

    void init()
    {
        auto database = Store::Database::open(
            *Store::DatabaseLocation::parse(m_dir.filePath(QString("clients-%1.sqlite").arg(++m_databases))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        m_clients = std::make_unique<Store::ClientStore>(m_database);
        m_expected.clear();
        m_unexpected.clear();
    }

    void cleanup()
    {
        QVERIFY2(m_unexpected.isEmpty(), qPrintable(m_unexpected.join(", ")));
        QVERIFY2(m_expected.isEmpty(), "an expected dialog was never shown");
        m_clients.reset();
        m_database.reset();
    }

    // The desktop phone's own client reads "this phone", needs no secret, and the page never offers one
    // for it (nor its removal); every other client is as before.
    void showsThisPhoneWithoutASecret()
    {
        QVERIFY(m_clients->ensureWithoutSecret("desktop"));
        QVERIFY(m_clients->add("alice", "alices secret"));
        ClientsPage page(m_database, "JP");
        page.setThisPhone("desktop");
        page.show();
        QCOMPARE(rows(page), 2);
        QCOMPARE(cell(page, 1, 0), QString("desktop (this phone)"));
        QCOMPARE(cell(page, 1, 1), QString("Enabled"));
        QCOMPARE(cell(page, 0, 0), QString("alice"));
        selectRow(page, 1);
        QVERIFY(!button(&page, "setSecret")->isEnabled());
        QVERIFY(!button(&page, "remove")->isEnabled());
        QVERIFY(button(&page, "toggle")->isEnabled());
        QVERIFY(button(&page, "setSecret")->toolTip().contains("needs no secret"));
        QVERIFY(text(&page, "numbersTitle").contains("(this phone)"));
        QVERIFY(text(&page, "numbersHint").contains("Simulate incoming call maps one"));
        selectRow(page, 0);
        QVERIFY(button(&page, "setSecret")->isEnabled());
        QVERIFY(button(&page, "remove")->isEnabled());
        QVERIFY(m_unexpected.isEmpty());
    }

    // A client without a secret that is not this phone says it can get no token.
    void saysWhenAClientHasNoSecret()
    {
        QVERIFY(m_clients->ensureWithoutSecret("oldphone"));
        ClientsPage page(m_database, "JP");
        page.setThisPhone("desktop");
        QCOMPARE(cell(page, 0, 0), QString("oldphone"));
        QCOMPARE(cell(page, 0, 1), QString("Enabled, no secret"));
    }

    void emptyStateSaysWhatAClientIs()
    {
        ClientsPage page(m_database, "JP");
        QCOMPARE(rows(page), 0);
        QVERIFY(text(&page, "emptyState").contains("a Twilio Voice client identity"));
        QVERIFY(text(&page, "emptyState").contains("Add client"));
        QVERIFY(page.findChild<QLabel *>("emptyState")->isVisibleTo(&page));
        QVERIFY2(!page.findChild<QTreeWidget *>("numbers")->isVisibleTo(&page),
                 "no numbers pane without clients");
        QVERIFY(!button(&page, "setSecret")->isEnabled());
        QVERIFY(!button(&page, "toggle")->isEnabled());
        QVERIFY(!button(&page, "remove")->isEnabled());
    }

    void addsAClientAndShowsItsGeneratedSecretOnce()
    {
        ClientsPage page(m_database, "JP");
        QSignalSpy changed(&page, &ClientsPage::clientsChanged);
        QString shownSecret;
        expect<ClientDialog>([](ClientDialog *dialog) {
            auto *name = dialog->findChild<QLineEdit *>("name");
            QVERIFY(!okButton(dialog)->isEnabled());
            name->setText("alice smith");
            QVERIFY(!okButton(dialog)->isEnabled());
            QVERIFY2(text(dialog, "nameProblem").contains("only letters"),
                     qPrintable(text(dialog, "nameProblem")));
            QCOMPARE(TextTone::of(dialog->findChild<QLabel *>("nameProblem")), TextTone::Problem);
            name->setText("alice");
            QVERIFY(dialog->findChild<QRadioButton *>("generate")->isChecked());
            QVERIFY(okButton(dialog)->isEnabled());
            okButton(dialog)->click();
        });
        expect<SecretShownOnceDialog>([&shownSecret](SecretShownOnceDialog *dialog) {
            auto *field = dialog->findChild<QLineEdit *>("secret");
            QVERIFY(field->isReadOnly());
            shownSecret = field->text();
            QVERIFY(dialog->windowTitle().contains("alice"));
            const QString explanation = dialog->findChildren<QLabel *>().last()->text();
            QVERIFY2(explanation.contains("will not be shown again"), qPrintable(explanation));
            QVERIFY(explanation.contains("POST /token"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Close)->click();
        });
        button(&page, "add")->click();

        QCOMPARE(shownSecret.size(), 32);
        QVERIFY(m_clients->find("alice"));
        const auto authenticated = m_clients->authenticate("alice", shownSecret.toLatin1());
        QVERIFY2(authenticated, qPrintable(authenticated.error()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(rows(page), 1);
        QCOMPARE(cell(page, 0, 0), QString("alice"));
        QCOMPARE(cell(page, 0, 1), QString("Enabled"));
        QCOMPARE(cell(page, 0, 2), QString("0"));
        QVERIFY(text(&page, "status").contains("Added client alice"));
        for (const QString &text : allTexts())
            QVERIFY2(!text.contains(shownSecret), "the secret is shown once only");
        QVERIFY(!loggedMessages.isEmpty());
        for (const QString &message : std::as_const(loggedMessages))
            QVERIFY2(!message.contains(shownSecret), "secrets are never logged");
    }

    void refusesADuplicateNameAndKeepsTheInput()
    {
        QVERIFY(m_clients->add("bob", "bobs secret"));
        ClientsPage page(m_database, "JP");
        QSignalSpy changed(&page, &ClientsPage::clientsChanged);
        expect<ClientDialog>([](ClientDialog *dialog) {
            dialog->findChild<QLineEdit *>("name")->setText("bob");
            typeSecret(dialog, "another secret", "another secret");
            okButton(dialog)->click();
            QVERIFY(dialog->isVisible());
            QCOMPARE(text(dialog, "refusal"), QString("A client named bob exists already."));
            QCOMPARE(TextTone::of(dialog->findChild<QLabel *>("refusal")), TextTone::Problem);
            QCOMPARE(dialog->findChild<QLineEdit *>("name")->text(), QString("bob"));
            dialog->reject();
        });
        button(&page, "add")->click();
        QCOMPARE(m_clients->list().size(), 1);
        QCOMPARE(rows(page), 1);
        QCOMPARE(changed.size(), 0);
        QVERIFY2(m_clients->authenticate("bob", "bobs secret"), "the first secret still holds");
    }

    void typedSecretMustBeLongEnoughAndMatch()
    {
        ClientsPage page(m_database, "JP");
        expect<ClientDialog>([](ClientDialog *dialog) {
            dialog->findChild<QLineEdit *>("name")->setText("carol");
            typeSecret(dialog, "1234567", "1234567");
            QVERIFY(!okButton(dialog)->isEnabled());
            QVERIFY(text(dialog, "secretProblem").contains("At least 8"));
            okButton(dialog)->click(); // disabled: nothing happens
            QVERIFY(dialog->isVisible());
            typeSecret(dialog, "12345678", "12345679");
            QVERIFY(!okButton(dialog)->isEnabled());
            QCOMPARE(text(dialog, "secretProblem"), QString("The two secrets differ."));
            typeSecret(dialog, "12345678", "12345678");
            QVERIFY(okButton(dialog)->isEnabled());
            okButton(dialog)->click();
        });
        // No SecretShownOnceDialog is expected: a typed secret is known already, and the watcher would
        // record one as unexpected.
        button(&page, "add")->click();
        QVERIFY(m_clients->authenticate("carol", "12345678"));
    }

    void setsANewSecret()
    {
        QVERIFY(m_clients->add("alice", "old secret"));
        ClientsPage page(m_database, "JP");
        QString shownSecret;
        expect<ClientDialog>([](ClientDialog *dialog) {
            QVERIFY(dialog->findChild<QLineEdit *>("name")->isReadOnly());
            okButton(dialog)->click();
        });
        expect<SecretShownOnceDialog>([&shownSecret](SecretShownOnceDialog *dialog) {
            shownSecret = dialog->findChild<QLineEdit *>("secret")->text();
            dialog->accept();
        });
        button(&page, "setSecret")->click();
        QVERIFY(m_clients->authenticate("alice", shownSecret.toLatin1()));
        QVERIFY(!m_clients->authenticate("alice", "old secret"));
    }

    void disablesAndEnables()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        QVERIFY(m_clients->add("bob", "12345678"));
        ClientsPage page(m_database, "JP");
        QSignalSpy changed(&page, &ClientsPage::clientsChanged);
        selectRow(page, 1);
        QPushButton *toggle = button(&page, "toggle");
        QCOMPARE(toggle->text(), QString("&Disable"));
        toggle->click();
        QVERIFY(m_clients->find("bob")->disabled);
        QVERIFY(!m_clients->find("alice")->disabled);
        QCOMPARE(cell(page, 1, 1), QString("Disabled"));
        QCOMPARE(toggle->text(), QString("&Enable"));
        QCOMPARE(changed.size(), 1);
        toggle->click();
        QVERIFY(!m_clients->find("bob")->disabled);
        QCOMPARE(cell(page, 1, 1), QString("Enabled"));
        QCOMPARE(changed.size(), 2);
    }

    void removeIsRefusedWhileTheClientOwnsNumbers()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        QVERIFY(Store::NumberStore(m_database).add("+815031234567", "alice"));
        ClientsPage page(m_database, "JP");
        QSignalSpy changed(&page, &ClientsPage::clientsChanged);
        // Said in the first box, which offers nothing to confirm.
        bool offeredRemove = true;
        QString said;
        expect<QMessageBox>([&](QMessageBox *box) {
            said = box->text();
            const QList<QAbstractButton *> choices = box->buttons(); // one list: begin and end must match
            offeredRemove = std::any_of(choices.cbegin(), choices.cend(),
                                        [](QAbstractButton *choice) { return choice->text() == "Remove"; });
            box->button(QMessageBox::Ok)->click();
        });
        button(&page, "remove")->click();
        QVERIFY2(said.contains("Client alice cannot be removed while numbers ring it: +81 50-3123-4567"),
                 qPrintable(said));
        QVERIFY(!offeredRemove);
        QVERIFY(m_clients->find("alice"));
        QCOMPARE(rows(page), 1);
        QCOMPARE(changed.size(), 0);
    }

    void removesAfterConfirmation()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        QVERIFY(m_clients->add("bob", "12345678"));
        ClientsPage page(m_database, "JP");
        QSignalSpy changed(&page, &ClientsPage::clientsChanged);
        selectRow(page, 1);
        expect<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Cancel)->click(); });
        button(&page, "remove")->click();
        QVERIFY2(m_clients->find("bob"), "cancelled");
        expect<QMessageBox>([](QMessageBox *box) {
            for (QAbstractButton *choice : box->buttons())
                if (choice->text() == "Remove")
                    choice->click();
        });
        button(&page, "remove")->click();
        QVERIFY(!m_clients->find("bob"));
        QVERIFY(m_clients->find("alice"));
        QCOMPARE(rows(page), 1);
        QCOMPARE(changed.size(), 1);
    }

    void listsTheSelectedClientsNumbers()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        QVERIFY(m_clients->add("bob", "12345678"));
        Store::NumberStore numbers(m_database);
        QVERIFY(numbers.add("+815031234567", "alice", "Office"));
        QVERIFY(numbers.add("+815031234568", "alice", "Shop"));
        QVERIFY(numbers.setEnabled("+815031234568", false));
        ClientsPage page(m_database, "JP");
        QCOMPARE(cell(page, 0, 2), QString("2"));
        QCOMPARE(text(&page, "numbersTitle"), QString("<b>Numbers of alice</b>"));
        auto *list = page.findChild<QTreeWidget *>("numbers");
        QVERIFY(list->isVisibleTo(&page));
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), QString("+81 50-3123-4567"));
        QCOMPARE(list->topLevelItem(0)->text(1), QString("Office"));
        QCOMPARE(list->topLevelItem(0)->text(2), QString("Enabled"));
        QCOMPARE(list->topLevelItem(1)->text(2), QString("Disabled"));

        selectRow(page, 1);
        QCOMPARE(text(&page, "numbersTitle"), QString("<b>Numbers of bob</b>"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(list->topLevelItem(0)->text(0).contains("No number rings bob"));

        // A refresh keeps bob selected, and sees a number mapped meanwhile.
        QVERIFY(numbers.add("+815099999999", "bob"));
        page.refresh();
        QCOMPARE(text(&page, "numbersTitle"), QString("<b>Numbers of bob</b>"));
        QCOMPARE(list->topLevelItem(0)->text(0), QString("+81 50-9999-9999"));
        QCOMPARE(cell(page, 1, 2), QString("1"));
    }
};

QTEST_MAIN(TestClientsPage)
#include "TestClientsPage.moc"
