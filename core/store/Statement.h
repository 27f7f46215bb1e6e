#pragma once

// One prepared statement with bound values, whose failures become sentences for people and log lines (with
// the SQL) for developers.

#include "core/common/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>

namespace Store {

class Database;
class Transaction;

class Statement
{
public:
    // ConstraintViolation: any other constraint (NOT NULL, a trigger's RAISE). Other: the database's
    // trouble rather than the data's (locked, unreachable, full, ...).
    enum class Failure {
        None,
        UniqueViolation,
        ForeignKeyViolation,
        CheckViolation,
        ConstraintViolation,
        Other
    };
    // A violation of some constraint: the same statement with the same values would fail again.
    static bool isConstraintViolation(Failure failure)
    {
        return failure != Failure::None && failure != Failure::Other;
    }

    // Cached statements are prepared once per thread's connection and reused; Once is for SQL that is
    // built on the fly and would crowd the cache.
    enum class Reuse { Cached, Once };

    // On the calling thread's connection, in autocommit mode: reconnects if the connection was lost.
    Statement(const Database &database, const QString &sql, Reuse reuse = Reuse::Cached);
    // Inside transaction: never reconnects, so a lost connection fails the transaction instead of letting
    // the rest of it commit piecemeal.
    Statement(const Transaction &transaction, const QString &sql, Reuse reuse = Reuse::Cached);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(const QVariant &value); // the next '?'
    // Text for a NOT NULL column: Qt binds a null QString as NULL, so a default-constructed one becomes ''.
    Statement &bindText(const QString &value) { return bind(textValue(value)); }
    static QVariant textValue(const QString &value) { return value.isNull() ? QStringLiteral("") : value; }
    void bindAt(int position, const QVariant &value); // to run the statement again with other values

    // Runs the statement with the bound values. On failure: "could not DOING: the database's reason".
    Result<void> exec(const QString &doing);
    bool next() { return m_query && m_query->next(); }
    QVariant value(int column) const { return m_query ? m_query->value(column) : QVariant(); }
    int rowsAffected() const { return m_query ? m_query->numRowsAffected() : -1; }
    // What kind of rule the last failure broke, for turning constraint violations into messages.
    Failure failure() const { return m_failure; }
    // Done reading: releases the result so the connection can commit or run the next statement.
    void finish();

    // Runs a statement that carries no values (schema changes, PRAGMA), which PostgreSQL cannot prepare.
    static Result<void> execDirect(const QSqlDatabase &connection, const QString &sql, const QString &doing);
    // The reason the database gave for error, on one line and without the statement.
    static QString reasonOf(const QSqlError &error);
    static Failure failureOf(const QSqlError &error);

private:
    void prepare(const QSqlDatabase &connection, Reuse reuse);
    Result<void> failed(const QSqlError &error, const QString &doing);

    const Database &m_database;
    QString m_sql;
    std::optional<QSqlQuery> m_query; // none when there was no open connection
    QString m_connectionError;
    QSqlError m_prepareError;
    Failure m_failure = Failure::None;
    bool m_giveBack = false; // to the connection's cache, when done
    quint64 m_generation = 0;
};

} // namespace Store
