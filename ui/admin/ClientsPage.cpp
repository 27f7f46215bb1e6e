#include "ui/admin/ClientsPage.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/ClientStore.h"
#include "core/store/NumberStore.h"
#include "ui/TextTone.h"
#include "ui/admin/ClientDialog.h"
#include "ui/admin/ClientTableModel.h"
#include "ui/admin/SecretShownOnceDialog.h"
#include "ui/admin/Sentence.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Admin {

ClientsPage::ClientsPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_region(region)
{
    m_model = new ClientTableModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("clients"));
    m_table->setAccessibleName(tr("Clients"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClientTableModel::NameColumn, QHeaderView::Stretch);

    m_intro = new QLabel(tr("Clients are the phones and apps that use Switchboard. Each asks for its "
                            "tokens with its name and secret (this phone gets its own from this app), and "
                            "receives the calls to the numbers mapped to it."),
                         this);
    m_intro->setWordWrap(true);
    auto *empty = new QLabel(
        tr("<p><b>No clients yet.</b></p><p>A client is a Twilio Voice client identity: a phone or app that "
           "can receive calls for the numbers mapped to it and ask for tokens.</p><p>Click <b>Add "
           "client…</b> to create one, then map numbers to it on the Numbers page.</p>"),
        this);
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setWordWrap(true);
    empty->setAlignment(Qt::AlignCenter);
    empty->setMargin(24);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(empty);

    m_numbersTitle = new QLabel(this);
    m_numbersTitle->setObjectName(QStringLiteral("numbersTitle"));
    m_numbers = new QTreeWidget(this);
    m_numbers->setObjectName(QStringLiteral("numbers"));
    m_numbers->setHeaderLabels({ tr("Number"), tr("Label"), tr("State") });
    m_numbers->setRootIsDecorated(false);
    m_numbers->setAlternatingRowColors(true);
    m_numbers->setSelectionMode(QAbstractItemView::NoSelection);
    m_numbers->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_numbersHint = new QLabel(this);
    m_numbersHint->setObjectName(QStringLiteral("numbersHint"));
    m_numbersHint->setWordWrap(true);
    m_numbersPane = new QWidget(this);
    auto *numbersPane = new QVBoxLayout(m_numbersPane);
    numbersPane->setContentsMargins(0, 0, 0, 0);
    numbersPane->addWidget(m_numbersTitle);
    numbersPane->addWidget(m_numbers, 1);
    numbersPane->addWidget(m_numbersHint);

    auto *add = new QPushButton(tr("&Add client…"), this);
    m_setSecret = new QPushButton(tr("Set &secret…"), this);
    m_setSecret->setToolTip(tr("Replace the client's secret; the old one stops working at once"));
    m_toggle = new QPushButton(tr("&Disable"), this);
    m_remove = new QPushButton(tr("&Remove…"), this);
    m_remove->setToolTip(tr("Only a client that owns no numbers can be removed"));
    add->setObjectName(QStringLiteral("add"));
    m_setSecret->setObjectName(QStringLiteral("setSecret"));
    m_toggle->setObjectName(QStringLiteral("toggle"));
    m_remove->setObjectName(QStringLiteral("remove"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { add, m_setSecret, m_toggle, m_remove })
        buttons->addWidget(button);
    buttons->addStretch(1);

    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText); // names clients
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *panes = new QHBoxLayout;
    panes->addWidget(m_stack, 3);
    panes->addWidget(m_numbersPane, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(panes, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(add, &QPushButton::clicked, this, &ClientsPage::addClient);
    connect(m_setSecret, &QPushButton::clicked, this, &ClientsPage::setSecret);
    connect(m_toggle, &QPushButton::clicked, this, &ClientsPage::toggleDisabled);
    connect(m_remove, &QPushButton::clicked, this, &ClientsPage::removeClient);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClientsPage::showSelection);
    refresh();
}

void ClientsPage::refresh()
{
    const Store::Client *selected = selectedClient();
    const QString selectedName = selected ? selected->name : QString();
    m_model->setClients(Store::ClientStore(m_database).list(),
                        Store::NumberStore(m_database, m_region).countsByClient());
    // Without clients the empty state says it all, across the page.
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentIndex(empty ? 1 : 0);
    m_intro->setVisible(!empty);
    m_numbersPane->setVisible(!empty);
    select(m_model->rowOf(selectedName) >= 0 ? selectedName : QString());
}

void ClientsPage::setThisPhone(const QString &clientName)
{
    m_model->setThisPhone(clientName);
    refresh();
}

void ClientsPage::showEvent(QShowEvent *event)
{
    refresh(); // the Numbers page may have mapped numbers meanwhile
    QWidget::showEvent(event);
}

const Store::Client *ClientsPage::selectedClient() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->clientAt(rows.constFirst().row());
}

void ClientsPage::select(const QString &name)
{
    // Without a name, the first client: the numbers pane then has something to show.
    const int row = name.isEmpty() ? (m_model->rowCount() > 0 ? 0 : -1) : m_model->rowOf(name);
    if (row >= 0)
        m_table->selectRow(row);
    else
        m_table->clearSelection();
    showSelection(); // a reset model with the same row selected emits no selectionChanged
}

void ClientsPage::showSelection()
{
    const Store::Client *client = selectedClient();
    const bool thisPhone = client && m_model->isThisPhone(*client);
    m_setSecret->setEnabled(client != nullptr && !thisPhone);
    m_toggle->setEnabled(client != nullptr);
    m_remove->setEnabled(client != nullptr && !thisPhone);
    m_setSecret->setToolTip(thisPhone ? tr("This phone gets its tokens from this app: it needs no secret")
                                      : tr("Replace the client's secret; the old one stops working at once"));
    m_remove->setToolTip(thisPhone ? tr("This phone's own client stays: the numbers that ring this window "
                                        "are mapped to it")
                                   : tr("Only a client that owns no numbers can be removed"));
    m_toggle->setText(client && client->disabled ? tr("&Enable") : tr("&Disable"));
    m_numbers->clear();
    m_numbersHint->setText(thisPhone ? tr("Numbers are mapped to clients on the Numbers page. To try this "
                                          "phone, Phone > Simulate incoming call maps one in a click.")
                                     : tr("Numbers are mapped to clients on the Numbers page."));
    if (!client) {
        m_numbersTitle->setText(tr("<b>Numbers</b>"));
        m_numbers->setEnabled(false);
        return;
    }
    m_numbersTitle->setText(thisPhone
                                ? tr("<b>Numbers of %1 (this phone)</b>").arg(client->name.toHtmlEscaped())
                                : tr("<b>Numbers of %1</b>").arg(client->name.toHtmlEscaped()));
    m_numbers->setEnabled(true);
    for (const Store::NumberMapping &mapping :
         Store::NumberStore(m_database, m_region).numbersOf(client->name)) {
        const auto number = Phone::PhoneNumber::parse(mapping.e164, m_region);
        auto *item = new QTreeWidgetItem(m_numbers,
                                         { number ? number->international() : mapping.e164, mapping.label,
                                           mapping.enabled ? tr("Enabled") : tr("Disabled") });
        item->setToolTip(0, mapping.e164);
    }
    if (m_numbers->topLevelItemCount() == 0) {
        auto *none = new QTreeWidgetItem(m_numbers,
                                         { thisPhone ? tr("No number rings this phone yet.")
                                                     : tr("No number rings %1 yet.").arg(client->name) });
        none->setFirstColumnSpanned(true);
        none->setFlags(Qt::NoItemFlags);
    }
}

void ClientsPage::report(const QString &message, bool failed)
{
    Ui::TextTone::set(m_status, failed ? Ui::TextTone::Problem : Ui::TextTone::Plain);
    m_status->setText(message);
}

void ClientsPage::addClient()
{
    ClientDialog dialog(
        [this](const QString &name, const QByteArray &secret) {
            const auto added = Store::ClientStore(m_database).add(name, secret);
            return added ? QString() : added.error();
        },
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    refresh();
    select(dialog.name());
    report(tr("Added client %1.").arg(dialog.name()), false);
    Q_EMIT clientsChanged();
    if (!dialog.generatedSecret().isEmpty())
        showSecretOnce(dialog.name(), dialog.generatedSecret());
}

void ClientsPage::setSecret()
{
    const Store::Client *client = selectedClient();
    if (!client)
        return;
    ClientDialog dialog(
        client->name,
        [this](const QString &name, const QByteArray &secret) {
            const auto done = Store::ClientStore(m_database).setSecret(name, secret);
            return done ? QString() : done.error();
        },
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    report(tr("Set a new secret for %1; the old one no longer works.").arg(dialog.name()), false);
    if (!dialog.generatedSecret().isEmpty())
        showSecretOnce(dialog.name(), dialog.generatedSecret());
}

void ClientsPage::toggleDisabled()
{
    const Store::Client *client = selectedClient();
    if (!client)
        return;
    const QString name = client->name;
    const bool disable = !client->disabled;
    const auto done = Store::ClientStore(m_database).setDisabled(name, disable);
    refresh(); // client is gone with the old model rows
    if (!done) {
        report(sentence(done.error()), true);
        return;
    }
    report(disable ? tr("Disabled client %1: it gets no tokens, and its numbers do not ring it.").arg(name)
                   : tr("Enabled client %1.").arg(name),
           false);
    Q_EMIT clientsChanged();
}

void ClientsPage::removeClient()
{
    const Store::Client *client = selectedClient();
    if (!client)
        return;
    const QString name = client->name;
    // Said before anything is tried: the store would refuse, and the person would have confirmed for nothing.
    const QList<Store::NumberMapping> owned = Store::NumberStore(m_database, m_region).numbersOf(name);
    if (!owned.isEmpty()) {
        QStringList numbers;
        for (const Store::NumberMapping &mapping : owned) {
            const auto number = Phone::PhoneNumber::parse(mapping.e164, m_region);
            numbers << (number ? number->international() : mapping.e164);
        }
        QMessageBox refusal(
            QMessageBox::Information, tr("Remove client"),
            tr("Client %1 cannot be removed while numbers ring it: %2. Map them to another client, or "
               "remove them, on the Numbers page first.")
                .arg(name, numbers.join(QStringLiteral(", "))),
            QMessageBox::Ok, this);
        refusal.setTextFormat(Qt::PlainText);
        refusal.exec();
        return;
    }
    QMessageBox confirm(QMessageBox::Question, tr("Remove client"),
                        tr("Remove client %1? Phones using it can no longer get tokens.").arg(name),
                        QMessageBox::Cancel, this);
    QPushButton *remove = confirm.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.setTextFormat(Qt::PlainText);
    confirm.exec();
    if (confirm.clickedButton() != remove)
        return;
    const auto removed = Store::ClientStore(m_database).remove(name);
    if (!removed) {
        report(sentence(removed.error()), true);
        return;
    }
    refresh();
    report(tr("Removed client %1.").arg(name), false);
    Q_EMIT clientsChanged();
}

void ClientsPage::showSecretOnce(const QString &name, const QByteArray &secret)
{
    SecretShownOnceDialog dialog(name, QString::fromLatin1(secret), this);
    dialog.exec();
}

} // namespace Admin
