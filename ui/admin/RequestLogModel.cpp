#include "ui/admin/RequestLogModel.h"

#include "ui/TextTone.h"

#include <QBrush>
#include <QColor>
#include <QTextDocument>

namespace Admin {

RequestLogModel::RequestLogModel(QObject *parent, int capacity, qint64 maxTotalBytes)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
    , m_maxTotalBytes(qMax<qint64>(1, maxTotalBytes))
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
    const Server::RequestRecord &record = m_records.at(index.row()).record;
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
            return QBrush(Ui::TextTone::color(Ui::TextTone::Problem));
        if (record.status >= 400)
            return QBrush(Ui::TextTone::color(Ui::TextTone::Warning));
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

Server::RequestRecord RequestLogModel::cut(const Server::RequestRecord &record)
{
    Server::RequestRecord kept = record;
    if (record.response.size() > maxKeptBytes) {
        kept.response = record.response.left(maxKeptBytes)
            + tr("\n[cut: %1 more bytes were not kept]").arg(record.response.size() - maxKeptBytes).toUtf8();
    }
    qsizetype room = maxKeptBytes;
    qsizetype left = 0; // bytes of parameters not kept
    Webhook::FormParameters parameters;
    for (const auto &[name, value] : record.parameters.pairs()) {
        const qsizetype nameSize = name.toUtf8().size();
        const qsizetype size = nameSize + value.toUtf8().size();
        if (size <= room) {
            parameters.append(name, value);
            room -= size;
        } else if (room > nameSize) { // the start of a long value is often what tells it apart
            const QString start = value.left(room - nameSize);
            parameters.append(name, start);
            left += size - nameSize - start.toUtf8().size();
            room = 0;
        } else {
            left += size;
            room = 0;
        }
    }
    if (left > 0) {
        parameters.append(cutMarker, tr("%1 more bytes of parameters were not kept").arg(left));
        kept.parameters = parameters;
    }
    if (record.outcome.size() > maxKeptBytes)
        kept.outcome = record.outcome.left(maxKeptBytes) + QStringLiteral(" [cut]");
    return kept;
}

qint64 RequestLogModel::bytes(const Server::RequestRecord &record)
{
    qint64 total = qint64(sizeof(Server::RequestRecord)) + record.response.size();
    for (const QString *text :
         { &record.method, &record.route, &record.peer, &record.signature, &record.outcome })
        total += text->size() * qint64(sizeof(QChar));
    for (const auto &[name, value] : record.parameters.pairs())
        total += qint64(sizeof(Webhook::FormParameters::Pair))
            + (name.size() + value.size()) * qint64(sizeof(QChar));
    return total;
}

void RequestLogModel::removeOldest()
{
    const int last = int(m_records.size()) - 1;
    beginRemoveRows({}, last, last);
    m_totalBytes -= m_records.constLast().bytes;
    m_records.removeLast();
    endRemoveRows();
}

void RequestLogModel::append(const Server::RequestRecord &record)
{
    Row row { cut(record), 0 };
    row.bytes = bytes(row.record);
    while (!m_records.isEmpty()
           && (m_records.size() >= m_capacity || m_totalBytes + row.bytes > m_maxTotalBytes))
        removeOldest();
    beginInsertRows({}, 0, 0);
    m_totalBytes += row.bytes;
    m_records.prepend(std::move(row));
    endInsertRows();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_records.clear();
    m_totalBytes = 0;
    endResetModel();
}

} // namespace Admin
