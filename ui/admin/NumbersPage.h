#pragma once

// The admin page of numbers: which Twilio number rings which client. Search, add, edit in place, remove,
// and CSV import (previewed, all or nothing) and export. Every refusal says why and changes nothing.

#include "core/common/Result.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Store {
class Database;
class NumberTableModel;
} // namespace Store

namespace Admin {

class ClientChoiceDelegate;

class NumbersPage : public QWidget
{
    Q_OBJECT

public:
    NumbersPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent = nullptr);
    ~NumbersPage() override;

    // Reads the numbers and the client names again.
    void refresh();
    // The desktop phone's own client: offered first in "rings", marked "this phone", and named when the
    // page says that a client is needed.
    void setThisPhone(const QString &clientName);
    // The line under the table: what the last action did, or why it was refused.
    QString message() const;

    // Opens the import preview for the CSV file at path (modal); Import there adds all rows or none.
    void importFile(const QString &path);
    // Writes every number to path as CSV, replacing the file only when all of it was written.
    Result<int> exportTo(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    void numbersChanged();

private:
    void checkNewNumber();
    void addNumber();
    void removeSelected();
    void chooseImportFile();
    void chooseExportFile();
    void showMessage(const QString &text, bool problem);
    void updateButtons();
    QString chosenClient() const;
    QString clientNeeded() const;

    std::shared_ptr<Store::Database> m_database;
    QString m_region;
    QString m_thisPhone;
    Store::NumberTableModel *m_model = nullptr;
    ClientChoiceDelegate *m_clientDelegate = nullptr;
    QLineEdit *m_search = nullptr;
    QLineEdit *m_newNumber = nullptr;
    QLabel *m_newNumberCheck = nullptr; // what the typed number will be stored as, or why it cannot
    QComboBox *m_newClient = nullptr;
    QLineEdit *m_newLabel = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace Admin
