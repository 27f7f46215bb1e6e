#include "core/store/NumberTableModel.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/Database.h"
#include "core/store/SearchPattern.h"

namespace Store {
namespace {

// The columns of the query: what a row needs beyond the visible ones.
enum QueryColumn { IdField, E164Field, ClientField, LabelField, EnabledField, ClientDisabledField };

QString orderBy(int column)
{
    switch (column) {
    case NumberTableModel::ClientColumn:
        return QStringLiteral("c.name");
    case NumberTableModel::LabelColumn:
        return QStringLiteral("n.label");
    case NumberTableModel::EnabledColumn:
        return QStringLiteral("n.enabled");
    default:
        return QStringLiteral("n.e164");
    }
}

} // namespace

NumberTableModel::NumberTableModel(std::shared_ptr<Database> database, const QString &defaultRegion,
                                   QObject *parent)
    : StoreQueryModel(database, parent)
    , m_store(std::move(database), defaultRegion)
{
    refresh();
}

void NumberTableModel::refresh()
{
    m_edited.clear();
    QString sql = QStringLiteral("SELECT n.id, n.e164, c.name, n.label, n.enabled, c.disabled"
                                 " FROM numbers n JOIN clients c ON c.id = n.client_id");
    QVariantList patterns;
    if (!m_search.trimmed().isEmpty()) {
        const QString text = m_search.trimmed();
        patterns << SearchPattern::containing(text) << SearchPattern::containing(text)
                 << SearchPattern::containing(text);
        sql += QStringLiteral(" WHERE LOWER(n.e164) LIKE ? ESCAPE '\\' OR LOWER(c.name) LIKE ? ESCAPE '\\'"
                              " OR LOWER(n.label) LIKE ? ESCAPE '\\'");
        const QString digits = SearchPattern::number(text, m_store.defaultRegion());
        if (!digits.isEmpty()) {
            patterns << digits;
            sql += QStringLiteral(" OR n.e164 LIKE ? ESCAPE '\\'");
        }
    }
    sql += QStringLiteral(" ORDER BY %1 %2, n.id")
               .arg(orderBy(m_sortColumn),
                    m_sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC"));

    load(sql, patterns, QStringLiteral("list the numbers"));
}

void NumberTableModel::setSearch(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    refresh();
}

NumberMapping NumberTableModel::mapping(int row) const
{
    if (const auto edited = m_edited.constFind(row); edited != m_edited.cend())
        return *edited;
    NumberMapping mapping;
    mapping.id = field(row, IdField).toLongLong();
    mapping.e164 = field(row, E164Field).toString();
    mapping.clientName = field(row, ClientField).toString();
    mapping.label = field(row, LabelField).toString();
    mapping.enabled = field(row, EnabledField).toInt() != 0;
    mapping.clientDisabled = field(row, ClientDisabledField).toInt() != 0;
    return mapping;
}

int NumberTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (mapping(row).id == id)
            return row;
    }
    return -1;
}

int NumberTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NumberTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const NumberMapping row = mapping(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            if (const auto parsed = Phone::PhoneNumber::parse(row.e164, m_store.defaultRegion()))
                return parsed->international();
            return row.e164;
        case ClientColumn:
            return row.clientDisabled ? tr("%1 (disabled)").arg(row.clientName) : row.clientName;
        case LabelColumn:
            return row.label;
        default:
            return {};
        }
    case Qt::EditRole:
    case StoredValueRole:
        switch (index.column()) {
        case NumberColumn:
            return row.e164;
        case ClientColumn:
            return row.clientName;
        case LabelColumn:
            return row.label;
        default:
            return row.enabled;
        }
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return row.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (row.clientDisabled)
            return tr("Client %1 is disabled: calls to this number are refused.").arg(row.clientName);
        if (!row.enabled)
            return tr("Disabled: calls to this number are refused.");
        return {};
    default:
        return {};
    }
}

QVariant NumberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QSqlQueryModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case ClientColumn:
        return tr("Rings client");
    case LabelColumn:
        return tr("Label");
    case EnabledColumn:
        return tr("Enabled");
    default:
        return {};
    }
}

Qt::ItemFlags NumberTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == EnabledColumn)
        return base | Qt::ItemIsUserCheckable;
    return base | Qt::ItemIsEditable;
}

bool NumberTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= rowCount())
        return false;
    NumberMapping changed = mapping(index.row());
    switch (index.column()) {
    case NumberColumn:
        if (role != Qt::EditRole)
            return false;
        changed.e164 = value.toString().trimmed();
        break;
    case ClientColumn:
        if (role != Qt::EditRole)
            return false;
        changed.clientName = value.toString();
        break;
    case LabelColumn:
        if (role != Qt::EditRole)
            return false;
        changed.label = value.toString().trimmed();
        break;
    case EnabledColumn:
        if (role != Qt::CheckStateRole)
            return false;
        changed.enabled = value.value<Qt::CheckState>() == Qt::Checked;
        break;
    default:
        return false;
    }
    const auto updated = m_store.update(changed);
    if (!updated) {
        Q_EMIT editRefused(updated.error());
        return false;
    }
    m_edited.insert(index.row(), *updated);
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

void NumberTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    refresh();
}

} // namespace Store
