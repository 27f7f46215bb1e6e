#pragma once

// The phone's recent calls, newest first, from the call log: who, when, and what the call came to, with
// an icon for each kind (incoming, outgoing, missed in red, declined, voicemail). Double-click (or Enter)
// calls back.

#include <QListWidget>

#include <memory>

namespace Store {
class Database;
} // namespace Store

namespace Phone {

class RecentCallsList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int maxCalls = 50;
    // Each row's outcome, by its CallResults name; empty while unknown.
    static constexpr int outcomeRole = Qt::UserRole + 1;

    // clientName: the phone's own client; only its calls are listed. region: how numbers are shown.
    RecentCallsList(std::shared_ptr<Store::Database> database, const QString &clientName,
                    const QString &region, QWidget *parent = nullptr);

    // Reads the call log again.
    void refresh();
    // The call log has new events (WebhookServer::callLogWritten): read it again if shown.
    void callLogChanged();

Q_SIGNALS:
    void callBackRequested(const QString &address);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void requestCallBack(QListWidgetItem *item);

    std::shared_ptr<Store::Database> m_database;
    QString m_clientName;
    QString m_region;
};

} // namespace Phone
