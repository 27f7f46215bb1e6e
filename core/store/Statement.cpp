#include "core/store/Statement.h"

#include "core/store/Database.h"
#include "core/store/StoreLogging.h"
#include "core/store/Transaction.h"

namespace Store {

Statement::Statement(const Database &database, const QString &sql, Reuse reuse)
    : m_database(database)
    , m_sql(sql)
{
    const auto connection = database.openConnection();
    if (!connection) {
        m_connectionError = connection.error();
        return;
    }
    prepare(*connection, reuse);
}

Statement::Statement(const Transaction &transaction, const QString &sql, Reuse reuse)
    : m_database(transaction.database())
    , m_sql(sql)
{
    const QSqlDatabase connection = transaction.connection();
    if (!transaction.isActive() || !connection.isOpen()) {
        m_connectionError = QStringLiteral("the connection to the database was lost during the change");
        return;
    }
    prepare(connection, reuse);
}

Statement::~Statement()
{
    if (!m_giveBack || !m_query)
        return;
    m_query->finish();
    m_database.giveBackPrepared(m_sql, std::move(*m_query), m_generation);
}

void Statement::prepare(const QSqlDatabase &connection, Reuse reuse)
{
    if (reuse == Reuse::Cached) {
        if (auto cached = m_database.takePrepared(m_sql, &m_generation)) {
            m_query.emplace(std::move(*cached));
            m_giveBack = true;
            return;
        }
    }
    m_query.emplace(connection);
    m_query->setForwardOnly(true);
    if (!m_query->prepare(m_sql))
        m_prepareError = m_query->lastError();
    else
        m_giveBack = reuse == Reuse::Cached;
}

Statement &Statement::bind(const QVariant &value)
{
    if (m_query)
        m_query->addBindValue(value);
    return *this;
}

void Statement::bindAt(int position, const QVariant &value)
{
    if (m_query)
        m_query->bindValue(position, value);
}

Result<void> Statement::exec(const QString &doing)
{
    m_failure = Failure::None;
    if (!m_query) {
        m_failure = Failure::Other;
        return ::Failure(QStringLiteral("could not %1: %2").arg(doing, m_connectionError));
    }
    if (m_prepareError.isValid())
        return failed(m_prepareError, doing);
    if (!m_query->exec())
        return failed(m_query->lastError(), doing);
    return {};
}

void Statement::finish()
{
    if (m_query)
        m_query->finish();
}

Result<void> Statement::failed(const QSqlError &error, const QString &doing)
{
    m_failure = failureOf(error);
    // Constraint violations are expected (duplicates, owned numbers) and answered with a message; anything
    // else is worth a developer's look.
    if (m_failure == Failure::Other)
        qCWarning(lcStore).noquote() << "could not" << doing << "--" << error.text() << "-- in:" << m_sql;
    else
        qCDebug(lcStore).noquote() << "refused:" << doing << "--" << error.text() << "-- in:" << m_sql;

    // PostgreSQL reports a lost server without an SQLSTATE, or in classes 08 and 57P: start afresh next time.
    const QString code = error.nativeErrorCode();
    if (m_database.isPostgres()
        && (code.isEmpty() || code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("57P"))))
        m_database.dropConnection();
    return ::Failure(QStringLiteral("could not %1: %2").arg(doing, reasonOf(error)));
}

Result<void> Statement::execDirect(const QSqlDatabase &connection, const QString &sql, const QString &doing)
{
    QSqlQuery query(connection);
    if (query.exec(sql))
        return {};
    qCWarning(lcStore).noquote() << "could not" << doing << "--" << query.lastError().text()
                                 << "-- in:" << sql;
    return ::Failure(QStringLiteral("could not %1: %2").arg(doing, reasonOf(query.lastError())));
}

QString Statement::reasonOf(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    // PostgreSQL appends DETAIL and HINT lines and the SQLSTATE; the first line is the sentence.
    text = text.section(u'\n', 0, 0).trimmed();
    for (const QLatin1String severity : { QLatin1String("ERROR:"), QLatin1String("FATAL:") }) {
        if (text.startsWith(severity))
            text = text.mid(severity.size()).trimmed();
    }
    if (const qsizetype state = text.lastIndexOf(QLatin1String("(")); state > 0 && text.endsWith(u')')
        && text.mid(state + 1, text.size() - state - 2) == error.nativeErrorCode())
        text = text.left(state).trimmed();
    return text.isEmpty() ? QStringLiteral("the database gave no reason") : text;
}

Statement::Failure Statement::failureOf(const QSqlError &error)
{
    if (!error.isValid())
        return Failure::None;
    // SQLSTATE for PostgreSQL; SQLite's extended result codes, or its message when Qt gives the basic code.
    const QString code = error.nativeErrorCode();
    const QString text = error.databaseText();
    if (code == QLatin1String("23505") || code == QLatin1String("2067") || code == QLatin1String("1555")
        || text.contains(QLatin1String("UNIQUE constraint failed")))
        return Failure::UniqueViolation;
    if (code == QLatin1String("23503") || code == QLatin1String("787")
        || text.contains(QLatin1String("FOREIGN KEY constraint failed")))
        return Failure::ForeignKeyViolation;
    if (code == QLatin1String("23514") || code == QLatin1String("275")
        || text.contains(QLatin1String("CHECK constraint failed")))
        return Failure::CheckViolation;
    // PostgreSQL's class 23 (five characters); SQLite's SQLITE_CONSTRAINT (19) in the low byte of its code.
    if ((code.size() == 5 && code.startsWith(QLatin1String("23")))
        || (code.size() < 5 && (code.toInt() & 0xff) == 19)
        || text.contains(QLatin1String("constraint failed")))
        return Failure::ConstraintViolation;
    return Failure::Other;
}

} // namespace Store
