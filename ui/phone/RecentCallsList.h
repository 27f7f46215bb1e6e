#pragma once

// The phone's recent calls, newest first, from the call log: who, when, how it ended. Double-click (or
// Enter) calls back.

#include <QListWidget>

#include <memory>

namespace Store {
class Database;
} // namespace Store

class RecentCallsList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int maxCalls = 50;

    // clientName: the phone's own client; only its calls are listed. region: how numbers are shown.
    RecentCallsList(std::shared_ptr<Store::Database> database, const QString &clientName,
                    const QString &region, QWidget *parent = nullptr);

    // Reads the call log again.
    void refresh();

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
