#pragma once

// The phone's recent calls, newest first: who, when, and what the call came to, with an icon for each
// kind (incoming, outgoing, missed in red, declined, voicemail). Double-click (or Enter) calls back. The
// calls come from a source: this desktop's own call log, or the team's server in team mode. It counts the
// missed calls (nobody answered; voicemail or not) since the list was last seen, and can show only those.

#include "core/common/Result.h"
#include "core/store/CallLog.h"

#include <QDateTime>
#include <QList>
#include <QListWidget>

#include <functional>
#include <memory>

namespace Phone {

class RecentCallsList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int maxCalls = 50;
    // Each row's outcome, by its CallResults name; empty while unknown.
    static constexpr int outcomeRole = Qt::UserRole + 1;

    // Hands the phone's own calls (at most maxCalls, newest first) to the function it is given, at once
    // or later.
    using Calls = Result<QList<Store::CallRecord>>;
    using Source = std::function<void(std::function<void(Calls)>)>;
    // The calls of clientName in this desktop's own call log.
    static Source fromCallLog(std::shared_ptr<Store::Database> database, const QString &clientName);

    // region: how numbers are shown.
    RecentCallsList(Source source, const QString &region, QWidget *parent = nullptr);

    // Asks the source again.
    void refresh();
    // The call log has new events (WebhookServer::callLogWritten): read it again, shown or not, as the
    // count of missed calls follows it.
    void callLogChanged();

    // Missed calls up to this time (UTC) have been seen: they are not counted. Unset: every one counts.
    void setSeenUntil(const QDateTime &utc);
    QDateTime seenUntil() const { return m_seenUntil; }
    // Every missed call listed has been seen (the person looks at the list).
    void markSeen();
    int missedCount() const { return m_missed; }
    // Only missed calls, or every call.
    void setMissedOnly(bool missedOnly);

Q_SIGNALS:
    void callBackRequested(const QString &address);
    void missedCountChanged(int count);
    // A missed call that was not in the list before (not on the first reading): address called.
    void missedCallArrived(const QString &address);
    void seenUntilChanged(const QDateTime &utc);

protected:
    void showEvent(QShowEvent *event) override;
    // The window comes forward with the list shown: what it shows is seen.
    void changeEvent(QEvent *event) override;

private:
    void requestCallBack(QListWidgetItem *item);
    void showCalls(const Calls &calls);
    void showRows();
    void countMissed();

    Source m_source;
    QString m_region;
    quint64 m_request = 0; // an answer to an older request is dropped
    Calls m_calls = QList<Store::CallRecord>(); // the last answer
    bool m_read = false; // the source has answered once
    bool m_missedOnly = false;
    QDateTime m_seenUntil;
    int m_missed = 0;
};

} // namespace Phone
