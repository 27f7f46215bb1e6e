#pragma once

// One call event as the tests of the call log's readers write it: a call in one line; and, for the pages
// that show the log, the same recorded minutes before now.

#include "core/store/CallLog.h"

#include <QDateTime>
#include <QString>
#include <QTest>

#include <memory>

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

// Records the call as having happened minutesAgo minutes before now (the pages show times relative to now);
// fails the test if the log refuses it.
inline void recordTestCall(const std::shared_ptr<Store::Database> &database, const QString &callSid,
                           const QString &direction, const QString &from, const QString &to,
                           const QString &client, const QString &status, int duration, int minutesAgo,
                           Store::CallResult outcome = Store::CallResult::Unknown)
{
    const Store::CallEvent event
        = testCallEvent(callSid, direction, from, to, client, status, duration,
                        QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo), outcome);
    QVERIFY(Store::CallLog(database).record(event));
}
