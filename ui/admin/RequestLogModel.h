#pragma once

// The webhook server's recent requests as a table for the request inspector: newest first, capped, so a
// busy server cannot grow it without bound.

#include "core/server/RequestRecord.h"

#include <QAbstractTableModel>
#include <QList>

class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Route, Caller, Verdict, Status, Latency, ColumnCount };
    static constexpr int defaultCapacity = 1000;

    explicit RequestLogModel(QObject *parent = nullptr, int capacity = defaultCapacity);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row 0 is the newest; the oldest row goes when the capacity is reached.
    void append(const Server::RequestRecord &record);
    void clear();
    const Server::RequestRecord &record(int row) const { return m_records.at(row); }
    int capacity() const { return m_capacity; }

private:
    QString text(const Server::RequestRecord &record, int column) const;

    QList<Server::RequestRecord> m_records;
    int m_capacity;
};
