#pragma once

// The admin page of the call log: every call Twilio reported (status callbacks) and every one this
// server answered, newest first, kept up to date while it is shown, filtered by number, client,
// direction and outcome. Double-click (or Enter) calls the other party back.

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
QT_END_NAMESPACE

namespace Store {
class CallLogModel;
class Database;
} // namespace Store

namespace Admin {

class CallLogPage : public QWidget
{
    Q_OBJECT

public:
    // How often the page reads the log while shown, for calls that other servers on a shared database
    // write; this server's own requests refresh it at once (callsChanged).
    static constexpr int pollMilliseconds = 5000;

    CallLogPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent = nullptr);

    // Reads the log again, keeping the selected call selected.
    void refresh();
    // Something was committed to the log (WebhookServer::callLogWritten): refresh soon, once for a burst.
    void callsChanged();
    // The client names offered by the client filter.
    void setClientNames(const QStringList &names);

    Store::CallLogModel *model() const { return m_model; }

Q_SIGNALS:
    void callBackRequested(const QString &address);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    // always: read even when no event was stored since the last read.
    void reload(bool always);
    void applyFilter();
    void callBack(const QModelIndex &index);
    void updateCount();
    void updateOutcomeChoices();
    // The story of the selected call (Store::CallStory), when it has one: transfers, holds, who joined.
    void showStory();

    Store::CallLogModel *m_model = nullptr;
    QLineEdit *m_number = nullptr;
    QComboBox *m_client = nullptr;
    QComboBox *m_direction = nullptr;
    QComboBox *m_outcome = nullptr; // filled with the outcomes that occur in the log
    QElapsedTimer m_outcomesRead; // since m_outcome's choices were read
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_story = nullptr; // what happened on the selected call under call control
    std::shared_ptr<Store::Database> m_database;
    QTimer *m_poll = nullptr;
    QTimer *m_soon = nullptr;
};

} // namespace Admin
