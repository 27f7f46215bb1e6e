#include "core/store/CallLogModel.h"

#include "core/phone/ClientAddress.h"
#include "core/phone/PhoneNumber.h"
#include "core/store/CallLog.h"
#include "core/store/CallResult.h"
#include "core/store/SearchPattern.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"
#include "core/webhook/CallStatus.h"

namespace Store {
namespace {

enum QueryColumn {
    SidField,
    StartedField,
    DirectionField,
    FromField,
    ToField,
    ClientField,
    StatusField,
    DurationField,
    OutcomeField
};

// The outcome as the Outcome column shows it and the filter matches it: Twilio's status where the call
// has none (still going, or logged before outcomes were kept).
constexpr QLatin1StringView shownOutcome("(CASE WHEN outcome <> '' THEN outcome ELSE status END)");

} // namespace

CallLogModel::CallLogModel(std::shared_ptr<Database> database, const QString &region, QObject *parent)
    : StoreQueryModel(std::move(database), parent)
    , m_region(region)
{
    refresh();
}

void CallLogModel::setFilter(const CallLogFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refresh();
}

bool CallLogModel::refreshIfChanged()
{
    const auto latest = CallLog(database()).latestEventId();
    if (latest && m_readUpTo && *latest == *m_readUpTo)
        return false;
    refresh();
    return true;
}

void CallLogModel::refresh()
{
    // Before the read: an event stored in between is then read again next time, never missed.
    m_readUpTo = CallLog(database()).latestEventId();
    QString sql
        = QStringLiteral("SELECT call_sid, started_at, direction, from_address, to_address, client_name,"
                         " status, duration, outcome FROM calls");
    QStringList conditions;
    QVariantList values;
    const QString number = m_filter.number.trimmed();
    if (!number.isEmpty()) {
        const QString digits = SearchPattern::number(number, m_region);
        const QString pattern = digits.isEmpty() ? SearchPattern::containing(number) : digits;
        conditions << QStringLiteral(
            "(LOWER(from_address) LIKE ? ESCAPE '\\' OR LOWER(to_address) LIKE ? ESCAPE '\\')");
        values << pattern << pattern;
    }
    if (!m_filter.client.isEmpty()) {
        conditions << QStringLiteral("client_name = ?");
        values << m_filter.client;
    }
    if (!m_filter.direction.isEmpty()) {
        conditions << QStringLiteral("direction = ?");
        values << m_filter.direction;
    }
    if (!m_filter.outcome.isEmpty()) {
        conditions << shownOutcome + QStringLiteral(" = ?");
        values << m_filter.outcome;
    }
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY started_at DESC, id DESC");
    load(sql, values, QStringLiteral("read the call log"));
}

QStringList CallLogModel::outcomesInLog() const
{
    Statement select(*database(),
                     QStringLiteral("SELECT DISTINCT ") + shownOutcome + QStringLiteral(" FROM calls"));
    if (const auto done = select.exec(QStringLiteral("list the outcomes in the call log")); !done) {
        qCWarning(lcStore).noquote() << done.error();
        return {};
    }
    QStringList known;
    QStringList statuses;
    while (select.next()) {
        const QString value = select.value(0).toString();
        (CallResults::fromName(value) != CallResult::Unknown ? known : statuses).append(value);
    }
    const QList<CallResult> order = CallResults::all();
    std::sort(known.begin(), known.end(), [&order](const QString &a, const QString &b) {
        return order.indexOf(CallResults::fromName(a)) < order.indexOf(CallResults::fromName(b));
    });
    statuses.sort();
    return known + statuses;
}

QString CallLogModel::outcomeText(const QString &outcome)
{
    const CallResult result = CallResults::fromName(outcome);
    // A call still going has no outcome yet: its status then, as a word for people.
    return result == CallResult::Unknown ? Webhook::CallStatuses::labelOf(outcome)
                                         : CallResults::label(result);
}

QString CallLogModel::durationText(int seconds)
{
    if (seconds < 0)
        return QString();
    const int hours = seconds / 3600;
    const int minutes = seconds / 60 % 60;
    const QString rest = QStringLiteral("%1").arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(rest);
    return QStringLiteral("%1:%2").arg(minutes).arg(rest);
}

int CallLogModel::rowOf(const QString &callSid) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (field(row, SidField).toString() == callSid)
            return row;
    }
    return -1;
}

int CallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CallLogModel::displayAddress(const QString &address) const
{
    if (Phone::ClientAddress::hasPrefix(address))
        return address;
    if (const auto parsed = Phone::PhoneNumber::parse(address, m_region))
        return parsed->international();
    return address;
}

QVariant CallLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const auto value = [this, row](int column) { return field(row, column); };
    if (role == CallSidRole)
        return value(SidField).toString();
    if (role == RemoteAddressRole) {
        const bool outgoing = value(DirectionField).toString() == QLatin1String("outgoing");
        return value(outgoing ? ToField : FromField).toString();
    }
    if (role == Qt::TextAlignmentRole && index.column() == DurationColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return tr("Twilio's status of the caller's leg: %1").arg(value(StatusField).toString());
    if (role == Qt::ToolTipRole)
        return tr("Call SID %1").arg(value(SidField).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case StartedColumn:
        return QDateTime::fromMSecsSinceEpoch(value(StartedField).toLongLong())
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case DirectionColumn:
        return value(DirectionField).toString() == QLatin1String("outgoing") ? tr("Outgoing")
                                                                             : tr("Incoming");
    case FromColumn:
        return displayAddress(value(FromField).toString());
    case ToColumn:
        return displayAddress(value(ToField).toString());
    case ClientColumn:
        return value(ClientField).toString();
    case OutcomeColumn: {
        const QString outcome = value(OutcomeField).toString();
        return outcomeText(outcome.isEmpty() ? value(StatusField).toString() : outcome);
    }
    case StatusColumn:
        return value(StatusField).toString();
    case DurationColumn: {
        // Nobody talked on a missed, declined or voicemail call, whatever the caller's leg lasted.
        const QString outcome = value(OutcomeField).toString();
        if (!outcome.isEmpty() && CallResults::fromName(outcome) != CallResult::Answered)
            return QString();
        return durationText(value(DurationField).isNull() ? -1 : value(DurationField).toInt());
    }
    default:
        return {};
    }
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return StoreQueryModel::headerData(section, orientation, role);
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case DirectionColumn:
        return tr("Direction");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case ClientColumn:
        return tr("Client");
    case OutcomeColumn:
        return tr("Outcome");
    case StatusColumn:
        return tr("Twilio status");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace Store
