#include "ui/admin/NumberChoiceTable.h"

#include "core/phone/PhoneNumber.h"

#include <QComboBox>
#include <QHeaderView>

namespace Admin {
namespace {

enum Column { Answer, Number, NowGoesTo, Client, ColumnCount };

} // namespace

NumberChoiceTable::NumberChoiceTable(QWidget *parent)
    : QTableWidget(parent)
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels(
        { tr("Answer here"), tr("Number"), tr("Its calls go to now"), tr("Rings client") });
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    horizontalHeader()->setSectionResizeMode(NowGoesTo, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(Number, QHeaderView::ResizeToContents);
}

void NumberChoiceTable::setNumbers(const QList<Setup::RemoteResource> &numbers, const QStringList &clients,
                                   const QString &defaultClient, const QString &ourUrl)
{
    setRowCount(int(numbers.size()));
    for (int row = 0; row < numbers.size(); ++row) {
        const Setup::RemoteResource &number = numbers.at(row);
        const QString voiceUrl = number.fields.value(QStringLiteral("VoiceUrl"));
        const QString app = number.fields.value(QStringLiteral("VoiceApplicationSid"));
        const bool pointsHere = app.isEmpty() && voiceUrl == ourUrl;

        auto *answer = new QTableWidgetItem;
        answer->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        answer->setCheckState(pointsHere ? Qt::Checked : Qt::Unchecked);
        answer->setData(Qt::UserRole, number.label);
        setItem(row, Answer, answer);
        const auto parsed = Phone::PhoneNumber::parse(number.label);
        setItem(row, Number, new QTableWidgetItem(parsed ? parsed->international() : number.label));
        setItem(row, NowGoesTo,
                new QTableWidgetItem(!app.isEmpty()           ? tr("TwiML App %1").arg(app)
                                         : pointsHere         ? tr("this server")
                                         : voiceUrl.isEmpty() ? tr("(nothing)")
                                                              : voiceUrl));
        auto *client = new QComboBox(this);
        client->setObjectName(QStringLiteral("client-%1").arg(number.label));
        client->addItems(clients);
        client->setCurrentText(defaultClient);
        setCellWidget(row, Client, client);
    }
    resizeColumnToContents(Answer);
    resizeColumnToContents(Client);
}

QList<Setup::NumberChoice> NumberChoiceTable::chosen() const
{
    QList<Setup::NumberChoice> chosen;
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, Answer)->checkState() != Qt::Checked)
            continue;
        const auto *client = qobject_cast<QComboBox *>(cellWidget(row, Client));
        chosen.append(
            { item(row, Answer)->data(Qt::UserRole).toString(), client ? client->currentText() : QString() });
    }
    return chosen;
}

void NumberChoiceTable::choose(const QString &e164, bool answered, const QString &client)
{
    const int row = rowOf(e164);
    if (row < 0)
        return;
    item(row, Answer)->setCheckState(answered ? Qt::Checked : Qt::Unchecked);
    if (auto *box = qobject_cast<QComboBox *>(cellWidget(row, Client)); box && !client.isEmpty())
        box->setCurrentText(client);
}

int NumberChoiceTable::rowOf(const QString &e164) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (item(row, Answer)->data(Qt::UserRole).toString() == e164)
            return row;
    return -1;
}

} // namespace Admin
