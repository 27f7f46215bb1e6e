#include "ui/phone/VoicemailPanel.h"

#include "ui/phone/PhoneView.h"
#include "ui/phone/VoicemailPlayer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Phone {
namespace {

// New messages want the person's attention: the red of missed calls in Recent.
const QColor attentionColor(0xc6, 0x28, 0x28);

// A dot before a new message, as mail and phone apps mark them; a blank of its size before a heard one,
// so that the rows line up.
QIcon markFor(bool unheard)
{
    constexpr int size = 16;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    if (unheard) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(attentionColor);
        painter.drawEllipse(QRectF(3, 3, 10, 10));
    }
    return QIcon(pixmap);
}

QString length(int seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// The start of a transcript, for its row.
QString excerpt(const QString &transcript)
{
    constexpr int shown = 60;
    const QString text = transcript.simplified();
    return text.size() <= shown ? text : text.left(shown - 1) + QStringLiteral("…");
}

} // namespace

VoicemailPanel::VoicemailPanel(std::unique_ptr<Voicemail::Mailbox> mailbox, Voicemail::AudioCache cache,
                               const QString &region, QWidget *parent)
    : QWidget(parent)
    , m_mailbox(std::move(mailbox))
    , m_cache(std::move(cache))
    , m_region(region)
{
    m_empty
        = new QLabel(tr("No messages.\n\nA caller who reaches nobody can leave one; it shows here."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Voicemail"));
    m_list->setAlternatingRowColors(true);
    m_list->setIconSize(QSize(16, 16));
    m_list->setWordWrap(true);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(m_list);

    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::PlainText); // a transcript is what a caller said
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_player = new VoicemailPlayer(this);
    m_callBack = new QPushButton(tr("Call back"), this);
    m_heard = new QPushButton(tr("Mark as new"), this);
    m_delete = new QPushButton(tr("Delete…"), this);
    m_delete->setObjectName(QStringLiteral("delete"));
    m_delete->setToolTip(tr("Deletes the message here and its recording at Twilio (Delete)"));
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, attentionColor);
    m_problem->setPalette(problemPalette);
    m_problem->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_callBack);
    buttons->addWidget(m_heard);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_player);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const Store::Voicemail *message = selected();
        m_player->unload(message ? message->duration : 0); // a new choice: Play plays it
        showSelected();
    });
    connect(m_list, &QListWidget::itemActivated, this, [this] { playSelected(); });
    connect(m_player, &VoicemailPlayer::playRequested, this, &VoicemailPanel::playSelected);
    connect(m_player, &VoicemailPlayer::failed, this, &VoicemailPanel::showProblem);
    connect(m_callBack, &QPushButton::clicked, this, &VoicemailPanel::callBackSelected);
    connect(m_heard, &QPushButton::clicked, this, &VoicemailPanel::toggleHeardOfSelected);
    connect(m_delete, &QPushButton::clicked, this, &VoicemailPanel::deleteSelected);
    // Shortcuts, not key presses: the list would take Space for itself.
    auto *deleteKey = new QShortcut(QKeySequence::Delete, this, this, &VoicemailPanel::deleteSelected);
    deleteKey->setContext(Qt::WidgetWithChildrenShortcut);
    auto *spaceKey = new QShortcut(Qt::Key_Space, m_list, m_player, &VoicemailPlayer::togglePause);
    spaceKey->setContext(Qt::WidgetShortcut);
    showSelected();
}

VoicemailPanel::~VoicemailPanel()
{
    // The mailbox first, while this panel is whole: it calls back no more once it is gone.
    m_mailbox.reset();
}

QString VoicemailPanel::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void VoicemailPanel::showProblem(const QString &sentence)
{
    m_listFailed = false;
    m_problem->setText(sentence);
    m_problem->setVisible(!sentence.isEmpty());
}

void VoicemailPanel::refresh()
{
    const quint64 request = ++m_inboxRequest;
    m_mailbox->fetchInbox(maxMessages,
                          [panel = QPointer<VoicemailPanel>(this),
                           request](const Result<Voicemail::Mailbox::Contents> &contents) {
                              if (panel && request == panel->m_inboxRequest)
                                  panel->showContents(contents);
                          });
}

void VoicemailPanel::showEvent(QShowEvent *event)
{
    refresh();
    QWidget::showEvent(event);
}

QString VoicemailPanel::callerText(const Store::Voicemail &message) const
{
    const QString caller = PhoneView::displayName(message.caller, m_region);
    const QString label = m_labelFor ? m_labelFor(message.caller) : QString();
    if (message.caller.isEmpty())
        return tr("Unknown caller");
    return label.isEmpty() ? caller : QStringLiteral("%1 (%2)").arg(caller, label);
}

void VoicemailPanel::showContents(const Result<Voicemail::Mailbox::Contents> &contents)
{
    if (!contents) {
        showProblem(tr("The voicemail cannot be shown: %1").arg(contents.error()));
        m_listFailed = true;
        return;
    }
    if (m_listFailed)
        showProblem(QString()); // it can be again
    const QString current
        = m_list->currentItem() ? m_list->currentItem()->data(recordingSidRole).toString() : QString();
    const QString playing = m_player->filePath();
    if (m_read) {
        QSet<QString> known;
        for (const Store::Voicemail &message : std::as_const(m_messages))
            known.insert(message.recordingSid);
        for (const Store::Voicemail &message : contents->messages) {
            if (!known.contains(message.recordingSid) && !message.heard)
                Q_EMIT messageArrived(callerText(message), message.caller);
        }
    }
    m_read = true;
    const QSignalBlocker quiet(m_list); // the same message stays chosen, and keeps playing
    m_list->clear();
    m_messages = contents->messages;
    QSet<QString> listed;
    for (const Store::Voicemail &message : std::as_const(m_messages)) {
        listed.insert(message.recordingSid);
        QString text = callerText(message) + u'\n'
            + QLocale().toString(message.recorded.toLocalTime(), QLocale::ShortFormat) + QStringLiteral(" · ")
            + length(message.duration);
        if (!message.transcript.isEmpty())
            text += QStringLiteral("\n“%1”").arg(excerpt(message.transcript));
        auto *item = new QListWidgetItem(markFor(!message.heard), text, m_list);
        item->setData(recordingSidRole, message.recordingSid);
        QFont font = item->font();
        font.setBold(!message.heard);
        item->setFont(font);
        item->setToolTip(message.heard ? tr("Heard. Double-click to play it again")
                                       : tr("New. Double-click to play it"));
        if (message.recordingSid == current)
            m_list->setCurrentItem(item);
    }
    // Fewer than asked for: the list is all there is, and files of messages deleted elsewhere can go.
    if (m_messages.size() < maxMessages)
        m_cache.keepOnly(listed);
    if (!current.isEmpty() && !listed.contains(current) && !playing.isEmpty())
        m_player->unload(); // deleted elsewhere
    m_pages->setCurrentWidget(m_messages.isEmpty() ? static_cast<QWidget *>(m_empty) : m_list);
    showSelected();
    if (std::exchange(m_unheard, contents->unheard) != contents->unheard)
        Q_EMIT unheardCountChanged(m_unheard);
}

const Store::Voicemail *VoicemailPanel::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_messages.size() ? &m_messages.at(row) : nullptr;
}

void VoicemailPanel::showSelected()
{
    const Store::Voicemail *message = selected();
    m_player->setEnabled(message);
    m_callBack->setEnabled(message && !message->caller.isEmpty());
    m_heard->setEnabled(message);
    m_delete->setEnabled(message);
    m_heard->setText(message && !message->heard ? tr("Mark as heard") : tr("Mark as new"));
    if (!message) {
        m_details->setText(m_messages.isEmpty() ? QString() : tr("Choose a message to play it."));
        return;
    }
    QString details
        = tr("From %1 to %2").arg(callerText(*message), PhoneView::displayName(message->called, m_region));
    if (!message->transcript.isEmpty())
        details += QStringLiteral("\n\n“%1”").arg(message->transcript);
    else if (message->transcriptStatus == QLatin1String("failed"))
        details += u'\n' + tr("Twilio could not transcribe it.");
    m_details->setText(details);
}

void VoicemailPanel::playSelected()
{
    const Store::Voicemail *message = selected();
    if (!message)
        return;
    showProblem(QString());
    const QString sid = message->recordingSid;
    if (const QString cached = m_cache.find(sid); !cached.isEmpty()) {
        startPlaying(sid, cached);
        return;
    }
    m_details->setText(m_details->text() + u'\n' + tr("Fetching the recording…"));
    const quint64 request = ++m_audioRequest;
    m_mailbox->fetchAudio(
        sid, [panel = QPointer<VoicemailPanel>(this), request, sid](const Result<QByteArray> &audio) {
            if (!panel || request != panel->m_audioRequest)
                return;
            panel->showSelected();
            if (!audio) {
                panel->showProblem(audio.error());
                return;
            }
            const auto stored = panel->m_cache.store(sid, *audio);
            if (!stored) {
                panel->showProblem(tr("The recording cannot be kept to play it: %1").arg(stored.error()));
                return;
            }
            panel->startPlaying(sid, *stored);
        });
}

void VoicemailPanel::startPlaying(const QString &recordingSid, const QString &filePath)
{
    const Store::Voicemail *message = selected();
    if (!message || message->recordingSid != recordingSid)
        return; // another one was chosen while this one was fetched
    m_player->play(filePath);
    if (!message->heard) {
        m_mailbox->setHeard(
            recordingSid, true, [panel = QPointer<VoicemailPanel>(this)](const Result<void> &done) {
                if (!panel)
                    return;
                if (!done)
                    panel->showProblem(tr("The message could not be marked heard: %1").arg(done.error()));
                panel->refresh();
            });
    }
}

void VoicemailPanel::toggleHeardOfSelected()
{
    const Store::Voicemail *message = selected();
    if (!message)
        return;
    const QString sid = message->recordingSid; // the list is read again before this returns
    m_mailbox->setHeard(sid, !message->heard,
                        [panel = QPointer<VoicemailPanel>(this)](const Result<void> &done) {
                            if (!panel)
                                return;
                            panel->showProblem(done ? QString() : done.error());
                            panel->refresh();
                        });
}

void VoicemailPanel::deleteSelected()
{
    const Store::Voicemail *message = selected();
    if (!message)
        return;
    const QString sid = message->recordingSid;
    const auto answer = QMessageBox::question(
        this, tr("Delete the message?"),
        tr("Delete the message from %1? Its recording is deleted at Twilio too, and cannot be brought back.")
            .arg(callerText(*message)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_mailbox->remove(sid, [panel = QPointer<VoicemailPanel>(this), sid](const Result<void> &done) {
        if (!panel)
            return;
        if (!done) {
            panel->showProblem(done.error());
            return;
        }
        panel->showProblem(QString());
        if (panel->m_player->filePath() == panel->m_cache.find(sid))
            panel->m_player->unload();
        panel->m_cache.remove(sid);
        panel->refresh();
    });
}

void VoicemailPanel::callBackSelected()
{
    if (const Store::Voicemail *message = selected(); message && !message->caller.isEmpty())
        Q_EMIT callBackRequested(message->caller);
}

} // namespace Phone
