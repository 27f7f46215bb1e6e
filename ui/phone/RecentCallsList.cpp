#include "ui/phone/RecentCallsList.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/store/CallLog.h"
#include "core/webhook/CallStatus.h"

#include <QEvent>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QTextDocument>

#include <cmath>

namespace Phone {

namespace {

using Webhook::CallStatus;
using Webhook::CallStatuses;

constexpr int addressRole = Qt::UserRole;

// Missed calls and messages want the person's attention: red, as phones show them.
const QColor attentionColor(0xc6, 0x28, 0x28);

QString shown(const QString &address, const QString &region)
{
    if (Phone::ClientAddress::hasPrefix(address))
        return address;
    const auto number = Phone::PhoneNumber::parse(address, region);
    return number ? number->international() : address;
}

// What the call came to. Calls logged before outcomes were kept have only Twilio's status, whose final
// values other than "completed" still say that nobody answered.
Store::CallResult resultOf(const Store::CallRecord &call)
{
    if (call.outcome != Store::CallResult::Unknown || CallStatuses::is(call.status, CallStatus::Completed))
        return call.outcome;
    const bool incoming = call.direction == QLatin1String("incoming");
    return Store::CallLog::isFinalStatus(call.status) ? Store::CallResults::ofDial(call.status, incoming)
                                                      : Store::CallResult::Unknown;
}

QString talkTime(int seconds)
{
    if (seconds >= 60)
        return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QObject::tr("%1 s").arg(seconds);
}

QString outcomeText(const Store::CallRecord &call, Store::CallResult result)
{
    if (result == Store::CallResult::Answered && call.duration > 0)
        return Store::CallResults::label(result) + QStringLiteral(", ") + talkTime(call.duration);
    if (result != Store::CallResult::Unknown)
        return Store::CallResults::label(result);
    // Before outcomes were kept, a completed call with a duration was a call that somebody answered.
    if (CallStatuses::is(call.status, CallStatus::Completed) && call.duration > 0)
        return talkTime(call.duration);
    return Webhook::CallStatuses::labelOf(call.status);
}

enum class Kind { Incoming, Outgoing, Missed, Declined, Voicemail, NotConnected };

Kind kindOf(const Store::CallRecord &call, Store::CallResult result)
{
    switch (result) {
    case Store::CallResult::Missed:
        return Kind::Missed;
    case Store::CallResult::Voicemail:
        return Kind::Voicemail;
    case Store::CallResult::Declined:
        return Kind::Declined;
    case Store::CallResult::NoAnswer:
    case Store::CallResult::Busy:
    case Store::CallResult::Failed:
        return Kind::NotConnected;
    default:
        return call.direction == QLatin1String("incoming") ? Kind::Incoming : Kind::Outgoing;
    }
}

// A call that rang here and that nobody answered: missed, or a message left.
bool isMissed(const Store::CallRecord &call)
{
    const Kind kind = kindOf(call, resultOf(call));
    return call.direction == QLatin1String("incoming") && (kind == Kind::Missed || kind == Kind::Voicemail);
}

// Drawn rather than taken from the icon theme, which a desktop may not have: an arrow into the phone for
// an incoming call, out of it for an outgoing one, a bounced arrow for a missed call, a barred circle for
// a declined one, the tape sign for a message.
QIcon iconFor(Kind kind, const QPalette &palette)
{
    constexpr int size = 32;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor color;
    switch (kind) {
    case Kind::Incoming:
        color = QColor(0x2e, 0x7d, 0x32);
        break;
    case Kind::Outgoing:
        color = QColor(0x15, 0x65, 0xc0);
        break;
    case Kind::Missed:
    case Kind::Voicemail:
        color = attentionColor;
        break;
    case Kind::Declined:
    case Kind::NotConnected:
        color = palette.color(QPalette::PlaceholderText);
        break;
    }
    painter.setPen(QPen(color, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    const auto arrow = [&painter](QPointF from, QPointF to) {
        painter.drawLine(from, to);
        const QPointF direction = (to - from) / std::hypot(to.x() - from.x(), to.y() - from.y());
        const QPointF normal(-direction.y(), direction.x());
        painter.drawLine(to, to - direction * 9 + normal * 7);
        painter.drawLine(to, to - direction * 9 - normal * 7);
    };
    switch (kind) {
    case Kind::Incoming:
        arrow({ 25, 7 }, { 8, 24 });
        break;
    case Kind::Outgoing:
    case Kind::NotConnected:
        arrow({ 8, 24 }, { 25, 7 });
        break;
    case Kind::Missed: {
        QPainterPath path({ 5, 9 });
        path.lineTo(15, 21);
        path.lineTo(27, 9);
        painter.drawPath(path);
        painter.drawLine(QPointF(27, 9), QPointF(19, 9));
        painter.drawLine(QPointF(27, 9), QPointF(27, 17));
        break;
    }
    case Kind::Declined:
        painter.drawEllipse(QPointF(16, 16), 11, 11);
        painter.drawLine(QPointF(8.5, 23.5), QPointF(23.5, 8.5));
        break;
    case Kind::Voicemail:
        painter.drawEllipse(QPointF(9, 17), 5.5, 5.5);
        painter.drawEllipse(QPointF(23, 17), 5.5, 5.5);
        painter.drawLine(QPointF(9, 22.5), QPointF(23, 22.5));
        break;
    }
    painter.end();
    return QIcon(pixmap);
}

} // namespace

RecentCallsList::Source RecentCallsList::fromCallLog(std::shared_ptr<Store::Database> database,
                                                     const QString &clientName)
{
    return [database = std::move(database), clientName](const std::function<void(Calls)> &done) {
        const auto page
            = Store::CallLog(database).clientPage(clientName, QDateTime(), std::nullopt, maxCalls);
        done(page ? Calls(page->calls) : Calls(Failure(page.error())));
    };
}

RecentCallsList::RecentCallsList(Source source, const QString &region, QWidget *parent)
    : QListWidget(parent)
    , m_source(std::move(source))
    , m_region(region)
{
    setAccessibleName(tr("Recent calls"));
    setToolTip(tr("Double-click to call back"));
    setAlternatingRowColors(true);
    setIconSize(QSize(20, 20));
    // Activated: double-click, or Enter on the current row.
    connect(this, &QListWidget::itemActivated, this, &RecentCallsList::requestCallBack);
}

void RecentCallsList::refresh()
{
    const quint64 request = ++m_request;
    m_source([list = QPointer<RecentCallsList>(this), request](const Calls &calls) {
        if (list && request == list->m_request)
            list->showCalls(calls);
    });
}

void RecentCallsList::showCalls(const Calls &calls)
{
    // Calls missed now that were not before (new, or ringing then) are news; on the first reading, none.
    if (calls && m_read && m_calls) {
        QSet<QString> known;
        for (const Store::CallRecord &call : std::as_const(*m_calls)) {
            if (isMissed(call))
                known.insert(call.callSid);
        }
        for (const Store::CallRecord &call : *calls) {
            if (isMissed(call) && !known.contains(call.callSid))
                Q_EMIT missedCallArrived(call.from);
        }
    }
    m_read = m_read || calls;
    m_calls = calls;
    showRows();
    // Looked at while it changes: seen.
    if (isVisible() && window()->isActiveWindow())
        markSeen();
    countMissed();
}

void RecentCallsList::showRows()
{
    clear();
    if (!m_calls) {
        auto *problem = new QListWidgetItem(tr("The calls cannot be shown: %1").arg(m_calls.error()), this);
        problem->setFlags(Qt::NoItemFlags);
        problem->setForeground(attentionColor);
        return;
    }
    for (const Store::CallRecord &call : std::as_const(*m_calls)) {
        if (m_missedOnly && !isMissed(call))
            continue;
        const bool incoming = call.direction == QLatin1String("incoming");
        const QString address = incoming ? call.from : call.to;
        const QString when = QLocale().toString(call.startedAt.toLocalTime(), QLocale::ShortFormat);
        const Store::CallResult result = resultOf(call);
        const Kind kind = kindOf(call, result);
        auto *item = new QListWidgetItem(
            iconFor(kind, palette()),
            QStringLiteral("%1\n%2 · %3").arg(shown(address, m_region), when, outcomeText(call, result)),
            this);
        item->setData(addressRole, address);
        item->setData(outcomeRole, Store::CallResults::name(result));
        if (kind == Kind::Missed || kind == Kind::Voicemail)
            item->setForeground(attentionColor);
        // Tool tips guess rich text from the text, and the caller chooses its address: shown as it is.
        item->setToolTip(Qt::convertFromPlainText(
            (incoming ? tr("Call from %1").arg(address) : tr("Call to %1").arg(address))
            + (call.status.isEmpty() ? QString() : u'\n' + tr("Twilio's status: %1").arg(call.status))));
        if (count() >= maxCalls)
            break;
    }
    if (count() == 0) {
        auto *empty = new QListWidgetItem(m_missedOnly ? tr("No missed calls") : tr("No calls yet"), this);
        empty->setFlags(Qt::NoItemFlags);
    }
}

void RecentCallsList::countMissed()
{
    int missed = 0;
    if (m_calls) {
        for (const Store::CallRecord &call : std::as_const(*m_calls)) {
            if (isMissed(call) && (!m_seenUntil.isValid() || call.startedAt > m_seenUntil))
                ++missed;
        }
    }
    if (std::exchange(m_missed, missed) != missed)
        Q_EMIT missedCountChanged(missed);
}

void RecentCallsList::setSeenUntil(const QDateTime &utc)
{
    m_seenUntil = utc;
    countMissed();
}

void RecentCallsList::markSeen()
{
    QDateTime newest = m_seenUntil;
    if (m_calls) {
        for (const Store::CallRecord &call : std::as_const(*m_calls)) {
            if (!newest.isValid() || call.startedAt > newest)
                newest = call.startedAt;
        }
    }
    if (newest == m_seenUntil)
        return;
    m_seenUntil = newest;
    Q_EMIT seenUntilChanged(newest);
    countMissed();
}

void RecentCallsList::setMissedOnly(bool missedOnly)
{
    m_missedOnly = missedOnly;
    showRows();
}

void RecentCallsList::callLogChanged()
{
    refresh();
}

void RecentCallsList::showEvent(QShowEvent *event)
{
    markSeen();
    refresh();
    QListWidget::showEvent(event);
}

void RecentCallsList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange && isVisible() && window()->isActiveWindow())
        markSeen();
    QListWidget::changeEvent(event);
}

void RecentCallsList::requestCallBack(QListWidgetItem *item)
{
    const QString address = item ? item->data(addressRole).toString() : QString();
    if (!address.isEmpty())
        Q_EMIT callBackRequested(address);
}

} // namespace Phone
