#pragma once

// A write transaction on the calling thread's connection, rolled back unless committed, so that no failure
// leaves half a change behind.

#include "core/common/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace Store {

class Database;

class Transaction
{
public:
    explicit Transaction(const Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // SQLite: BEGIN IMMEDIATE, which takes the write lock now (waiting up to the busy timeout) rather than
    // failing with "database is locked" half-way when a read has to become a write.
    Result<void> begin();
    Result<void> commit();
    void rollback();

    // Rolls back, then fails with error. Call it while the transaction's statements still exist: PostgreSQL
    // can only release their prepared forms once the failed transaction has ended.
    Failure fail(const QString &error)
    {
        rollback();
        return Failure(error);
    }

    bool isActive() const { return m_active; }
    const Database &database() const { return m_database; }
    QSqlDatabase connection() const { return m_connection; }

private:
    const Database &m_database;
    QSqlDatabase m_connection;
    bool m_active = false;
};

} // namespace Store
