#pragma once

// What connecting a Twilio account changed there, kept until disconnecting has put it back: for each
// resource, either that Switchboard created it (delete it) or the values it had before (restore them). A
// change is noted before it is sent, and its first note is never overwritten, so that connecting again
// after a partial failure changes nothing twice and disconnecting restores what was there at the start.

#include "core/common/Result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Store {

class Database;

struct TwilioChange
{
    QString resource; // below the account: "IncomingPhoneNumbers/PN….json", "Applications/AP….json"
    QString kind; // number, application, key
    QString label; // for people: "+815031234567", "Switchboard"
    bool created = false; // Switchboard made it: disconnecting deletes it
    QHash<QString, QString> previous; // form name -> the value before ("VoiceUrl" -> "https://…")
};

class TwilioChanges
{
public:
    TwilioChanges(std::shared_ptr<Database> database, QString accountSid);

    // Notes change unless its resource has a note already: false then, and the first note stands.
    Result<bool> note(const TwilioChange &change);
    // Disconnecting has put resource back (or it is gone).
    Result<void> forget(const QString &resource);
    Result<std::optional<TwilioChange>> find(const QString &resource) const;
    // In the order they were noted.
    Result<QList<TwilioChange>> list() const;

private:
    std::shared_ptr<Database> m_database;
    QString m_accountSid;
};

} // namespace Store
