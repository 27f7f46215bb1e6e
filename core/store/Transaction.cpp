#include "core/store/Transaction.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

namespace Store {

Transaction::Transaction(const Database &database)
    : m_database(database)
{ }

Transaction::~Transaction()
{
    rollback();
}

Result<void> Transaction::begin()
{
    const auto connection = m_database.openConnection();
    if (!connection)
        return Failure(connection.error());
    m_connection = *connection;
    if (m_database.isPostgres()) {
        if (!m_connection.transaction()) {
            qCWarning(lcStore) << "BEGIN failed:" << m_connection.lastError().text();
            return Failure(QStringLiteral("could not start a change: %1")
                               .arg(Statement::reasonOf(m_connection.lastError())));
        }
    } else if (auto begun = Statement::execDirect(m_connection, QStringLiteral("BEGIN IMMEDIATE"),
                                                  QStringLiteral("start a change"));
               !begun) {
        return begun;
    }
    m_active = true;
    return {};
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return Failure(QStringLiteral("could not save the change: it was not started"));
    if (!m_connection.commit()) {
        const QSqlError error = m_connection.lastError();
        qCWarning(lcStore) << "COMMIT failed:" << error.text();
        rollback();
        return Failure(QStringLiteral("could not save the change: %1").arg(Statement::reasonOf(error)));
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_connection.isOpen() && !m_connection.rollback())
        qCWarning(lcStore) << "ROLLBACK failed:" << m_connection.lastError().text();
}

} // namespace Store
