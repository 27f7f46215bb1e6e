#pragma once

// One change connecting makes at Twilio, shown before it is made: which resource, what it does (create,
// update, keep as it is) and each field as "old → new".

#include "core/setup/RemoteResource.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace Setup {

struct FieldChange
{
    QString name; // form name: VoiceUrl
    QString before; // empty: not set
    QString after;
};

struct PlannedChange
{
    enum class Action { Create, Update, Keep };

    RemoteResource::Kind kind = RemoteResource::Kind::Number;
    Action action = Action::Keep;
    QString sid; // empty for Create
    QString label; // a number's E.164 or the friendly name
    QList<FieldChange> fields; // for Keep: none

    QString resource() const { return RemoteResource::resourceOf(kind, sid); }
    // The POST body: each field's new value.
    QUrlQuery form() const;
    // Each changed field's value before: what disconnecting restores.
    QHash<QString, QString> previous() const;
    // For people: "+81 50-3123-4567: VoiceUrl https://demo.twilio.com/welcome/voice/ → https://…".
    QStringList lines() const;
    // How a person names the resource: "+81 50-3123-4567", "TwiML App Switchboard (AP…)".
    QString name() const;
};

} // namespace Setup
