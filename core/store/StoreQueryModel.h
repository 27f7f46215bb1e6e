#pragma once

// A read-only query model over the store's tables, filled from a prepared statement with bound values
// (never SQL built from what a person typed), and read lazily as the view scrolls.

#include <QSqlQueryModel>
#include <QVariantList>

#include <memory>

namespace Store {

class Database;

class StoreQueryModel : public QSqlQueryModel
{
    Q_OBJECT

public:
    // The calling thread's connection is used: make and use the model in one thread.
    explicit StoreQueryModel(std::shared_ptr<Database> database, QObject *parent = nullptr);

Q_SIGNALS:
    // The query failed (a lost database): the model is empty and this says why.
    void readFailed(const QString &reason);

protected:
    // Runs sql with values bound to its '?'s and shows the rows; false (and readFailed) on failure.
    bool load(const QString &sql, const QVariantList &values, const QString &doing);

    // Column field of the query's row (not of the model's columns, which may show fewer). record() will not
    // do inside data(): it calls data().
    QVariant field(int row, int field) const { return QSqlQueryModel::data(createIndex(row, field)); }

    const std::shared_ptr<Database> &database() const { return m_database; }

private:
    bool fail(const QString &reason);

    std::shared_ptr<Database> m_database;
};

} // namespace Store
