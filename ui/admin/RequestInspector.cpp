#include "ui/admin/RequestInspector.h"

#include "core/routing/WebhookPaths.h"
#include "core/twiml/PrettyPrint.h"
#include "ui/admin/RequestLogModel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Admin {

RequestInspector::RequestInspector(QWidget *parent)
    : QWidget(parent)
    , m_model(new RequestLogModel(this))
{
    m_table = new QTableView(this);
    m_table->setAccessibleName(tr("Requests"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    // Widths from the longest usual values rather than ResizeToContents, which measures every row on each
    // layout and does not follow inserted rows.
    const auto fit = [this, header](int column, const QString &sample) {
        const int text = qMax(
            m_table->fontMetrics().horizontalAdvance(sample),
            header->fontMetrics().horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()));
        header->resizeSection(column, text + 10);
        return text + 10;
    };
    const int columnsWidth = fit(RequestLogModel::Time, QStringLiteral("00:00:00.000"))
        + fit(RequestLogModel::Route, QStringLiteral("POST ") + Routing::WebhookPaths::incoming())
        + fit(RequestLogModel::Caller, QStringLiteral("+819012345678"))
        + fit(RequestLogModel::Verdict, QStringLiteral("not checked"))
        + fit(RequestLogModel::Status, QStringLiteral("000"))
        + fit(RequestLogModel::Latency, QStringLiteral("00.0 ms"));
    // The whole row stays in view; the details pane gives way (and scrolls sideways) instead.
    m_table->setMinimumWidth(columnsWidth + 2 * m_table->frameWidth()
                             + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    header->setSectionResizeMode(RequestLogModel::Caller, QHeaderView::Stretch);
    header->setHighlightSections(false);

    m_details = new QPlainTextEdit(this);
    m_details->setAccessibleName(tr("Request details"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a request to see its parameters and the answer."));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_count = new QLabel(this);
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("clear"));
    m_clear->setToolTip(tr("Forget the requests listed here (the call log keeps its calls)"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_clear, &QPushButton::clicked, this, &RequestInspector::clear);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RequestInspector::showSelected);
    // A reset (Clear) drops the selection without a selectionChanged.
    connect(m_model, &QAbstractItemModel::modelReset, this, &RequestInspector::showSelected);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this] { m_count->setText(tr("%n request(s), newest first", nullptr, m_model->rowCount())); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_count->setText(tr("Requests appear here as the server answers them.")); });
    m_count->setText(tr("Requests appear here as the server answers them."));
}

void RequestInspector::append(const Server::RequestRecord &record)
{
    m_model->append(record);
}

void RequestInspector::clear()
{
    m_model->clear();
}

void RequestInspector::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        m_details->clear();
    else
        m_details->setPlainText(describe(m_model->record(rows.first().row())));
}

QString RequestInspector::describe(const Server::RequestRecord &record)
{
    const QString time = record.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
    QStringList lines {
        QStringLiteral("%1 %2").arg(record.method, record.route),
        tr("Time:       %1").arg(time),
        tr("Peer:       %1").arg(record.peer),
        tr("Status:     %1").arg(record.status),
        tr("Latency:    %1 ms").arg(record.latencyMicroseconds / 1000.0, 0, 'f', 1),
        tr("Signature:  %1").arg(record.signature),
        tr("Outcome:    %1").arg(record.outcome.isEmpty() ? tr("(none)") : record.outcome),
        QString(),
    };
    // The answer before the parameters: with Twilio's dozen and more fields it would be out of sight.
    if (record.response.isEmpty()) {
        lines.append(tr("Response: (empty)"));
    } else {
        lines.append(tr("Response"));
        lines.append(Twiml::PrettyPrint::body(record.response));
    }
    lines.append(QString());
    lines.append(tr("Parameters (%1)").arg(record.parameters.size()));
    for (const auto &[name, value] : record.parameters.pairs())
        lines.append(QStringLiteral("  %1 = %2").arg(name, value));
    return lines.join(u'\n');
}

} // namespace Admin
