// Not a test: takes the Clients page's screenshots for the documentation (what TestClientsPage::screenshots
// did, a test that skipped itself everywhere but on a developer's machine). Run offscreen:
//     QT_QPA_PLATFORM=offscreen build/tests/ui/admin/ClientsPageScreenshots DIRECTORY
// It writes clients-empty.png, clients.png, client-secret.png, client-add.png and client-add-invalid.png,
// from a throwaway database with made-up clients and numbers (never a real secret).

#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"
#include "core/store/NumberStore.h"
#include "ui/admin/ClientDialog.h"
#include "ui/admin/ClientsPage.h"
#include "ui/admin/SecretShownOnceDialog.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using Admin::ClientDialog;
using Admin::ClientsPage;
using Admin::SecretShownOnceDialog;

namespace {

bool failed = false;

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "ClientsPageScreenshots: %s\n", what);
        failed = true;
    }
}

void save(QWidget *widget, const QDir &directory, const QString &fileName)
{
    widget->show();
    check(QTest::qWaitForWindowExposed(widget), "a window was never shown");
    const QString path = directory.filePath(fileName);
    check(widget->grab().save(path), qPrintable(QStringLiteral("cannot write %1").arg(path)));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIRECTORY (run with QT_QPA_PLATFORM=offscreen)\n", argv[0]);
        return 2;
    }
    const QDir directory(QString::fromLocal8Bit(argv[1]));
    if (!QDir().mkpath(directory.path())) {
        std::fprintf(stderr, "ClientsPageScreenshots: cannot make the directory %s\n", argv[1]);
        return 1;
    }
    QTemporaryDir temporary;
    auto database = Store::Database::open(
        *Store::DatabaseLocation::parse(temporary.filePath(QStringLiteral("clients.sqlite"))));
    if (!database) {
        std::fprintf(stderr, "ClientsPageScreenshots: %s\n", qPrintable(database.error()));
        return 1;
    }
    {
        ClientsPage empty(*database, QStringLiteral("JP"));
        empty.resize(900, 640);
        save(&empty, directory, QStringLiteral("clients-empty.png"));
    }

    Store::ClientStore clients(*database);
    Store::NumberStore numbers(*database);
    for (const char *name : { "alice", "front_desk", "warehouse", "old_tablet" })
        check(bool(clients.add(QString::fromLatin1(name), QByteArrayLiteral("12345678"))),
              "cannot add a client");
    check(bool(clients.setDisabled(QStringLiteral("old_tablet"), true)), "cannot disable a client");
    const struct
    {
        const char *number, *client, *label;
    } mappings[] = { { "+815031234567", "alice", "Office" },
                     { "+815031234568", "alice", "Support line" },
                     { "+815031234569", "alice", "Old fax" },
                     { "+81312345678", "front_desk", "Reception" },
                     { "+14155550100", "warehouse", "US orders" } };
    for (const auto &mapping : mappings)
        check(bool(numbers.add(QString::fromLatin1(mapping.number), QString::fromLatin1(mapping.client),
                               QString::fromLatin1(mapping.label))),
              "cannot add a number");
    check(bool(numbers.setEnabled(QStringLiteral("+815031234569"), false)), "cannot disable a number");

    ClientsPage page(*database, QStringLiteral("JP"));
    page.resize(900, 640);
    save(&page, directory, QStringLiteral("clients.png"));

    SecretShownOnceDialog shown(QStringLiteral("alice"), QStringLiteral("example-secret-not-real"), &page);
    save(&shown, directory, QStringLiteral("client-secret.png"));
    shown.close();

    ClientDialog adding([](const QString &, const QByteArray &) { return QString(); }, &page);
    save(&adding, directory, QStringLiteral("client-add.png"));
    adding.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("front desk"));
    adding.findChild<QRadioButton *>(QStringLiteral("type"))->click();
    adding.findChild<QLineEdit *>(QStringLiteral("secret"))->setText(QStringLiteral("short"));
    adding.findChild<QLineEdit *>(QStringLiteral("secretAgain"))->setText(QStringLiteral("short"));
    save(&adding, directory, QStringLiteral("client-add-invalid.png"));
    adding.close();
    return failed ? 1 : 0;
}
