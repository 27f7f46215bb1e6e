#include "ui/admin/ClientTableModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace Admin {

ClientTableModel::ClientTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ClientTableModel::setClients(const QList<Store::Client> &clients,
                                  const QHash<QString, int> &numberCounts)
{
    beginResetModel();
    m_clients = clients;
    m_numberCounts = numberCounts;
    endResetModel();
}

void ClientTableModel::setThisPhone(const QString &name)
{
    beginResetModel();
    m_thisPhone = name;
    endResetModel();
}

const Store::Client *ClientTableModel::clientAt(int row) const
{
    return row >= 0 && row < m_clients.size() ? &m_clients.at(row) : nullptr;
}

int ClientTableModel::numberCountAt(int row) const
{
    const Store::Client *client = clientAt(row);
    return client ? m_numberCounts.value(client->name) : 0;
}

int ClientTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_clients.size(); ++row) {
        if (m_clients.at(row).name == name)
            return row;
    }
    return -1;
}

int ClientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ClientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientTableModel::data(const QModelIndex &index, int role) const
{
    const Store::Client *client = clientAt(index.row());
    if (!client)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return isThisPhone(*client) ? tr("%1 (this phone)").arg(client->name) : client->name;
        case StateColumn:
            if (client->disabled)
                return tr("Disabled");
            return client->hasSecret || isThisPhone(*client) ? tr("Enabled") : tr("Enabled, no secret");
        case NumbersColumn:
            return numberCountAt(index.row());
        case CreatedColumn:
            return QLocale().toString(client->created.toLocalTime(), QLocale::ShortFormat);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == NameColumn && isThisPhone(*client))
        return tr("The phone in this window. It gets its tokens from this app, so it needs no secret.");
    if (role == Qt::ToolTipRole && index.column() == StateColumn && client->disabled)
        return tr("Disabled: it gets no tokens, and its numbers do not ring it");
    if (role == Qt::ToolTipRole && index.column() == StateColumn && !client->hasSecret
        && !isThisPhone(*client))
        return tr("It can get no token from the server until it is given a secret");
    if (role == Qt::FontRole && index.column() == NameColumn && isThisPhone(*client)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() == NumbersColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && client->disabled)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

QVariant ClientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    case NumbersColumn:
        return tr("Numbers");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

} // namespace Admin
