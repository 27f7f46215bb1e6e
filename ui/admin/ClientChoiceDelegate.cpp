#include "ui/admin/ClientChoiceDelegate.h"

#include <QComboBox>

namespace Admin {

QWidget *ClientChoiceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                            const QModelIndex &) const
{
    auto *choice = new QComboBox(parent);
    choice->addItems(m_names);
    return choice;
}

void ClientChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *choice = static_cast<QComboBox *>(editor);
    choice->setCurrentIndex(choice->findText(index.data(Qt::EditRole).toString()));
}

void ClientChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                        const QModelIndex &index) const
{
    const auto *choice = static_cast<QComboBox *>(editor);
    if (choice->currentIndex() >= 0 && choice->currentText() != index.data(Qt::EditRole).toString())
        model->setData(index, choice->currentText(), Qt::EditRole);
}

} // namespace Admin
