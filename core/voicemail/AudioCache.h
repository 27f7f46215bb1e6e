#pragma once

// The messages' audio once fetched, so that playing a message again costs no request: one WAV file per
// RecordingSid in a folder of the user's cache (…/voicemail), which only the user may open (0700, files
// 0600), as what a caller said is personal. A deleted message's file goes with it.

#include "core/common/Result.h"

#include <QByteArray>
#include <QSet>
#include <QString>

namespace Voicemail {

class AudioCache
{
public:
    // folder: where the files are kept; made when the first one is stored.
    explicit AudioCache(QString folder);
    // In the user's cache location (QStandardPaths::CacheLocation).
    static AudioCache ofThisUser();

    const QString &folder() const { return m_folder; }
    // The file of recordingSid, if it was stored.
    QString find(const QString &recordingSid) const;
    // Writes the audio (readable by the user alone from its first byte); its path.
    Result<QString> store(const QString &recordingSid, const QByteArray &wav) const;
    void remove(const QString &recordingSid) const;
    // Removes the files of messages that are no longer in the mailbox (deleted elsewhere).
    void keepOnly(const QSet<QString> &recordingSids) const;

private:
    QString pathOf(const QString &recordingSid) const;

    QString m_folder;
};

} // namespace Voicemail
