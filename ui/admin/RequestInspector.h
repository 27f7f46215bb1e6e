#pragma once

// The live request inspector: the server's recent requests in a table and, for the selected one,
// everything the server kept of it (parameters, signature verdict, the answer pretty-printed).

#include "core/server/RequestRecord.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace Admin {

class RequestLogModel;

class RequestInspector : public QWidget
{
    Q_OBJECT

public:
    explicit RequestInspector(QWidget *parent = nullptr);

    void append(const Server::RequestRecord &record);
    void clear();

    RequestLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *details() const { return m_details; }

    // The details pane's text for one record.
    static QString describe(const Server::RequestRecord &record);

private:
    void showSelected();

    RequestLogModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_count;
    QPushButton *m_clear;
};

} // namespace Admin
