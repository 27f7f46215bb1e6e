#pragma once

// The phone's recent calls, newest first: who, when, and what the call came to, with an icon for each
// kind (incoming, outgoing, missed in red, declined, voicemail). Double-click (or Enter) calls back. The
// calls come from a source: this desktop's own call log, or the team's server in team mode.

#include "core/common/Result.h"
#include "core/store/CallLog.h"

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
    // The call log has new events (WebhookServer::callLogWritten): read it again if shown.
    void callLogChanged();

Q_SIGNALS:
    void callBackRequested(const QString &address);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void requestCallBack(QListWidgetItem *item);
    void showCalls(const Calls &calls);

    Source m_source;
    QString m_region;
    quint64 m_request = 0; // an answer to an older request is dropped
};

} // namespace Phone
