#pragma once

// The call log as the admin page shows it: one row per call, newest first, filtered in SQL by number,
// client, direction and outcome, read lazily however long the log grows.

#include "core/store/StoreQueryModel.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Store {

struct CallLogFilter
{
    QString number; // part of From or To, however typed
    QString client; // exact client name; empty for all
    QString direction; // "incoming" or "outgoing" (the softphone's side); empty for both
    // A CallResults name ("missed"), or for calls without an outcome Twilio's status ("ringing"): what
    // the Outcome column shows. Empty for all.
    QString outcome;

    bool operator==(const CallLogFilter &other) const
    {
        return number == other.number && client == other.client && direction == other.direction
            && outcome == other.outcome;
    }
};

class CallLogModel : public StoreQueryModel
{
    Q_OBJECT

public:
    enum Column {
        StartedColumn,
        DirectionColumn,
        FromColumn,
        ToColumn,
        ClientColumn,
        OutcomeColumn, // what the call came to for the person; Twilio's status where that is unknown
        DurationColumn, // the talk time once the outcome is known
        StatusColumn, // Twilio's status of the caller's leg: a detail
        ColumnCount
    };
    static constexpr int CallSidRole = Qt::UserRole + 1;
    // The other party: From for an incoming call, To for an outgoing one. What calling back dials.
    static constexpr int RemoteAddressRole = Qt::UserRole + 2;

    CallLogModel(std::shared_ptr<Database> database, const QString &region, QObject *parent = nullptr);

    void setFilter(const CallLogFilter &filter);
    const CallLogFilter &filter() const { return m_filter; }
    // The outcomes that occur in the log, as CallLogFilter::outcome takes them: the known outcomes in
    // CallResults' order, then Twilio's statuses of calls without one.
    QStringList outcomesInLog() const;
    // What the Outcome column shows for a CallLogFilter::outcome value.
    static QString outcomeText(const QString &outcome);

    // Reads the log again (new calls, changed statuses).
    void refresh();
    // refresh() when an event was stored since the last read; true when it read. Cheap enough to poll.
    bool refreshIfChanged();

    // "1:05", "1:02:03"; empty when unknown.
    static QString durationText(int seconds);
    int rowOf(const QString &callSid) const;
    // How an address reads in the log: numbers in international format, client:NAME as it is.
    QString displayAddress(const QString &address) const;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_region;
    CallLogFilter m_filter;
    std::optional<qint64> m_readUpTo; // CallLog::latestEventId() at the last read
};

} // namespace Store
