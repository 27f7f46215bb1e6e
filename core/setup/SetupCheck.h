#pragma once

// Whether a connected account still points at this server, finding by finding: each mapped number's
// webhooks (someone may have changed them in Twilio's console), the TwiML App the phones call out through,
// the API key their tokens are signed with. Each problem is one sentence and its fix.

#include "core/setup/AccountLook.h"
#include "core/setup/WebhookUrls.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Setup {

struct CheckFinding
{
    bool ok = true;
    QString sentence; // what holds, or what is wrong
    QString fix; // empty when ok
    QString number; // E.164, for a number whose webhooks the fix button can put right
};

class SetupCheck
{
public:
    // mappedNumbers: the enabled numbers of the Numbers page (E.164); appSid, keySid: the settings'.
    static QList<CheckFinding> findings(const AccountLook &look, const WebhookUrls &urls,
                                        const QStringList &mappedNumbers, const QString &appSid,
                                        const QString &keySid);
    // Every finding a line: "ok: …" or "PROBLEM: … Fix: …".
    static QStringList lines(const QList<CheckFinding> &findings);
    static bool allOk(const QList<CheckFinding> &findings);
};

} // namespace Setup
