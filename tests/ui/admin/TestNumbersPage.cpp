#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "core/store/NumberTableModel.h"
#include "tests/support/MarkupLabels.h"
#include "tests/support/StoreTestDatabase.h"
#include "ui/TextTone.h"
#include "ui/admin/NumberImportDialog.h"
#include "ui/admin/NumbersPage.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using Admin::NumberImportDialog;
using Admin::NumbersPage;
using Ui::TextTone;

class TestNumbersPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Store::Database> m_database;
    int m_databases = 0;

    QStringList storedNumbers() const
    {
        QStringList numbers;
        for (const auto &mapping : Store::NumberStore(m_database, "JP").list())
            numbers << mapping.e164 + "=" + mapping.clientName + "/" + mapping.label;
        return numbers;
    }

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(contents);
        return file.fileName();
    }

    // Runs check on the modal dialog the page opens, then closes it with close.
    static void onModalDialog(std::function<void(NumberImportDialog *)> check)
    {
        QTimer::singleShot(0, [check] {
            auto *dialog = qobject_cast<NumberImportDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            check(dialog);
            if (dialog->isVisible())
                dialog->reject();
        });
    }

    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
        if (!directory.isEmpty())
            QVERIFY(widget->grab().save(directory + "/" + name));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto database = Store::Database::open(
            *Store::DatabaseLocation::parse(m_dir.filePath(QString("numbers%1.sqlite").arg(++m_databases))));
        QVERIFY2(database, qPrintable(database.error()));
        m_database = *database;
        QVERIFY(StoreTestDatabase::addClient(m_database, "alice"));
        QVERIFY(StoreTestDatabase::addClient(m_database, "bob"));
        Store::NumberStore numbers(m_database, "JP");
        QVERIFY(numbers.add("+815031234567", "alice", "Tokyo office"));
        QVERIFY(numbers.add("+815031230000", "bob", "Osaka"));
    }

    void cleanup() { m_database.reset(); }

    // The desktop phone's own client comes first in "rings", marked as this phone, and a number added
    // with it rings that client.
    void offersThisPhoneFirst()
    {
        QVERIFY(Store::ClientStore(m_database).ensureWithoutSecret("desktop"));
        NumbersPage page(m_database, "JP");
        page.setThisPhone("desktop");
        auto *rings = page.findChild<QComboBox *>("newClient");
        QCOMPARE(rings->count(), 3);
        QCOMPARE(rings->itemText(0), QString("desktop (this phone)"));
        QCOMPARE(rings->itemText(1), QString("alice"));
        QCOMPARE(rings->currentIndex(), 0);
        page.findChild<QLineEdit *>("newNumber")->setText("+81 50-3123-9999");
        page.findChild<QPushButton *>("add")->click();
        QVERIFY2(storedNumbers().contains("+815031239999=desktop/"), qPrintable(storedNumbers().join(' ')));
        QVERIFY2(page.message().contains("it rings desktop."), qPrintable(page.message()));
        // The choice survives a refresh.
        rings->setCurrentText("bob");
        page.refresh();
        QCOMPARE(rings->currentText(), QString("bob"));
    }

    // Without any client, the page names this phone's client instead of a vague "add a client".
    void withoutClientsItNamesThisPhone()
    {
        QTemporaryDir empty;
        auto database
            = Store::Database::open(*Store::DatabaseLocation::parse(empty.filePath("empty.sqlite")));
        QVERIFY2(database, qPrintable(database.error()));
        NumbersPage page(*database, "JP");
        page.setThisPhone("desktop");
        auto *add = page.findChild<QPushButton *>("add");
        QVERIFY(!add->isEnabled());
        QVERIFY2(add->toolTip().contains("client desktop"), qPrintable(add->toolTip()));
    }

    void addsANumberTypedNationally()
    {
        NumbersPage page(m_database, "JP");
        page.findChild<QLineEdit *>("newNumber")->setText("03-1234-5678");
        page.findChild<QComboBox *>("newClient")->setCurrentText("bob");
        page.findChild<QLineEdit *>("newLabel")->setText("Head office");
        QSignalSpy changed(&page, &NumbersPage::numbersChanged);
        page.findChild<QPushButton *>("add")->click();
        QCOMPARE(changed.count(), 1);
        QVERIFY(storedNumbers().contains("+81312345678=bob/Head office"));
        QVERIFY2(page.message().contains("+81 3-1234-5678"), qPrintable(page.message()));
        QVERIFY(page.findChild<QLineEdit *>("newNumber")->text().isEmpty());
    }

    void theNewNumberIsCheckedAsItIsTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("said");
        QTest::newRow("national") << "03-1234-5678"
                                  << "Will be stored as +81312345678";
        QTest::newRow("mapped already") << "050-3123-0000"
                                        << "+81 50-3123-0000 rings client bob already.";
        QTest::newRow("too short") << "12"
                                   << "";
    }

    void theNewNumberIsCheckedAsItIsTyped()
    {
        QFETCH(QString, typed);
        QFETCH(QString, said);
        NumbersPage page(m_database, "JP");
        auto *check = page.findChild<QLabel *>("newNumberCheck");
        QVERIFY(check->isHidden());
        QTest::keyClicks(page.findChild<QLineEdit *>("newNumber"), typed);
        QVERIFY(!check->isHidden());
        QVERIFY(!check->text().isEmpty());
        QVERIFY2(check->text().contains(said), qPrintable(check->text()));
        QCOMPARE(TextTone::of(check), said.startsWith("Will") ? TextTone::Hint : TextTone::Problem);
    }

    // What is typed is quoted back as it is, never read as markup.
    void typedMarkupShowsAsItIs()
    {
        using MarkupLabels::markup;
        NumbersPage page(m_database, "JP");
        QTest::keyClicks(page.findChild<QLineEdit *>("newNumber"), markup);
        page.findChild<QPushButton *>("add")->click();
        const QStringList labels = MarkupLabels::labelsShowing(&page);
        QVERIFY2(labels.size() >= 2, qPrintable(labels.join('\n')));
        QVERIFY2(labels.filter("[plain]") == labels, qPrintable(labels.join('\n')));
    }

    void aRefusedAddSaysWhyAndAddsNothing()
    {
        NumbersPage page(m_database, "JP");
        const QStringList before = storedNumbers();
        page.findChild<QLineEdit *>("newNumber")->setText("050-3123-0000");
        page.findChild<QComboBox *>("newClient")->setCurrentText("alice");
        page.findChild<QPushButton *>("add")->click();
        QVERIFY2(page.message().contains("already mapped to client bob"), qPrintable(page.message()));
        QCOMPARE(storedNumbers(), before);
        QCOMPARE(page.findChild<QLineEdit *>("newNumber")->text(), QString("050-3123-0000")); // kept to fix
    }

    void anEditThatViolatesAConstraintShowsWhyAndChangesNothing()
    {
        NumbersPage page(m_database, "JP");
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = page.findChild<QTableView *>();
        const QStringList before = storedNumbers();
        // Row 1 is +815031234567 (sorted by number); give it bob's number.
        const QModelIndex number = table->model()->index(1, Store::NumberTableModel::NumberColumn);
        QCOMPARE(number.data(Qt::EditRole).toString(), QString("+815031234567"));
        table->setCurrentIndex(number);
        table->edit(number);
        auto *editor = table->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, "+81 50-3123-0000");
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY2(page.message().contains("already mapped to client bob"), qPrintable(page.message()));
        QCOMPARE(storedNumbers(), before);
        QCOMPARE(number.data(Qt::EditRole).toString(), QString("+815031234567"));
        screenshot(&page, "numbers.png");

        // A good edit is stored at once.
        table->edit(table->model()->index(1, Store::NumberTableModel::LabelColumn));
        editor = table->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, "Tokyo HQ");
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(storedNumbers().contains("+815031234567=alice/Tokyo HQ"));
        QCOMPARE(page.message(), QString("Saved."));
    }

    void deleteRemovesTheSelectedNumbersAfterAsking()
    {
        NumbersPage page(m_database, "JP");
        page.show();
        QApplication::setActiveWindow(&page); // shortcuts work in the active window only
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *table = page.findChild<QTableView *>();
        table->setFocus();
        table->selectRow(0); // +815031230000, bob
        for (const auto answer : { QMessageBox::No, QMessageBox::Yes }) {
            QApplication::setActiveWindow(&page); // again: the question was the active window
            QVERIFY(QTest::qWaitForWindowActive(&page));
            table->setFocus();
            QTimer::singleShot(0, [answer] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                QVERIFY2(box->text().contains("+815031230000"), qPrintable(box->text()));
                box->button(answer)->click();
            });
            QTest::keyClick(page.windowHandle(), Qt::Key_Delete); // through the window: shortcuts see it
        }
        QCOMPARE(storedNumbers(), QStringList({ "+815031234567=alice/Tokyo office" }));
        QCOMPARE(table->model()->rowCount(), 1);
        QVERIFY2(page.message().contains("Removed 1"), qPrintable(page.message()));
    }

    // Numbers mapped elsewhere (the command line, another server) show the next time the page shows.
    void showsNumbersMappedElsewhereWhenShown()
    {
        NumbersPage page(m_database, "JP");
        auto *table = page.findChild<QTableView *>();
        QCOMPARE(table->model()->rowCount(), 2);
        QVERIFY(Store::NumberStore(m_database).add("+81 50-3123-7777", "alice"));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(table->model()->rowCount(), 3);
    }

    void searchFiltersTheTable()
    {
        NumbersPage page(m_database, "JP");
        auto *table = page.findChild<QTableView *>();
        QCOMPARE(table->model()->rowCount(), 2);
        page.findChild<QLineEdit *>("search")->setText("osaka");
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, Store::NumberTableModel::ClientColumn).data().toString(),
                 QString("bob"));
    }

    void aCsvWithOneBadRowImportsNothingAndNamesTheRow()
    {
        NumbersPage page(m_database, "JP");
        const QStringList before = storedNumbers();
        const QString path = writeFile("one-bad.csv",
                                       "number,client,label\n"
                                       "+815031239001,alice,first\n"
                                       "+815031239002,carol,second\n" // line 3: no such client
                                       "+815031239003,bob,third\n");
        bool checked = false;
        onModalDialog([&checked](NumberImportDialog *dialog) {
            QCOMPARE(dialog->problemCount(), 1);
            QVERIFY(!dialog->canImport());
            for (auto *button : dialog->findChildren<QPushButton *>()) // nothing will be imported
                QVERIFY2(!button->text().contains(QRegularExpression("[0-9]")), qPrintable(button->text()));
            QVERIFY2(dialog->summary().contains("line 3: no client named carol"),
                     qPrintable(dialog->summary()));
            screenshot(dialog, "number-import.png");
            dialog->importAll(); // refused: nothing may be added
            checked = true;
        });
        page.importFile(path);
        QVERIFY(checked);
        QCOMPARE(storedNumbers(), before);
        QVERIFY2(page.message().contains("line 3"), qPrintable(page.message()));
    }

    void aGoodCsvImportsEveryRow()
    {
        NumbersPage page(m_database, "JP");
        QSignalSpy changed(&page, &NumbersPage::numbersChanged);
        const QString path
            = writeFile("good.csv", "+815031239001,alice,first\n050-3123-9002,bob,second,no\n");
        onModalDialog([](NumberImportDialog *dialog) {
            QVERIFY(dialog->canImport());
            // Numbers as the table shows them; the button counts what will be imported.
            auto *preview = dialog->findChild<QTableWidget *>();
            QStringList numbers;
            for (int row = 0; row < preview->rowCount(); ++row)
                numbers << preview->item(row, 1)->text();
            QCOMPARE(numbers, QStringList({ "+81 50-3123-9001", "+81 50-3123-9002" }));
            QStringList buttons;
            for (auto *button : dialog->findChildren<QPushButton *>())
                buttons << button->text();
            QVERIFY2(!buttons.filter("Import 2 number").isEmpty(), qPrintable(buttons.join(", ")));
            dialog->importAll();
            QCOMPARE(dialog->importedCount(), 2);
        });
        page.importFile(path);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(storedNumbers().size(), 4);
        QVERIFY(storedNumbers().contains("+815031239002=bob/second"));
        QCOMPARE(page.findChild<QTableView *>()->model()->rowCount(), 4);
        QVERIFY2(page.message().contains("Imported 2"), qPrintable(page.message()));
    }

    void aFileThatIsNoCsvSaysWhy()
    {
        NumbersPage page(m_database, "JP");
        page.importFile(writeFile("open-quote.csv", "+815031239001,\"alice\n"));
        QVERIFY2(page.message().contains("line 1"), qPrintable(page.message()));
        page.importFile(m_dir.filePath("missing.csv"));
        QVERIFY2(page.message().contains("cannot be read"), qPrintable(page.message()));
    }

    void exportsWhatImportReads()
    {
        NumbersPage page(m_database, "JP");
        const auto written = page.exportTo(m_dir.filePath("export.csv"));
        QVERIFY2(written, qPrintable(written.error()));
        QCOMPARE(*written, 2);
        QFile file(m_dir.filePath("export.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(),
                 QByteArray("number,client,label,enabled\r\n"
                            "+815031230000,bob,Osaka,yes\r\n"
                            "+815031234567,alice,Tokyo office,yes\r\n"));
        QVERIFY(!page.exportTo(m_dir.filePath("no/such/dir/export.csv")));
    }
};

QTEST_MAIN(TestNumbersPage)
#include "TestNumbersPage.moc"
