#include "ui/admin/NumberImportDialog.h"

#include "core/phone/PhoneNumber.h"
#include "ui/TextTone.h"

#include "core/store/NumberStore.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Admin {

namespace {

// Rows shown in the preview: enough to see what the file holds without building 100,000 items.
constexpr int maxPreviewRows = 2000;

} // namespace

NumberImportDialog::NumberImportDialog(const QString &fileName, const QList<Store::NumberCsvRow> &rows,
                                       Store::NumberStore &store, QWidget *parent)
    : QDialog(parent)
    , m_rows(rows)
    , m_store(store)
{
    setWindowTitle(tr("Import numbers from %1").arg(fileName));
    for (const auto &row : rows) {
        if (!row.problem.isEmpty())
            ++m_problems;
    }
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText); // quotes the file
    m_summary->setWordWrap(true);
    m_summary->setText(summary());
    if (m_problems > 0)
        Ui::TextTone::set(m_summary, Ui::TextTone::Problem);

    m_table = new QTableWidget(this);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        { tr("Line"), tr("Number"), tr("Client"), tr("Label"), tr("Enabled"), tr("Problem") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    fillTable();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    // All rows or none: with a bad row, nothing would be imported, and the button does not count any.
    m_import = buttons->addButton(m_problems == 0 ? tr("Import %n number(s)", nullptr, int(rows.size()))
                                                  : tr("Import"),
                                  QDialogButtonBox::AcceptRole);
    m_import->setEnabled(canImport());
    connect(m_import, &QPushButton::clicked, this, &NumberImportDialog::importAll);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 480);
}

bool NumberImportDialog::canImport() const
{
    return m_problems == 0 && !m_rows.isEmpty();
}

QString NumberImportDialog::summary() const
{
    if (m_rows.isEmpty())
        return tr("The file holds no numbers.");
    if (m_problems == 0)
        return tr("%n number(s) ready to import. They are added together: all of them, or none.", nullptr,
                  int(m_rows.size()));
    QStringList lines;
    for (const auto &row : m_rows) {
        if (!row.problem.isEmpty() && lines.size() < 3)
            lines << tr("line %1: %2").arg(row.line).arg(row.problem);
    }
    return tr("%n row(s) cannot be imported, so nothing will be: fix the file and import it again.", nullptr,
              m_problems)
        + u'\n' + lines.join(u'\n') + (m_problems > 3 ? QStringLiteral("\n…") : QString());
}

void NumberImportDialog::fillTable()
{
    // Bad rows first: they are what the person has to act on.
    QList<const Store::NumberCsvRow *> shown;
    for (const auto &row : std::as_const(m_rows)) {
        if (!row.problem.isEmpty())
            shown << &row;
    }
    for (const auto &row : std::as_const(m_rows)) {
        if (row.problem.isEmpty())
            shown << &row;
    }
    if (shown.size() > maxPreviewRows)
        shown.resize(maxPreviewRows);
    m_table->setRowCount(int(shown.size()));
    for (int i = 0; i < shown.size(); ++i) {
        const Store::NumberCsvRow &row = *shown.at(i);
        // A good row's number as the Numbers table will show it; a bad one's as the file has it.
        const auto number = row.problem.isEmpty()
            ? Phone::PhoneNumber::parse(row.mapping.e164, m_store.defaultRegion())
            : Failure(row.problem);
        const QStringList cells = { QString::number(row.line),
                                    number ? number->international() : row.mapping.e164,
                                    row.mapping.clientName,
                                    row.mapping.label,
                                    row.mapping.enabled ? tr("yes") : tr("no"),
                                    row.problem };
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (!row.problem.isEmpty())
                item->setForeground(Ui::TextTone::color(Ui::TextTone::Problem));
            m_table->setItem(i, column, item);
        }
    }
    m_table->resizeColumnsToContents();
}

void NumberImportDialog::importAll()
{
    if (!canImport())
        return;
    QList<Store::NumberMapping> mappings;
    mappings.reserve(m_rows.size());
    for (const auto &row : std::as_const(m_rows))
        mappings << row.mapping;
    const auto added = m_store.addMany(mappings);
    if (!added) {
        // Another window or server changed the numbers since the check: nothing was added.
        m_summary->setText(tr("Nothing was imported: %1").arg(added.error()));
        Ui::TextTone::set(m_summary, Ui::TextTone::Problem);
        return;
    }
    m_imported = *added;
    accept();
}

} // namespace Admin
