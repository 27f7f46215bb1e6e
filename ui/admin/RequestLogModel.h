#pragma once

// The webhook server's recent requests as a table for the request inspector: newest first, capped in rows
// and in bytes, and with each request's parameters and answer cut to a few KiB (marked as cut), so a busy
// server or a client sending large bodies cannot grow it without bound.

#include "core/server/RequestRecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace Admin {

class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Route, Caller, Verdict, Status, Latency, ColumnCount };
    static constexpr int defaultCapacity = 1000;
    // Of each request's parameters (names and values together) and of its answer: enough for any TwiML
    // and for Twilio's forms, which are a few KiB.
    static constexpr qsizetype maxKeptBytes = 4 * 1024;
    static constexpr qint64 defaultMaxTotalBytes = 4 * 1024 * 1024;

    explicit RequestLogModel(QObject *parent = nullptr, int capacity = defaultCapacity,
                             qint64 maxTotalBytes = defaultMaxTotalBytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row 0 is the newest; the oldest rows go when the capacity or the total size would be exceeded.
    // What is kept of record is cut first (see cut()).
    void append(const Server::RequestRecord &record);
    void clear();
    const Server::RequestRecord &record(int row) const { return m_records.at(row).record; }
    int capacity() const { return m_capacity; }
    qint64 maxTotalBytes() const { return m_maxTotalBytes; }
    // What the kept rows take, as bytes() counts them.
    qint64 totalBytes() const { return m_totalBytes; }

    // record with its parameters and its answer each cut to maxKeptBytes; where something was left out, a
    // last parameter named cutMarker, or a last line of the answer, says how much.
    static Server::RequestRecord cut(const Server::RequestRecord &record);
    static constexpr QLatin1StringView cutMarker { "[cut]" };
    // About what record holds in memory: its text and bytes.
    static qint64 bytes(const Server::RequestRecord &record);

private:
    struct Row
    {
        Server::RequestRecord record;
        qint64 bytes = 0;
    };

    QString text(const Server::RequestRecord &record, int column) const;
    void removeOldest();

    QList<Row> m_records;
    int m_capacity;
    qint64 m_maxTotalBytes;
    qint64 m_totalBytes = 0;
};

} // namespace Admin
