#include "core/config/TwilioAccount.h"

#include "core/token/AccessToken.h"
#include "core/token/CapabilityToken.h"

namespace Config {
namespace {

constexpr int sidDigits = 32; // after the two-letter prefix

constexpr QLatin1StringView accountSidVariable("TWILIO_ACCOUNT_SID");
constexpr QLatin1StringView authTokenVariable("TWILIO_AUTH_TOKEN");
constexpr QLatin1StringView apiKeyVariable("TWILIO_API_KEY");
constexpr QLatin1StringView apiSecretVariable("TWILIO_API_SECRET");
constexpr QLatin1StringView appSidVariable("TWILIO_TWIML_APP_SID");

void checkSid(QStringList &problems, const QString &sid, const QString &prefix, const QString &variable)
{
    if (sid.isEmpty())
        problems << QStringLiteral("%1 is not set").arg(variable);
    else if (const QString problem = TwilioAccount::sidProblem(sid, prefix, variable); !problem.isEmpty())
        problems << problem;
}

void checkSecret(QStringList &problems, const QByteArray &secret, const QString &variable)
{
    if (secret.isEmpty())
        problems << QStringLiteral("%1 is not set").arg(variable);
}

} // namespace

TwilioAccount TwilioAccount::fromEnvironment(const QProcessEnvironment &environment)
{
    TwilioAccount account;
    account.accountSid = environment.value(accountSidVariable).trimmed();
    account.authToken = environment.value(authTokenVariable).trimmed().toUtf8();
    account.apiKeySid = environment.value(apiKeyVariable).trimmed();
    account.apiKeySecret = environment.value(apiSecretVariable).trimmed().toUtf8();
    account.twimlAppSid = environment.value(appSidVariable).trimmed();
    return account;
}

QString TwilioAccount::sidProblem(const QString &sid, const QString &prefix, const QString &what)
{
    if (sid.size() == prefix.size() + sidDigits && couldBecomeSid(sid, prefix))
        return {};
    return QStringLiteral("%1 must be %2 followed by %3 hexadecimal digits").arg(what, prefix).arg(sidDigits);
}

bool TwilioAccount::couldBecomeSid(const QString &typed, const QString &prefix)
{
    static const QString hexDigits = QStringLiteral("0123456789abcdefABCDEF");
    if (typed.size() > prefix.size() + sidDigits)
        return false;
    if (!prefix.startsWith(typed.left(prefix.size())))
        return false;
    return typed.size() <= prefix.size()
        || std::all_of(typed.cbegin() + prefix.size(), typed.cend(),
                       [](QChar c) { return hexDigits.contains(c); });
}

QStringList TwilioAccount::problemsForCapabilityToken() const
{
    QStringList problems;
    checkSid(problems, accountSid, QStringLiteral("AC"), accountSidVariable);
    checkSecret(problems, authToken, authTokenVariable);
    checkSid(problems, twimlAppSid, QStringLiteral("AP"), appSidVariable);
    return problems;
}

QStringList TwilioAccount::problemsForAccessToken() const
{
    QStringList problems;
    checkSid(problems, accountSid, QStringLiteral("AC"), accountSidVariable);
    checkSid(problems, apiKeySid, QStringLiteral("SK"), apiKeyVariable);
    checkSecret(problems, apiKeySecret, apiSecretVariable);
    checkSid(problems, twimlAppSid, QStringLiteral("AP"), appSidVariable);
    return problems;
}

Result<QByteArray> TwilioAccount::voiceAccessToken(const QString &identity, int ttlSeconds, qint64 now) const
{
    Token::AccessToken token(accountSid, apiKeySid, apiKeySecret, identity);
    Token::VoiceGrant grant;
    grant.incomingAllow = true;
    grant.outgoingApplicationSid = twimlAppSid;
    token.setVoiceGrant(grant);
    token.setTtl(ttlSeconds);
    return token.toJwt(now);
}

Result<QByteArray> TwilioAccount::voiceCapabilityToken(const QString &clientName, int ttlSeconds,
                                                       qint64 now) const
{
    Token::CapabilityToken token(accountSid, authToken);
    token.allowClientIncoming(clientName);
    token.allowClientOutgoing(twimlAppSid);
    return token.generate(ttlSeconds, now);
}

} // namespace Config
