#include "core/store/StoreQueryModel.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

#include <QSqlQuery>

namespace Store {

StoreQueryModel::StoreQueryModel(std::shared_ptr<Database> database, QObject *parent)
    : QSqlQueryModel(parent)
    , m_database(std::move(database))
{ }

bool StoreQueryModel::load(const QString &sql, const QVariantList &values, const QString &doing)
{
    const auto connection = m_database->openConnection();
    if (!connection)
        return fail(connection.error());
    QSqlQuery query(*connection);
    if (!query.prepare(sql))
        return fail(QStringLiteral("could not %1: %2").arg(doing, Statement::reasonOf(query.lastError())));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(QStringLiteral("could not %1: %2").arg(doing, Statement::reasonOf(query.lastError())));
    setQuery(std::move(query));
    return true;
}

bool StoreQueryModel::fail(const QString &reason)
{
    qCWarning(lcStore).noquote() << reason;
    clear();
    Q_EMIT readFailed(reason);
    return false;
}

} // namespace Store
