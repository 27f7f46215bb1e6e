#pragma once

// The admin console's Clients page: adds, disables and removes the Twilio clients, sets their secrets, and
// shows which numbers ring each.

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTreeWidget;
QT_END_NAMESPACE

namespace Store {
class Database;
struct Client;
} // namespace Store

namespace Admin {

class ClientTableModel;

class ClientsPage : public QWidget
{
    Q_OBJECT

public:
    // region: how numbers written without +CC are shown (ISO 3166, "JP").
    ClientsPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent = nullptr);

    // Reads the clients again, keeping the selected one selected.
    void refresh();
    // The desktop phone's own client: shown as "this phone", and never given a secret here (it gets its
    // tokens in-process) nor removed (the numbers that ring this window are mapped to it).
    void setThisPhone(const QString &clientName);

Q_SIGNALS:
    // After an add, remove, enable or disable: pages that offer the clients as choices reload them.
    void clientsChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    const Store::Client *selectedClient() const;
    void select(const QString &name);
    void showSelection();
    void report(const QString &message, bool failed);

    void addClient();
    void setSecret();
    void toggleDisabled();
    void removeClient();
    void showSecretOnce(const QString &name, const QByteArray &secret);

    std::shared_ptr<Store::Database> m_database;
    QString m_region;
    ClientTableModel *m_model = nullptr;
    QLabel *m_intro = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_numbersPane = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_numbersTitle = nullptr;
    QTreeWidget *m_numbers = nullptr;
    QLabel *m_numbersHint = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_setSecret = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace Admin
