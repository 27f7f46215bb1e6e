#pragma once

// Everything connecting will change at Twilio, worked out before anything is changed, so that a person sees
// each change as "old → new" and confirms: the chosen numbers' webhooks, the TwiML App the phones call out
// through, and the API key their tokens are signed with. Resources that are right already are kept as they
// are, which is why connecting again after a partial failure completes it without changing anything twice.

#include "core/common/Result.h"
#include "core/setup/AccountLook.h"
#include "core/setup/PlannedChange.h"
#include "core/setup/WebhookUrls.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Setup {

struct NumberChoice
{
    QString e164; // one of the account's numbers
    QString clientName; // the client it rings
};

class SetupPlan
{
public:
    // The TwiML App's name when one is created, and the one looked for to use again.
    static QString appName() { return QStringLiteral("Switchboard"); }

    // Refused, saying why, when a chosen number is not the account's, or is chosen twice.
    static Result<SetupPlan> make(const AccountLook &look, const QList<NumberChoice> &chosen,
                                  const WebhookUrls &urls, const QString &keyName);
    // The chosen numbers' webhooks alone, the key and app left as they are: pointing a number back.
    static Result<SetupPlan> forNumbers(const AccountLook &look, const QList<NumberChoice> &chosen,
                                        const WebhookUrls &urls);

    const QList<PlannedChange> &changes() const { return m_changes; }
    const QList<NumberChoice> &numbers() const { return m_numbers; }
    const WebhookUrls &urls() const { return m_urls; }
    // Whether every resource is right already.
    bool changesNothing() const;
    // Every change, one line each, fields indented below their resource.
    QStringList lines() const;
    // One sentence once it is done: "Calls to +81 50-3123-4567 now ring client:desktop through https://…".
    QString summary() const;

private:
    QList<PlannedChange> m_changes; // the key, the app, then the numbers
    QList<NumberChoice> m_numbers;
    WebhookUrls m_urls;
};

} // namespace Setup
