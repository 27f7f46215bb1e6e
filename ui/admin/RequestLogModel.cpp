#include "ui/admin/RequestLogModel.h"

#include <QBrush>
#include <QColor>
#include <QTextDocument>

RequestLogModel::RequestLogModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{ }

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestLogModel::text(const Server::RequestRecord &record, int column) const
{
    switch (column) {
    case Time:
        return record.time.toLocalTime().toString(QStringLiteral("hh:mm:ss.zzz"));
    case Route:
        return record.method + u' ' + record.route;
    case Caller: {
        const QString from = record.parameters.value(QStringLiteral("From"));
        return from.isEmpty() ? record.peer : from;
    }
    case Verdict:
        return record.signature;
    case Status:
        return QString::number(record.status);
    case Latency:
        return tr("%1 ms").arg(record.latencyMicroseconds / 1000.0, 0, 'f', 1);
    }
    return {};
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Server::RequestRecord &record = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(record, index.column());
    case Qt::ToolTipRole:
        // Outcomes quote what the request said: a tool tip would guess rich text from it.
        return record.outcome.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(record.outcome));
    case Qt::TextAlignmentRole:
        if (index.column() == Status || index.column() == Latency)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        // Refused and failed requests are what someone opens the inspector to find.
        if (record.status >= 500)
            return QBrush(QColor(0xb7, 0x1c, 0x1c));
        if (record.status >= 400)
            return QBrush(QColor(0xc6, 0x5d, 0x00));
        return {};
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Route:
        return tr("Route");
    case Caller:
        return tr("Caller");
    case Verdict:
        return tr("Signature");
    case Status:
        return tr("Status");
    case Latency:
        return tr("Latency");
    }
    return {};
}

void RequestLogModel::append(const Server::RequestRecord &record)
{
    if (m_records.size() >= m_capacity) {
        const int last = int(m_records.size()) - 1;
        beginRemoveRows({}, last, last);
        m_records.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_records.prepend(record);
    endInsertRows();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_records.clear();
    endResetModel();
}
