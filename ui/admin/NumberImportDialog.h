#pragma once

// The preview of a CSV import: every row as it will be stored, each bad row named with its line and
// why. Import stays unavailable until every row is good, and then adds all of them in one transaction.

#include "core/store/NumberCsv.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace Admin {

class NumberImportDialog : public QDialog
{
    Q_OBJECT

public:
    // rows already checked (NumberCsv::check); store adds them.
    NumberImportDialog(const QString &fileName, const QList<Store::NumberCsvRow> &rows,
                       Store::NumberStore &store, QWidget *parent = nullptr);

    int problemCount() const { return m_problems; }
    bool canImport() const;
    QString summary() const;
    int importedCount() const { return m_imported; }

public Q_SLOTS:
    // Adds every row, or (when any is refused) none; closes on success, says why otherwise.
    void importAll();

private:
    void fillTable();

    QList<Store::NumberCsvRow> m_rows;
    Store::NumberStore &m_store;
    int m_problems = 0;
    int m_imported = 0;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace Admin
