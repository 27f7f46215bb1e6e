#pragma once

// The voicemail of this desktop's own phone: the messages in its database (the webhook server stores them
// as Twilio reports them), the recordings at Twilio, fetched and deleted through the REST client with the
// account this desktop holds.

#include "core/voicemail/Mailbox.h"
#include "core/voicemail/RecordingAccess.h"

#include <QObject>

#include <memory>

namespace Rest {
class TwilioRestClient;
} // namespace Rest

namespace Store {
class Database;
} // namespace Store

namespace Voicemail {

class LocalMailbox : public QObject, public Mailbox
{
    Q_OBJECT

public:
    // clientName: whose messages these are; access: where each message's recording is.
    LocalMailbox(std::shared_ptr<Store::Database> database, QString clientName, RecordingAccess access,
                 QObject *parent = nullptr);
    ~LocalMailbox() override;

    void fetchInbox(int limit, ContentsDone done) override;
    void fetchAudio(const QString &recordingSid, AudioDone done) override;
    void setHeard(const QString &recordingSid, bool heard, Done done) override;
    void remove(const QString &recordingSid, Done done) override;

private:
    // The client's message, not deleted; a sentence otherwise.
    Result<Store::Voicemail> ownMessage(const QString &recordingSid) const;
    // Where the client's message keeps its recording (RecordingAccess); a sentence when the message is not
    // the client's, or no API can be asked.
    Result<std::optional<Rest::ApiAccess>> recordingOf(const QString &recordingSid) const;
    // A REST client for one request, owned by this mailbox so that it goes with it; the request's answer
    // deletes it later.
    Rest::TwilioRestClient *newRestClient(const Rest::ApiAccess &access);

    std::shared_ptr<Store::Database> m_database;
    QString m_clientName;
    RecordingAccess m_access;
};

} // namespace Voicemail
