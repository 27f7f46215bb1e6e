#pragma once

// Where a store test keeps its data: a fresh SQLite file for every test function, or, when
// SWITCHBOARD_TEST_POSTGRES holds a postgresql:// URL, a database of the test's own on that server whose
// schema is emptied before every test function. Tests use it as:
//     StoreTestDatabase m_store { QStringLiteral("TestX") };
//     void initTestCase() { m_store.setUpTestCase(); }
//     void cleanupTestCase() { m_store.tearDown(); }
//     void init() { if (!m_store.openFreshInto(m_database)) return; ... }

#include "core/common/Result.h"
#include "core/store/Database.h"
#include "core/store/DatabaseLocation.h"

#include <QTemporaryDir>
#include <QVariant>

#include <memory>

class StoreTestDatabase
{
public:
    // testName names the PostgreSQL database, so that test executables can run side by side.
    explicit StoreTestDatabase(const QString &testName);

    bool isPostgres() const { return !m_serverUrl.isEmpty(); }

    // Once, in initTestCase(): empty when ready, else why not. A PostgreSQL URL that does not work is a
    // failure, never a reason to skip.
    QString setUp();
    // Once, in cleanupTestCase().
    void tearDown();
    // setUp() for initTestCase() in one statement: fails the test case, saying why, when it is not ready.
    void setUpTestCase();
    // openFresh() for init(): database is a fresh one, or null and the test failed saying why (false).
    bool openFreshInto(std::shared_ptr<Store::Database> &database);

    // Before each test function: a location holding nothing yet.
    Result<Store::DatabaseLocation> freshLocation();
    // The same as a program's --database takes it: a file path, or a postgresql:// URL.
    Result<QString> freshDatabaseArgument();
    // The same, opened (migrations applied).
    Result<std::shared_ptr<Store::Database>> openFresh();

    // A client straight into the table, without a secret worth checking: ClientStore::add() would spend
    // 0.1 s hashing a secret the tests never use.
    static bool addClient(const std::shared_ptr<Store::Database> &database, const QString &name,
                          bool disabled = false);

    // Runs sql on a connection of its own, outside Store::Database (which may refuse the database), and
    // returns the rows' first column.
    static Result<QVariantList> rawQuery(const Store::DatabaseLocation &location, const QString &sql);

private:
    QString urlFor(const QString &databaseName) const;

    QString m_testName;
    QString m_serverUrl;
    QString m_databaseName;
    QTemporaryDir m_directory;
    int m_files = 0;
};
