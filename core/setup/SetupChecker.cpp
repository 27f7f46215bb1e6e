#include "core/setup/SetupChecker.h"

#include "core/store/NumberStore.h"
#include "core/store/TwilioChanges.h"

namespace Setup {

SetupChecker::SetupChecker(Rest::ApiAccess access, std::shared_ptr<Store::Database> database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_connector(std::move(access), std::move(database))
{ }

CheckFinding SetupChecker::refusedSignIn(const QString &problem)
{
    return { false,
             problem,
             QStringLiteral(
                 "correct the credentials (Settings page, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN), "
                 "then check again."),
             {} };
}

void SetupChecker::run(const Config::TwilioAccount &account, const WebhookUrls &urls,
                       const QString &defaultRegion, const QUrl &localUrl, const Done &done)
{
    AccountConnector::Known known;
    known.appSid = account.twimlAppSid;
    if (!account.apiKeySecret.isEmpty())
        known.keySid = account.apiKeySid;
    QStringList mapped;
    for (const Store::NumberMapping &number : Store::NumberStore(m_database, defaultRegion).list())
        if (number.enabled && !number.clientDisabled)
            mapped << number.e164;
    m_connector.look(known, [this, account, urls, mapped, localUrl, done](const Result<AccountLook> &look) {
        QList<CheckFinding> findings;
        const auto noted = Store::TwilioChanges(m_database, account.accountSid).list();
        const bool connected = !account.twimlAppSid.isEmpty() || (noted && !noted->isEmpty());
        if (!look)
            findings.append(refusedSignIn(look.error()));
        else if (!connected) // never connected, or disconnected: the numbers are not expected to point here
            findings
                = { { true,
                      QStringLiteral("Twilio accepts the credentials of account %1.").arg(account.accountSid),
                      {},
                      {} },
                    { false,
                      QStringLiteral("Account %1 is not connected to this server: no number rings here, and "
                                     "the phones cannot call out.")
                          .arg(account.accountSid),
                      QStringLiteral("connect it (Settings page: Connect Twilio account…, or 'twilio "
                                     "connect')."),
                      {} } };
        else
            findings = SetupCheck::findings(*look, urls, mapped, account.twimlAppSid, account.apiKeySid);
        m_probe.run(urls.publicUrl, localUrl, [findings, done](const CheckFinding &reached) mutable {
            findings.append(reached);
            done(findings);
        });
    });
}

} // namespace Setup
