#pragma once

// A message left after an unanswered call: Twilio's recording of it, and what Switchboard knows around it.

#include <QDateTime>
#include <QString>

namespace Store {

struct Voicemail
{
    QString recordingSid; // RE…
    QString callSid; // CA…
    QString caller; // E.164, or client:NAME
    QString called; // the number the caller dialled
    QString clientName; // the client it rang, whose message it is
    QString status; // Twilio's RecordingStatus: completed, absent or failed
    int duration = 0; // seconds
    QString mediaUrl; // Twilio's RecordingUrl, without an extension; fetched with the account's credentials
    QString transcript;
    QString transcriptStatus; // '' when none was asked for; completed or failed
    bool heard = false;
    bool deleted = false;
    QDateTime recorded; // UTC
};

// What a recording status callback (POST /voice/recording) tells of one.
struct RecordingReport
{
    QString recordingSid;
    QString callSid;
    QString status;
    int duration = 0;
    QString mediaUrl;
    QDateTime recorded; // UTC
};

// What a transcription callback (POST /voice/transcription) tells.
struct TranscriptReport
{
    QString recordingSid;
    QString callSid;
    QString mediaUrl;
    QString text;
    QString status; // completed or failed
};

} // namespace Store
