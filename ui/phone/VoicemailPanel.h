#pragma once

// The phone's Voicemail tab: the client's messages, newest first, new ones in bold, each with who called
// (and the number's label, where the mapping has one), when, how long, and what Twilio transcribed. The
// selected message plays (VoicemailPlayer, its audio fetched once and kept in the AudioCache), calls back,
// is marked heard or new, or is deleted after asking. The messages come from a Voicemail::Mailbox: this
// desktop's own, or the team server's.

#include "core/voicemail/AudioCache.h"
#include "core/voicemail/Mailbox.h"

#include <QWidget>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QStackedWidget;
QT_END_NAMESPACE

namespace Phone {

class VoicemailPlayer;

class VoicemailPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int maxMessages = 100;
    // Each row's RecordingSid.
    static constexpr int recordingSidRole = Qt::UserRole + 1;

    // region: how numbers are shown.
    VoicemailPanel(std::unique_ptr<Voicemail::Mailbox> mailbox, Voicemail::AudioCache cache,
                   const QString &region, QWidget *parent = nullptr);
    ~VoicemailPanel() override;

    // The label a caller's number has in the mapping, shown with it.
    void setLabelLookup(std::function<QString(const QString &e164)> lookup)
    {
        m_labelFor = std::move(lookup);
    }
    VoicemailPlayer *player() const { return m_player; }
    QListWidget *messageList() const { return m_list; }
    // The last problem, as the person reads it; empty when the last action went well.
    QString problemText() const;
    int unheardCount() const { return m_unheard; }

    // Asks the mailbox again (the count is kept current even while the tab is hidden).
    void refresh();
    // Plays the selected message, fetching its audio the first time.
    void playSelected();
    void toggleHeardOfSelected();
    // Asks first.
    void deleteSelected();
    void callBackSelected();

Q_SIGNALS:
    void callBackRequested(const QString &address);
    // Messages not heard yet: after each reading of the mailbox that changes it.
    void unheardCountChanged(int count);
    // A message that was not in the mailbox before (not on the first reading): who left it, as shown, and
    // the address to call back (empty when unknown).
    void messageArrived(const QString &caller, const QString &address);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showContents(const Result<Voicemail::Mailbox::Contents> &contents);
    void showSelected();
    void showProblem(const QString &sentence);
    void startPlaying(const QString &recordingSid, const QString &filePath);
    const Store::Voicemail *selected() const;
    QString callerText(const Store::Voicemail &message) const;

    std::unique_ptr<Voicemail::Mailbox> m_mailbox;
    Voicemail::AudioCache m_cache;
    QString m_region;
    std::function<QString(const QString &)> m_labelFor;
    QList<Store::Voicemail> m_messages; // as listed, in the list's order
    int m_unheard = -1; // unknown until the first reading
    bool m_read = false; // the mailbox has answered once
    bool m_listFailed = false; // the problem shown is the last reading's
    quint64 m_inboxRequest = 0; // an answer to an older request is dropped
    quint64 m_audioRequest = 0;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_empty = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_problem = nullptr;
    VoicemailPlayer *m_player = nullptr;
    QPushButton *m_callBack = nullptr;
    QPushButton *m_heard = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace Phone
