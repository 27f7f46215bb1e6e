#include "core/store/CallStory.h"

#include "core/store/Database.h"
#include "core/store/Statement.h"
#include "core/store/StoreLogging.h"

namespace Store {

QString StoryEvent::sentence(const std::function<QString(const QString &)> &nameOf) const
{
    const auto name = [&](const QString &who) {
        if (who.isEmpty())
            return QStringLiteral("someone");
        return nameOf ? nameOf(who) : who;
    };
    const QString who = name(address);
    const QString by = actor.isEmpty() ? QString() : name(actor);
    if (event == calling())
        return by.isEmpty() ? QStringLiteral("%1 was called").arg(who)
                            : QStringLiteral("%1 called %2 in").arg(by, who);
    if (event == transfer())
        return QStringLiteral("%1 transferred the call to %2%3")
            .arg(by.isEmpty() ? QStringLiteral("someone") : by, who,
                 detail == QLatin1String("talk-first") ? QStringLiteral(", talking first") : QString());
    if (event == joined())
        return QStringLiteral("%1 joined").arg(who);
    if (event == left())
        return QStringLiteral("%1 left").arg(who);
    if (event == noShow())
        return QStringLiteral("%1 never came (%2)").arg(who, detail);
    if (event == held())
        return by.isEmpty() ? QStringLiteral("%1 was put on hold").arg(who)
                            : QStringLiteral("%1 put %2 on hold").arg(by, who);
    if (event == resumed())
        return by.isEmpty() ? QStringLiteral("%1 came off hold").arg(who)
                            : QStringLiteral("%1 took %2 off hold").arg(by, who);
    if (event == handedOver())
        return QStringLiteral("%1 handed the call over and left").arg(by.isEmpty() ? who : by);
    if (event == dropped())
        return QStringLiteral("%1 hung up on %2").arg(by.isEmpty() ? QStringLiteral("someone") : by, who);
    return QStringLiteral("%1: %2").arg(event, who);
}

CallStory::CallStory(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{ }

Result<void> CallStory::note(const QString &room, const StoryEvent &event)
{
    Statement insert(*m_database,
                     QStringLiteral("INSERT INTO call_story (room, at, event, party, address, actor, detail)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.bindText(room).bind(QDateTime::currentMSecsSinceEpoch()).bindText(event.event);
    insert.bindText(event.party).bindText(event.address).bindText(event.actor).bindText(event.detail);
    return insert.exec(
        QStringLiteral("note %1 of %2 in the story of call %3").arg(event.event, event.party, room));
}

void CallStory::tell(const QString &room, const StoryEvent &event)
{
    if (const auto noted = note(room, event); !noted)
        qCWarning(lcStore).noquote() << noted.error();
}

Result<QList<StoryEvent>> CallStory::of(const QString &room) const
{
    Statement select(*m_database,
                     QStringLiteral("SELECT at, event, party, address, actor, detail FROM call_story"
                                    " WHERE room = ? ORDER BY id"));
    select.bindText(room);
    if (const auto done = select.exec(QStringLiteral("read the story of call %1").arg(room)); !done)
        return Failure(done.error());
    QList<StoryEvent> events;
    while (select.next()) {
        StoryEvent event;
        event.at = QDateTime::fromMSecsSinceEpoch(select.value(0).toLongLong(), Qt::UTC);
        event.event = select.value(1).toString();
        event.party = select.value(2).toString();
        event.address = select.value(3).toString();
        event.actor = select.value(4).toString();
        event.detail = select.value(5).toString();
        events.append(event);
    }
    return events;
}

} // namespace Store
