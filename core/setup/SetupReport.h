#pragma once

// What connecting or disconnecting did, step by step: the changes made, and those not made with why, so
// that a partial failure says exactly where the account stands. Running it again completes it.

#include <QString>
#include <QStringList>

namespace Setup {

struct SetupReport
{
    QStringList done; // "+81 50-3123-4567 (PN…): VoiceUrl, StatusCallback changed"
    QStringList failed; // "+81 …: not changed: Twilio answered 403 …"

    bool succeeded() const { return failed.isEmpty(); }
    // Every line, the failures last, with what to do about them.
    QStringList lines(const QString &again) const;
};

} // namespace Setup
