#pragma once

// A client's voicemail as the phone's Voicemail tab sees it, wherever it lives: in this desktop's own
// database with the recordings at Twilio (LocalMailbox), or on the team's server (Team::VoicemailClient).
// Every done runs in the mailbox's thread, at once or later, at most once: not when the mailbox is deleted
// first, nor for an inbox or audio request that a newer one of its kind replaced.

#include "core/common/Result.h"
#include "core/store/Voicemail.h"

#include <QByteArray>
#include <QList>

#include <functional>

namespace Voicemail {

class Mailbox
{
public:
    struct Contents
    {
        QList<Store::Voicemail> messages; // newest first; neither deleted nor unplayable ones
        int unheard = 0; // of all the client's messages, not only those listed
    };
    using ContentsDone = std::function<void(Result<Contents>)>;
    using AudioDone = std::function<void(Result<QByteArray>)>; // the message as WAV
    using Done = std::function<void(Result<void>)>;

    virtual ~Mailbox() = default;

    virtual void fetchInbox(int limit, ContentsDone done) = 0;
    virtual void fetchAudio(const QString &recordingSid, AudioDone done) = 0;
    virtual void setHeard(const QString &recordingSid, bool heard, Done done) = 0;
    // Deleted at Twilio, then here: a failure deletes nothing.
    virtual void remove(const QString &recordingSid, Done done) = 0;
};

} // namespace Voicemail
