#include "ui/admin/NumbersPage.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberCsv.h"
#include "core/store/NumberTableModel.h"
#include "ui/TextTone.h"
#include "ui/admin/ClientChoiceDelegate.h"
#include "ui/admin/NumberImportDialog.h"
#include "ui/admin/Sentence.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Admin {

using Store::NumberTableModel;

NumbersPage::NumbersPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_region(region)
{
    m_model = new NumberTableModel(m_database, region, this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search numbers, clients and labels"));
    m_search->setClearButtonEnabled(true);
    auto *importButton = new QPushButton(tr("Import CSV…"), this);
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(importButton);
    top->addWidget(exportButton);

    m_newNumber = new QLineEdit(this);
    m_newNumber->setObjectName(QStringLiteral("newNumber"));
    m_newNumber->setPlaceholderText(tr("Number, e.g. +81 50-3123-4567"));
    m_newClient = new QComboBox(this);
    m_newClient->setObjectName(QStringLiteral("newClient"));
    m_newClient->setMinimumContentsLength(12);
    m_newLabel = new QLineEdit(this);
    m_newLabel->setObjectName(QStringLiteral("newLabel"));
    m_newLabel->setPlaceholderText(tr("Label (optional)"));
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(QStringLiteral("add"));
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(new QLabel(tr("New number:"), this));
    addRow->addWidget(m_newNumber, 2);
    addRow->addWidget(new QLabel(tr("rings"), this));
    addRow->addWidget(m_newClient, 1);
    addRow->addWidget(m_newLabel, 2);
    addRow->addWidget(m_add);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_clientDelegate = new ClientChoiceDelegate(this);
    m_table->setItemDelegateForColumn(NumberTableModel::ClientColumn, m_clientDelegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NumberTableModel::NumberColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NumberTableModel::NumberColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NumberTableModel::ClientColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NumberTableModel::LabelColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(NumberTableModel::EnabledColumn,
                                                      QHeaderView::ResizeToContents);

    m_remove = new QPushButton(tr("Remove…"), this);
    m_remove->setToolTip(tr("Removes the selected numbers (Delete)"));
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_remove);
    bottom->addStretch(1);
    bottom->addWidget(m_count);

    m_message = new QLabel(this);
    m_message->setTextFormat(Qt::PlainText); // quotes numbers, labels, files and client names
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *hint = new QLabel(tr("Double-click a cell to change it. Twilio sends each call for a number here; "
                               "the client it rings must be registered (signed in) to answer."),
                            this);
    hint->setWordWrap(true);
    Ui::TextTone::set(hint, Ui::TextTone::Hint);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(addRow);
    m_newNumberCheck = new QLabel(this);
    m_newNumberCheck->setTextFormat(Qt::PlainText); // quotes what is typed
    m_newNumberCheck->setObjectName(QStringLiteral("newNumberCheck"));
    m_newNumberCheck->hide();
    layout->addWidget(m_newNumberCheck);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_message);
    layout->addWidget(hint);

    connect(m_search, &QLineEdit::textChanged, m_model, &NumberTableModel::setSearch);
    connect(m_add, &QPushButton::clicked, this, &NumbersPage::addNumber);
    connect(m_newNumber, &QLineEdit::returnPressed, this, &NumbersPage::addNumber);
    connect(m_newNumber, &QLineEdit::textChanged, this, &NumbersPage::checkNewNumber);
    connect(m_newLabel, &QLineEdit::returnPressed, this, &NumbersPage::addNumber);
    connect(m_remove, &QPushButton::clicked, this, &NumbersPage::removeSelected);
    auto *removeKey = new QShortcut(QKeySequence::Delete, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, this, &NumbersPage::removeSelected);
    connect(importButton, &QPushButton::clicked, this, &NumbersPage::chooseImportFile);
    connect(exportButton, &QPushButton::clicked, this, &NumbersPage::chooseExportFile);
    connect(m_model, &NumberTableModel::editRefused, this,
            [this](const QString &reason) { showMessage(tr("Not changed: %1.").arg(reason), true); });
    connect(m_model, &NumberTableModel::dataChanged, this, [this] {
        showMessage(tr("Saved."), false);
        Q_EMIT numbersChanged();
    });
    connect(m_model, &NumberTableModel::readFailed, this, [this](const QString &reason) {
        showMessage(tr("The numbers could not be read: %1").arg(reason), true);
    });
    connect(m_model, &NumberTableModel::modelReset, this, &NumbersPage::updateButtons);
    connect(m_model, &NumberTableModel::rowsInserted, this, &NumbersPage::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NumbersPage::updateButtons);
    refresh();
}

NumbersPage::~NumbersPage() = default;

void NumbersPage::setThisPhone(const QString &clientName)
{
    m_thisPhone = clientName;
    refresh();
    if (const int index = m_newClient->findData(clientName); index >= 0)
        m_newClient->setCurrentIndex(index);
}

void NumbersPage::showEvent(QShowEvent *event)
{
    refresh(); // the command line, or another server on the database, may have mapped numbers meanwhile
    QWidget::showEvent(event);
}

void NumbersPage::refresh()
{
    QStringList names;
    for (const auto &client : Store::ClientStore(m_database).list())
        names << client.name;
    // This phone first: on a first start it is the client a person means.
    if (names.removeOne(m_thisPhone))
        names.prepend(m_thisPhone);
    const QString chosen = chosenClient();
    m_newClient->clear();
    for (const QString &name : std::as_const(names))
        m_newClient->addItem(name == m_thisPhone ? tr("%1 (this phone)").arg(name) : name, name);
    if (const int index = m_newClient->findData(chosen); index >= 0)
        m_newClient->setCurrentIndex(index);
    // Wide enough for the longest choice: "desktop (this phone)" reads whole beside the stretching fields.
    int longest = 12;
    for (int index = 0; index < m_newClient->count(); ++index)
        longest = std::max(longest, int(m_newClient->itemText(index).size()));
    m_newClient->setMinimumContentsLength(longest);
    m_clientDelegate->setClientNames(names);
    m_add->setEnabled(!names.isEmpty());
    m_add->setToolTip(names.isEmpty() ? clientNeeded() : QString());
    m_model->refresh();
    updateButtons();
}

QString NumbersPage::chosenClient() const
{
    return m_newClient->currentData().toString();
}

QString NumbersPage::clientNeeded() const
{
    // Only when this phone's client was removed (the next start brings it back) or the app runs without one.
    if (!m_thisPhone.isEmpty())
        return tr("A number rings a client, and there is none: restart Switchboard to bring back this "
                  "phone's client %1, or add one on the Clients page.")
            .arg(m_thisPhone);
    return tr("Add a client on the Clients page first: a number rings a client.");
}

QString NumbersPage::message() const
{
    return m_message->text();
}

void NumbersPage::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    Ui::TextTone::set(m_message, problem ? Ui::TextTone::Problem : Ui::TextTone::Plain);
}

void NumbersPage::updateButtons()
{
    m_remove->setEnabled(m_table->selectionModel()->hasSelection());
    const int rows = m_model->rowCount();
    if (rows == 0 && m_model->search().trimmed().isEmpty()) {
        m_count->setText(m_add->isEnabled() ? tr(
                             "No numbers yet: add your Twilio numbers above, or import them from a CSV file.")
                                            : tr("No numbers yet. %1").arg(clientNeeded()));
        return;
    }
    if (m_model->canFetchMore())
        m_count->setText(tr("more than %n number(s)", nullptr, rows));
    else if (m_model->search().trimmed().isEmpty())
        m_count->setText(tr("%n number(s)", nullptr, rows));
    else
        m_count->setText(tr("%n number(s) found", nullptr, rows));
}

void NumbersPage::checkNewNumber()
{
    // As it is typed: how the number will be stored, or why it cannot be. Add says the same on a click;
    // this only saves the person the round trip.
    const QString typed = m_newNumber->text().trimmed();
    if (typed.isEmpty()) {
        m_newNumberCheck->hide();
        return;
    }
    QString problem;
    QString shown;
    if (const auto parsed = Phone::PhoneNumber::parse(typed, m_region); !parsed) {
        problem = parsed.error();
    } else if (const auto existing = m_model->store().find(parsed->e164())) {
        problem = tr("%1 rings client %2 already").arg(parsed->international(), existing->clientName);
    } else {
        shown = tr("Will be stored as %1").arg(parsed->e164());
    }
    m_newNumberCheck->setText(problem.isEmpty() ? shown : sentence(problem));
    Ui::TextTone::set(m_newNumberCheck, problem.isEmpty() ? Ui::TextTone::Hint : Ui::TextTone::Problem);
    m_newNumberCheck->show();
}

void NumbersPage::addNumber()
{
    if (chosenClient().isEmpty()) {
        showMessage(clientNeeded(), true);
        return;
    }
    const auto added
        = m_model->store().add(m_newNumber->text().trimmed(), chosenClient(), m_newLabel->text().trimmed());
    if (!added) {
        showMessage(tr("Not added: %1.").arg(added.error()), true);
        m_newNumber->setFocus();
        return;
    }
    m_newNumber->clear();
    m_newLabel->clear();
    m_model->refresh();
    if (const int row = m_model->rowOf(added->id); row >= 0)
        m_table->selectRow(row);
    const auto parsed = Phone::PhoneNumber::parse(added->e164, m_region);
    showMessage(
        tr("Added %1: it rings %2.").arg(parsed ? parsed->international() : added->e164, added->clientName),
        false);
    Q_EMIT numbersChanged();
}

void NumbersPage::removeSelected()
{
    QStringList numbers;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        numbers << m_model->mapping(index.row()).e164;
    if (numbers.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove numbers"),
        tr("Remove %n number(s)? Calls to them will no longer ring anyone here.\n\n%1", nullptr,
           int(numbers.size()))
            .arg(numbers.mid(0, 10).join(u'\n') + (numbers.size() > 10 ? QStringLiteral("\n…") : QString())));
    if (answer != QMessageBox::Yes)
        return;
    QStringList problems;
    int removed = 0;
    for (const QString &number : std::as_const(numbers)) {
        if (const auto done = m_model->store().remove(number))
            ++removed;
        else
            problems << done.error();
    }
    m_model->refresh();
    if (problems.isEmpty())
        showMessage(tr("Removed %n number(s).", nullptr, removed), false);
    else
        showMessage(tr("Removed %n number(s); not removed: %1", nullptr, removed)
                        .arg(problems.join(QStringLiteral("; "))),
                    true);
    Q_EMIT numbersChanged();
}

void NumbersPage::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import numbers"), QString(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void NumbersPage::importFile(const QString &path)
{
    QFile file(path);
    if (file.size() > Store::NumberCsv::maxBytes) {
        showMessage(
            tr("Not imported: %1 is larger than %2 MiB.")
                .arg(QFileInfo(path).fileName(), QString::number(Store::NumberCsv::maxBytes / (1024 * 1024))),
            true);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("Not imported: %1 cannot be read: %2.").arg(path, file.errorString()), true);
        return;
    }
    auto rows = Store::NumberCsv::read(file.readAll());
    if (!rows) {
        showMessage(tr("Not imported: %1 is not a CSV file Switchboard can read: %2.")
                        .arg(QFileInfo(path).fileName(), rows.error()),
                    true);
        return;
    }
    QStringList names;
    for (const auto &client : Store::ClientStore(m_database).list())
        names << client.name;
    Store::NumberCsv::check(rows.value(), m_model->store(), names);
    NumberImportDialog dialog(QFileInfo(path).fileName(), *rows, m_model->store(), this);
    if (dialog.exec() != QDialog::Accepted) {
        showMessage(dialog.canImport() ? tr("Import cancelled: nothing was added.")
                                       : tr("Nothing was imported: %1").arg(dialog.summary()),
                    !dialog.canImport());
        return;
    }
    m_model->refresh();
    showMessage(
        tr("Imported %n number(s) from %1.", nullptr, dialog.importedCount()).arg(QFileInfo(path).fileName()),
        false);
    Q_EMIT numbersChanged();
}

void NumbersPage::chooseExportFile()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export numbers"), QStringLiteral("numbers.csv"),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const auto written = exportTo(path))
        showMessage(tr("Exported %n number(s) to %1.", nullptr, *written).arg(path), false);
    else
        showMessage(tr("Not exported: %1").arg(written.error()), true);
}

Result<int> NumbersPage::exportTo(const QString &path)
{
    const auto mappings = m_model->store().list();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Failure(tr("%1 cannot be written: %2").arg(path, file.errorString()));
    file.write(Store::NumberCsv::write(mappings));
    if (!file.commit())
        return Failure(tr("%1 cannot be written: %2").arg(path, file.errorString()));
    return int(mappings.size());
}

} // namespace Admin
