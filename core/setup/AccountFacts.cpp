#include "core/setup/AccountFacts.h"

namespace Setup {

Result<AccountFacts> AccountFacts::fromJson(const QJsonObject &json)
{
    AccountFacts facts;
    facts.sid = json.value(QLatin1String("sid")).toString();
    facts.friendlyName = json.value(QLatin1String("friendly_name")).toString();
    facts.status = json.value(QLatin1String("status")).toString();
    facts.type = json.value(QLatin1String("type")).toString();
    if (facts.sid.isEmpty() || facts.status.isEmpty())
        return Failure(QStringLiteral("Twilio's answer about the account names no account or status"));
    return facts;
}

QString AccountFacts::problem() const
{
    if (status == QLatin1String("active"))
        return {};
    if (status == QLatin1String("suspended"))
        return QStringLiteral(
                   "Twilio has suspended account %1 (%2): calls cannot be made or received until "
                   "it is reactivated in Twilio's console (often a payment or a compliance check).")
            .arg(sid, friendlyName);
    if (status == QLatin1String("closed"))
        return QStringLiteral("account %1 (%2) is closed: use another account.").arg(sid, friendlyName);
    return QStringLiteral("account %1 is %2, not active: check it in Twilio's console.").arg(sid, status);
}

QString AccountFacts::limits() const
{
    if (!isTrial())
        return {};
    return QStringLiteral("This is a trial account: it can call only the numbers verified in Twilio's "
                          "console (Verified Caller IDs), and callers hear a trial message first. "
                          "Upgrade the account to call anyone.");
}

} // namespace Setup
