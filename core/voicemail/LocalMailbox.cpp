#include "core/voicemail/LocalMailbox.h"

#include "core/rest/TwilioRestClient.h"
#include "core/store/VoicemailStore.h"

namespace Voicemail {

LocalMailbox::LocalMailbox(std::shared_ptr<Store::Database> database, QString clientName,
                           RecordingAccess access, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_clientName(std::move(clientName))
    , m_access(std::move(access))
{ }

LocalMailbox::~LocalMailbox()
{
    // The REST clients first: their requests abort, and no answer reaches a mailbox half gone.
    qDeleteAll(findChildren<Rest::TwilioRestClient *>(Qt::FindDirectChildrenOnly));
}

void LocalMailbox::fetchInbox(int limit, ContentsDone done)
{
    const Store::VoicemailStore store(m_database);
    Store::VoicemailStore::Filter filter;
    filter.clientName = m_clientName;
    filter.limit = limit;
    const auto messages = store.list(filter);
    if (!messages) {
        done(Failure(messages.error()));
        return;
    }
    const auto unheard = store.unheardCount(m_clientName);
    if (!unheard) {
        done(Failure(unheard.error()));
        return;
    }
    done(Contents { *messages, *unheard });
}

Result<Store::Voicemail> LocalMailbox::ownMessage(const QString &recordingSid) const
{
    const auto found = Store::VoicemailStore(m_database).find(recordingSid);
    if (!found)
        return Failure(found.error());
    if (!found->has_value() || (*found)->deleted || (*found)->clientName != m_clientName)
        return Failure(tr("There is no such message (it may have been deleted)."));
    return **found;
}

Result<std::optional<Rest::ApiAccess>> LocalMailbox::recordingOf(const QString &recordingSid) const
{
    const auto message = ownMessage(recordingSid);
    if (!message)
        return Failure(message.error());
    const auto access = m_access(*message);
    if (!access)
        return Failure(tr("Twilio's REST API cannot be asked: %1").arg(access.error()));
    return *access;
}

Rest::TwilioRestClient *LocalMailbox::newRestClient(const Rest::ApiAccess &access)
{
    return new Rest::TwilioRestClient(access, this);
}

void LocalMailbox::fetchAudio(const QString &recordingSid, AudioDone done)
{
    const auto access = recordingOf(recordingSid);
    if (!access) {
        done(Failure(access.error()));
        return;
    }
    if (!access->has_value()) {
        done(Failure(tr("There is nothing to play: this message was left in a simulated call whose "
                        "recording was not kept (an earlier run of this app, or `switchboard simulate`).")));
        return;
    }
    Rest::TwilioRestClient *client = newRestClient(**access);
    client->fetch(QStringLiteral("Recordings/%1.wav").arg(recordingSid),
                  QStringLiteral("fetch the audio of voicemail %1").arg(recordingSid),
                  [client, done = std::move(done)](const Rest::ApiReply &answer) {
                      client->deleteLater();
                      if (answer.status == 404)
                          done(Failure(tr("Twilio no longer has this recording: it was deleted elsewhere.")));
                      else if (!answer.isOk())
                          done(Failure(answer.problem));
                      else
                          done(answer.body);
                  });
}

void LocalMailbox::setHeard(const QString &recordingSid, bool heard, Done done)
{
    if (const auto message = ownMessage(recordingSid); !message) {
        done(Failure(message.error()));
        return;
    }
    done(Store::VoicemailStore(m_database).setHeard(recordingSid, heard));
}

void LocalMailbox::remove(const QString &recordingSid, Done done)
{
    const auto access = recordingOf(recordingSid);
    if (!access) {
        done(Failure(tr("Nothing was deleted: %1").arg(access.error())));
        return;
    }
    if (!access->has_value()) { // the recording is gone with the simulator's run: only the row is left
        done(Store::VoicemailStore(m_database).markDeleted(recordingSid));
        return;
    }
    Rest::TwilioRestClient *client = newRestClient(**access);
    client->remove(
        QStringLiteral("Recordings/%1.json").arg(recordingSid),
        QStringLiteral("delete voicemail %1").arg(recordingSid),
        [client, database = m_database, recordingSid, done = std::move(done)](const Rest::ApiReply &answer) {
            client->deleteLater();
            // Gone at Twilio already (deleted elsewhere): deleted here too.
            if (!answer.isOk() && answer.status != 404) {
                done(Failure(tr("Nothing was deleted: %1").arg(answer.problem)));
                return;
            }
            done(Store::VoicemailStore(database).markDeleted(recordingSid));
        });
}

} // namespace Voicemail
