#pragma once

// Edits a cell that names a client with a list of the clients that exist, so that a typing mistake
// cannot even be offered.

#include <QStringList>
#include <QStyledItemDelegate>

namespace Admin {

class ClientChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setClientNames(const QStringList &names) { m_names = names; }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_names;
};

} // namespace Admin
