#include "ui/phone/RecentCallsList.h"

#include "core/phone/PhoneNumber.h"
#include "core/store/CallLog.h"

#include <QLocale>
#include <QTextDocument>

namespace {

constexpr int addressRole = Qt::UserRole;

QString shown(const QString &address, const QString &region)
{
    if (address.startsWith(QLatin1String("client:")))
        return address;
    const auto number = Phone::PhoneNumber::parse(address, region);
    return number ? number->international() : address;
}

QString outcome(const Store::CallRecord &call)
{
    if (call.status == QLatin1String("completed") && call.duration >= 60)
        return QObject::tr("%1 min %2 s").arg(call.duration / 60).arg(call.duration % 60);
    if (call.status == QLatin1String("completed") && call.duration > 0)
        return QObject::tr("%1 s").arg(call.duration);
    if (call.status == QLatin1String("no-answer") || call.status == QLatin1String("busy")
        || call.status == QLatin1String("canceled"))
        return call.direction == QLatin1String("incoming") ? QObject::tr("missed")
                                                           : QObject::tr("not answered");
    return call.status;
}

} // namespace

RecentCallsList::RecentCallsList(std::shared_ptr<Store::Database> database, const QString &clientName,
                                 const QString &region, QWidget *parent)
    : QListWidget(parent)
    , m_database(std::move(database))
    , m_clientName(clientName)
    , m_region(region)
{
    setAccessibleName(tr("Recent calls"));
    setToolTip(tr("Double-click to call back"));
    setAlternatingRowColors(true);
    // Activated: double-click, or Enter on the current row.
    connect(this, &QListWidget::itemActivated, this, &RecentCallsList::requestCallBack);
}

void RecentCallsList::refresh()
{
    clear();
    // The log holds every client's calls; a few hundred recent ones hold this phone's last fifty.
    for (const Store::CallRecord &call : Store::CallLog(m_database).list(maxCalls * 10)) {
        if (call.clientName != m_clientName)
            continue;
        const bool incoming = call.direction == QLatin1String("incoming");
        const QString address = incoming ? call.from : call.to;
        const QString when = QLocale().toString(call.startedAt.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(QStringLiteral("%1 %2\n%3 · %4")
                                             .arg(incoming ? QStringLiteral("↙") : QStringLiteral("↗"),
                                                  shown(address, m_region), when, outcome(call)),
                                         this);
        item->setData(addressRole, address);
        // Tool tips guess rich text from the text, and the caller chooses its address: shown as it is.
        item->setToolTip(Qt::convertFromPlainText(incoming ? tr("Call from %1").arg(address)
                                                           : tr("Call to %1").arg(address)));
        if (count() >= maxCalls)
            break;
    }
    if (count() == 0) {
        auto *empty = new QListWidgetItem(tr("No calls yet"), this);
        empty->setFlags(Qt::NoItemFlags);
    }
}

void RecentCallsList::showEvent(QShowEvent *event)
{
    refresh();
    QListWidget::showEvent(event);
}

void RecentCallsList::requestCallBack(QListWidgetItem *item)
{
    const QString address = item ? item->data(addressRole).toString() : QString();
    if (!address.isEmpty())
        Q_EMIT callBackRequested(address);
}
