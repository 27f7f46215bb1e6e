#pragma once

// The signed-in client's voicemail on the team's server (GET /voicemail and its message routes), for the
// phone's Voicemail tab in team mode: the list, a message's audio (the server fetches it from Twilio, so
// the phone holds no account secret), heard or not, and deletion. Every done runs in this object's thread,
// once, unless the client is deleted first. A list or audio request replaces one of its kind still under
// way (whose done is never called); changes each run to their end.

#include "core/common/Result.h"
#include "core/store/Voicemail.h"
#include "core/team/ChangeRequests.h"
#include "core/team/PendingRequest.h"
#include "core/team/ServerAccount.h"
#include "core/voicemail/Mailbox.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

namespace Team {

class VoicemailClient : public QObject, public Voicemail::Mailbox
{
    Q_OBJECT

public:
    using Inbox = Contents;

    explicit VoicemailClient(ServerAccount account, QObject *parent = nullptr);
    ~VoicemailClient() override;

    void fetchInbox(int limit, ContentsDone done) override;
    void fetchAudio(const QString &recordingSid, AudioDone done) override;
    void setHeard(const QString &recordingSid, bool heard, Done done) override;
    void remove(const QString &recordingSid, Done done) override;

private:
    // The settings' problems as a sentence; empty when requests can be made.
    QString accountProblem() const;

    ServerAccount m_account;
    QNetworkAccessManager m_network;
    PendingRequest m_inbox;
    PendingRequest m_audio;
    ChangeRequests m_changes;
};

} // namespace Team
