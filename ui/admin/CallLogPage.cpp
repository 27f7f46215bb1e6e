#include "ui/admin/CallLogPage.h"

#include "core/store/CallLogModel.h"
#include "core/store/CallStory.h"
#include "ui/TextTone.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Admin {

using Store::CallLogModel;

CallLogPage::CallLogPage(std::shared_ptr<Store::Database> database, const QString &region, QWidget *parent)
    : QWidget(parent)
{
    m_database = database;
    m_model = new CallLogModel(std::move(database), region, this);

    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("numberFilter"));
    m_number->setPlaceholderText(tr("Number"));
    m_number->setClearButtonEnabled(true);
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("clientFilter"));
    m_client->addItem(tr("All clients"), QString());
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("directionFilter"));
    m_direction->addItem(tr("Both directions"), QString());
    m_direction->addItem(tr("Incoming"), QStringLiteral("incoming"));
    m_direction->addItem(tr("Outgoing"), QStringLiteral("outgoing"));
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("outcomeFilter"));
    m_outcome->setToolTip(tr("What the calls came to: only what occurs in the log is offered"));
    updateOutcomeChoices();
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_number, 2);
    filters->addWidget(m_client, 1);
    filters->addWidget(m_direction, 1);
    filters->addWidget(m_outcome, 1);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("calls"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    auto *hint = new QLabel(tr("Newest first. Double-click a call to call back."), this);
    Ui::TextTone::set(hint, Ui::TextTone::Hint);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(hint, 1);
    bottom->addWidget(m_count);

    m_story = new QLabel(this);
    m_story->setObjectName(QStringLiteral("callStory"));
    m_story->setTextFormat(Qt::PlainText);
    m_story->setWordWrap(true);
    m_story->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_story->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_story);
    layout->addLayout(bottom);

    m_poll = new QTimer(this);
    m_poll->setInterval(pollMilliseconds);
    connect(m_poll, &QTimer::timeout, this, [this] { reload(false); });
    // The call log is written a few milliseconds behind the webhook's answer, by a thread of its own.
    m_soon = new QTimer(this);
    m_soon->setSingleShot(true);
    m_soon->setInterval(250);
    connect(m_soon, &QTimer::timeout, this, [this] { reload(false); });

    connect(m_number, &QLineEdit::textChanged, this, &CallLogPage::applyFilter);
    for (QComboBox *choice : { m_client, m_direction, m_outcome })
        connect(choice, &QComboBox::currentIndexChanged, this, &CallLogPage::applyFilter);
    // Activation is a double-click (or a single one, where the desktop is set so) and Enter.
    connect(m_table, &QTableView::activated, this, &CallLogPage::callBack);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CallLogPage::showStory);
    connect(m_model, &CallLogModel::modelReset, this, &CallLogPage::updateCount);
    connect(m_model, &CallLogModel::rowsInserted, this, &CallLogPage::updateCount);
    connect(m_model, &CallLogModel::readFailed, this, [this](const QString &reason) {
        m_count->setText(tr("The call log could not be read: %1").arg(reason));
    });
    updateCount();
}

void CallLogPage::setClientNames(const QStringList &names)
{
    const QString chosen = m_client->currentData().toString();
    const QSignalBlocker quiet(m_client);
    while (m_client->count() > 1)
        m_client->removeItem(1);
    for (const QString &name : names)
        m_client->addItem(name, name);
    m_client->setCurrentIndex(std::max(0, m_client->findData(chosen)));
}

void CallLogPage::refresh()
{
    reload(true);
}

void CallLogPage::reload(bool always)
{
    // The person keeps their place: the selected call stays selected, and the call at the top of the view
    // stays there unless the view was at the top, where new calls then appear.
    const QString selected = m_table->currentIndex().data(CallLogModel::CallSidRole).toString();
    const int topRow = m_table->rowAt(0);
    const QString top
        = topRow > 0 ? m_model->index(topRow, 0).data(CallLogModel::CallSidRole).toString() : QString();
    if (always)
        m_model->refresh();
    else if (!m_model->refreshIfChanged())
        return;
    // Which outcomes occur takes a scan of the whole log: not for every burst of new calls.
    if (always || !m_outcomesRead.isValid() || m_outcomesRead.hasExpired(pollMilliseconds))
        updateOutcomeChoices();
    if (!top.isEmpty()) {
        int row = m_model->rowOf(top);
        while (row < 0 && m_model->canFetchMore()) {
            m_model->fetchMore();
            row = m_model->rowOf(top);
        }
        if (row >= 0)
            m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
    }
    if (!selected.isEmpty()) {
        if (const int row = m_model->rowOf(selected); row >= 0) {
            m_table->setAutoScroll(false); // selecting must not scroll
            m_table->selectionModel()->setCurrentIndex(
                m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->setAutoScroll(true);
        }
    }
    showStory(); // it may have grown
}

void CallLogPage::callsChanged()
{
    if (isVisible())
        m_soon->start();
}

void CallLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload(false);
    m_poll->start();
}

void CallLogPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poll->stop();
}

void CallLogPage::applyFilter()
{
    m_model->setFilter(Store::CallLogFilter { m_number->text(), m_client->currentData().toString(),
                                              m_direction->currentData().toString(),
                                              m_outcome->currentData().toString() });
}

void CallLogPage::updateOutcomeChoices()
{
    // The one chosen stays offered, even when no call has it any more, so that the view does not change
    // under the person.
    const QString chosen = m_outcome->currentData().toString();
    QStringList outcomes = m_model->outcomesInLog();
    m_outcomesRead.start();
    if (!chosen.isEmpty() && !outcomes.contains(chosen))
        outcomes.append(chosen);
    QStringList offered;
    for (int index = 1; index < m_outcome->count(); ++index)
        offered.append(m_outcome->itemData(index).toString());
    if (m_outcome->count() > 0 && offered == outcomes)
        return;
    const QSignalBlocker quiet(m_outcome);
    m_outcome->clear();
    m_outcome->addItem(tr("Any outcome"), QString());
    for (const QString &outcome : std::as_const(outcomes))
        m_outcome->addItem(CallLogModel::outcomeText(outcome), outcome);
    m_outcome->setCurrentIndex(std::max(0, m_outcome->findData(chosen)));
}

void CallLogPage::callBack(const QModelIndex &index)
{
    const QString address = index.data(CallLogModel::RemoteAddressRole).toString();
    if (!address.isEmpty())
        Q_EMIT callBackRequested(address);
}

void CallLogPage::updateCount()
{
    const int rows = m_model->rowCount();
    m_count->setText(m_model->canFetchMore() ? tr("more than %n call(s)", nullptr, rows)
                                             : tr("%n call(s)", nullptr, rows));
}

void CallLogPage::showStory()
{
    const QString callSid = m_table->currentIndex().data(CallLogModel::CallSidRole).toString();
    const auto story = callSid.isEmpty() ? Result<QList<Store::StoryEvent>>(QList<Store::StoryEvent>())
                                         : Store::CallStory(m_database).of(callSid);
    if (!story || story->isEmpty()) {
        m_story->clear();
        m_story->setVisible(false);
        return;
    }
    QStringList lines { tr("What happened on this call:") };
    for (const Store::StoryEvent &event : *story)
        lines << QStringLiteral("%1  %2").arg(
            event.at.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
            event.sentence([this](const QString &address) { return m_model->displayAddress(address); }));
    m_story->setText(lines.join(u'\n'));
    m_story->setVisible(true);
}

} // namespace Admin
