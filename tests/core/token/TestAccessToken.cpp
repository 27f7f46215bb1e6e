#include "core/token/AccessToken.h"
#include "core/token/Jwt.h"

#include <QJsonDocument>
#include <QTest>

using Token::AccessToken;
using Token::VoiceGrant;

namespace {

constexpr qint64 now = 1795478484;
const QByteArray secret = "secret";

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

Q_DECLARE_METATYPE(VoiceGrant)

class TestAccessToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Header and claims as twilio-node 6.2.0's AccessToken produced them for the same inputs and clock.
    void matchesHelperLibrary_data()
    {
        QTest::addColumn<QString>("identity");
        QTest::addColumn<VoiceGrant>("grant");
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QByteArray>("expectedHeader");
        QTest::addColumn<QByteArray>("expectedPayload");

        VoiceGrant full;
        full.incomingAllow = true;
        full.outgoingApplicationSid = QStringLiteral("AP123");
        full.outgoingApplicationParameters = { { QStringLiteral("foo"), QStringLiteral("bar") } };
        full.pushCredentialSid = QStringLiteral("CR1");
        QTest::newRow("TWILIO.md vector")
            << QStringLiteral("alice") << full << QString() << 3600
            << QByteArray(R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"})")
            << QByteArray(
                   R"({"jti":"SK123-1795478484","grants":{"identity":"alice","voice":{"incoming":{"allow":true},)"
                   R"("outgoing":{"application_sid":"AP123","params":{"foo":"bar"}},"push_credential_sid":"CR1"}},)"
                   R"("iat":1795478484,"exp":1795482084,"iss":"SK123","sub":"AC123"})");

        VoiceGrant outgoingOnly;
        outgoingOnly.outgoingApplicationSid = QStringLiteral("AP123");
        QTest::newRow("region and a day's ttl")
            << QStringLiteral("alice") << outgoingOnly << QStringLiteral("jp1") << 86400
            << QByteArray(R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"jp1"})")
            << QByteArray(
                   R"({"jti":"SK123-1795478484","grants":{"identity":"alice","voice":{"outgoing":{"application_sid":"AP123"}}},)"
                   R"("iat":1795478484,"exp":1795564884,"iss":"SK123","sub":"AC123"})");

        QTest::newRow("identity only")
            << QStringLiteral("bob") << VoiceGrant() << QString() << 3600
            << QByteArray(R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"})")
            << QByteArray(R"({"jti":"SK123-1795478484","grants":{"identity":"bob"},)"
                          R"("iat":1795478484,"exp":1795482084,"iss":"SK123","sub":"AC123"})");
    }

    void matchesHelperLibrary()
    {
        QFETCH(QString, identity);
        QFETCH(VoiceGrant, grant);
        QFETCH(QString, region);
        QFETCH(int, ttl);
        QFETCH(QByteArray, expectedHeader);
        QFETCH(QByteArray, expectedPayload);

        AccessToken token(QStringLiteral("AC123"), QStringLiteral("SK123"), secret, identity);
        token.setVoiceGrant(grant);
        token.setRegion(region);
        token.setTtl(ttl);
        const auto jwt = token.toJwt(now);
        QVERIFY2(jwt, qPrintable(jwt.error()));

        const auto decoded = Token::Jwt::verifyHs256(*jwt, secret, now);
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->header, json(expectedHeader));
        QCOMPARE(decoded->payload, json(expectedPayload));
    }

    void isRefusedByAnotherKey()
    {
        AccessToken token(QStringLiteral("AC123"), QStringLiteral("SK123"), secret, QStringLiteral("alice"));
        const auto jwt = token.toJwt(now);
        QVERIFY(jwt);
        QVERIFY(!Token::Jwt::verifyHs256(*jwt, "other secret", now));
        QVERIFY(!Token::Jwt::verifyHs256(*jwt, secret, now + AccessToken::defaultTtl));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("accountSid");
        QTest::addColumn<QString>("keySid");
        QTest::addColumn<QByteArray>("keySecret");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("reason");
        QTest::newRow("ttl over a day") << "AC1"
                                        << "SK1" << secret << "alice" << 86401 << "24 hours";
        QTest::newRow("negative ttl") << "AC1"
                                      << "SK1" << secret << "alice" << -5 << "positive";
        QTest::newRow("no identity") << "AC1"
                                     << "SK1" << secret << "" << 60 << "empty";
        QTest::newRow("identity with space") << "AC1"
                                             << "SK1" << secret << "al ice" << 60 << "' '";
        QTest::newRow("identity too long") << "AC1"
                                           << "SK1" << secret << QString(122, u'a') << 60 << "121";
        QTest::newRow("no key secret") << "AC1"
                                       << "SK1" << QByteArray() << "alice" << 60 << "API key";
        QTest::newRow("no key sid") << "AC1"
                                    << "" << secret << "alice" << 60 << "API key";
        QTest::newRow("no account") << ""
                                    << "SK1" << secret << "alice" << 60 << "account SID";
    }

    void refuses()
    {
        QFETCH(QString, accountSid);
        QFETCH(QString, keySid);
        QFETCH(QByteArray, keySecret);
        QFETCH(QString, identity);
        QFETCH(int, ttl);
        QFETCH(QString, reason);
        AccessToken token(accountSid, keySid, keySecret, identity);
        token.setTtl(ttl);
        const auto jwt = token.toJwt(now);
        QVERIFY(!jwt);
        QVERIFY2(jwt.error().contains(reason), qPrintable(jwt.error()));
    }

    void longestIdentityIsAccepted()
    {
        AccessToken token(QStringLiteral("AC1"), QStringLiteral("SK1"), secret, QString(121, u'a'));
        QVERIFY(token.toJwt(now));
    }
};

QTEST_GUILESS_MAIN(TestAccessToken)
#include "TestAccessToken.moc"
