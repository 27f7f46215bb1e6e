#pragma once

// What happened on one call under call control, in order (the call_story table): who was called in,
// joined, left or never came, who held whom, transfers and hand-overs. Keyed by the call's room (the
// CallSid of its first leg, the call log's), so that a transferred call reads as one story.

#include "core/common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace Store {

class Database;

struct StoryEvent
{
    // What happened: one of the names below.
    QString event;
    QString party; // the participant label it happened to
    QString address; // that party's client:NAME or +E164
    QString actor; // who did it (client:NAME); empty: Twilio or the server
    QString detail; // blind or talk-first for a transfer; how a call that never came ended
    QDateTime at; // UTC; set when noted

    static QString calling() { return QStringLiteral("calling"); } // actor called party in (add, transfer)
    static QString transfer() { return QStringLiteral("transfer"); } // actor transferred the call to party
    static QString joined() { return QStringLiteral("joined"); }
    static QString left() { return QStringLiteral("left"); }
    static QString noShow() { return QStringLiteral("no-show"); } // party never came; detail: how it ended
    static QString held() { return QStringLiteral("held"); }
    static QString resumed() { return QStringLiteral("resumed"); }
    static QString handedOver() { return QStringLiteral("handed-over"); } // actor left the call to the others
    static QString dropped() { return QStringLiteral("dropped"); } // actor hung up on party

    // One line a person reads: "client:alice put +81 90-5987-6543 on hold"; nameOf turns an address into
    // how it reads (the identity when not given).
    QString sentence(const std::function<QString(const QString &)> &nameOf = {}) const;
};

class CallStory
{
public:
    explicit CallStory(std::shared_ptr<Database> database);

    Result<void> note(const QString &room, const StoryEvent &event);
    // The same, for a story told on the side of what the server does: a failure is logged, not returned.
    void tell(const QString &room, const StoryEvent &event);
    // In the order noted.
    Result<QList<StoryEvent>> of(const QString &room) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace Store
