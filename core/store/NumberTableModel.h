#pragma once

// The numbers table as the admin page shows and edits it: a query model over the mappings (read lazily,
// so 100,000 rows cost what is on screen), searched and sorted in SQL, whose edits go through NumberStore
// so that every rule it enforces holds here too.

#include "core/store/NumberStore.h"
#include "core/store/StoreQueryModel.h"

#include <QHash>

#include <memory>

namespace Store {

class NumberTableModel : public StoreQueryModel
{
    Q_OBJECT

public:
    enum Column { NumberColumn, ClientColumn, LabelColumn, EnabledColumn, ColumnCount };
    // Data role of every column: the stored value (E.164 for the number, a bool for enabled).
    static constexpr int StoredValueRole = Qt::UserRole + 1;

    NumberTableModel(std::shared_ptr<Database> database, const QString &defaultRegion,
                     QObject *parent = nullptr);

    // Reads the table again, with the current search and order.
    void refresh();
    // Rows whose number, client or label contain text; numbers also match as typed nationally.
    void setSearch(const QString &text);
    QString search() const { return m_search; }

    NumberMapping mapping(int row) const;
    // The row showing the mapping with id, or -1 (among the rows read so far).
    int rowOf(qint64 id) const;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Goes through NumberStore::update. A refused edit changes nothing, returns false and sends
    // editRefused with the store's reason.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    NumberStore &store() { return m_store; }

Q_SIGNALS:
    void editRefused(const QString &reason);

private:
    NumberStore m_store;
    QString m_search;
    int m_sortColumn = NumberColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    // Rows edited since the last read, by row: shown without reading (and resetting) the whole table.
    QHash<int, NumberMapping> m_edited;
};

} // namespace Store
