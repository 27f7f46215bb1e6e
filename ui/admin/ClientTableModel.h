#pragma once

// The clients as a table for the Clients page: name (and which is this phone), enabled or not, how many
// numbers ring each, since when.

#include "core/store/ClientStore.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Admin {

class ClientTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, StateColumn, NumbersColumn, CreatedColumn, ColumnCount };

    explicit ClientTableModel(QObject *parent = nullptr);

    // clients in the order shown; numberCounts by client name (absent: none).
    void setClients(const QList<Store::Client> &clients, const QHash<QString, int> &numberCounts);

    // The desktop phone's own client, shown as "this phone".
    void setThisPhone(const QString &name);
    bool isThisPhone(const Store::Client &client) const { return client.name == m_thisPhone; }

    const Store::Client *clientAt(int row) const;
    int numberCountAt(int row) const;
    int rowOf(const QString &name) const; // -1 when there is no such client

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Store::Client> m_clients;
    QHash<QString, int> m_numberCounts;
    QString m_thisPhone;
};

} // namespace Admin
