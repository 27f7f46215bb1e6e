// The desktop phone's access tokens, made in-process: a VoiceGrant for its identity, signed with the API key.

#include "core/config/AppSettings.h"
#include "core/token/Jwt.h"
#include "ui/engine/TokenSource.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

using Engine::TokenSource;

namespace {

Config::TwilioAccount account()
{
    Config::TwilioAccount account;
    account.accountSid = "AC" + QString(32, u'a');
    account.apiKeySid = "SK" + QString(32, u'b');
    account.apiKeySecret = "api-key-secret";
    account.twimlAppSid = "AP" + QString(32, u'c');
    return account;
}

} // namespace

class TestTokenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issuesAVoiceAccessToken()
    {
        const TokenSource source(account(), "DeviceId_0001", 600);
        QCOMPARE(source.problems(), QStringList());
        std::optional<Result<Token::IssuedToken>> token;
        source.provider()([&token](Result<Token::IssuedToken> issued) { token = std::move(issued); });
        QVERIFY2(token, "the provider did not answer at once");
        QVERIFY2(*token, qPrintable(token->error()));
        QCOMPARE((*token)->renewAfter, std::chrono::milliseconds(450 * 1000)); // three quarters of 600 s
        const auto decoded = Token::Jwt::verifyHs256((*token)->jwt.toLatin1(), "api-key-secret",
                                                     QDateTime::currentSecsSinceEpoch());
        QVERIFY2(decoded, qPrintable(decoded.error()));
        const QJsonObject grants = decoded->payload.value("grants").toObject();
        QCOMPARE(grants.value("identity").toString(), QString("DeviceId_0001"));
        const QJsonObject voice = grants.value("voice").toObject();
        QCOMPARE(voice.value("incoming").toObject().value("allow").toBool(), true);
        QCOMPARE(voice.value("outgoing").toObject().value("application_sid").toString(),
                 account().twimlAppSid);
        QCOMPARE(decoded->payload.value("iss").toString(), account().apiKeySid);
        QCOMPARE(decoded->payload.value("sub").toString(), account().accountSid);
        QCOMPARE(decoded->payload.value("exp").toInteger() - decoded->payload.value("iat").toInteger(), 600);
        QVERIFY(!Token::Jwt::verifyHs256((*token)->jwt.toLatin1(), "another secret",
                                         QDateTime::currentSecsSinceEpoch()));
    }

    void renewsWellBeforeExpiry()
    {
        QCOMPARE(TokenSource(account(), "DeviceId_0001", 3600).renewInterval(), std::chrono::minutes(45));
        QCOMPARE(TokenSource(account(), "DeviceId_0001").ttlSeconds(), 3600);
    }

    void problemsNameWhatToFix()
    {
        Config::TwilioAccount incomplete = account();
        incomplete.apiKeySid.clear();
        const TokenSource withoutKey(incomplete, "DeviceId_0001");
        QVERIFY(withoutKey.problems().join(' ').contains("TWILIO_API_KEY"));
        const auto refused = withoutKey.issue();
        QVERIFY(!refused);
        QVERIFY(refused.error().contains("TWILIO_API_KEY"));

        QVERIFY(TokenSource(account(), "not a name").problems().join(' ').contains("not a name"));
        QVERIFY(TokenSource(account(), "DeviceId_0001", 90000).problems().join(' ').contains("lifetime"));
        QVERIFY(!TokenSource(account(), "DeviceId_0001", 90000).issue());
    }

    // A lifetime the Settings page accepts must make tokens: else the phone quietly falls back to the
    // simulated one.
    void acceptsWhatTheSettingsAccept_data()
    {
        QTest::addColumn<int>("seconds");
        for (const int seconds : { 0, 59, 60, 90, 119, 120, 3600, 86400, 86401 })
            QTest::newRow(qPrintable(QString::number(seconds))) << seconds;
    }

    void acceptsWhatTheSettingsAccept()
    {
        QFETCH(int, seconds);
        const bool settingsAccept = Config::AppSettings::tokenTtlProblem(seconds).isEmpty();
        const TokenSource source(account(), "DeviceId_0001", seconds);
        QCOMPARE(source.problems().isEmpty(), settingsAccept);
        QCOMPARE(bool(source.issue()), settingsAccept);
    }
};

QTEST_GUILESS_MAIN(TestTokenSource)
#include "TestTokenSource.moc"
