#pragma once

// One call event as the tests of the call log's readers write it: a call in one line.

#include "core/store/CallLog.h"

#include <QDateTime>
#include <QString>

inline Store::CallEvent testCallEvent(const QString &callSid, const QString &direction, const QString &from,
                                      const QString &to, const QString &client, const QString &status,
                                      int duration, const QDateTime &at,
                                      Store::CallResult outcome = Store::CallResult::Unknown)
{
    Store::CallEvent event;
    event.callSid = callSid;
    event.status = status;
    event.direction = direction;
    event.from = from;
    event.to = to;
    event.clientName = client;
    event.duration = duration;
    event.timestamp = at;
    event.outcome = outcome;
    return event;
}
