#include "core/token/Jwt.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using Token::Jwt;

namespace {

constexpr qint64 issuedAt = 1795478484;
constexpr qint64 expires = 1795482084;
const QByteArray key = "secret";

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A token assembled by hand, with a signature computed here rather than by the code under test.
QByteArray handMadeToken(const QByteArray &headerJson, const QByteArray &payloadJson,
                         const QByteArray &signingKey)
{
    const QByteArray signingInput = base64Url(headerJson) + '.' + base64Url(payloadJson);
    return signingInput + '.'
        + base64Url(QMessageAuthenticationCode::hash(signingInput, signingKey, QCryptographicHash::Sha256));
}

QJsonObject samplePayload()
{
    return QJsonObject { { QStringLiteral("iss"), QStringLiteral("AC123") },
                         { QStringLiteral("iat"), issuedAt },
                         { QStringLiteral("exp"), expires },
                         { QStringLiteral("grants"),
                           QJsonObject { { QStringLiteral("identity"), QStringLiteral("alice") } } } };
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeThenVerifyRoundTrips()
    {
        const auto token = Jwt::encodeHs256(samplePayload(), key,
                                            { { QStringLiteral("cty"), QStringLiteral("twilio-fpa;v=1") } });
        QVERIFY2(token, qPrintable(token.error()));
        QCOMPARE(token->count('.'), 2);

        const auto decoded = Jwt::verifyHs256(*token, key, issuedAt + 1);
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload, samplePayload());
        const QJsonObject expectedHeader { { QStringLiteral("alg"), QStringLiteral("HS256") },
                                           { QStringLiteral("typ"), QStringLiteral("JWT") },
                                           { QStringLiteral("cty"), QStringLiteral("twilio-fpa;v=1") } };
        QCOMPARE(decoded->header, expectedHeader);
    }

    void signatureIsStandardHs256()
    {
        // Recompute the signature over the first two segments independently of libjwt.
        const auto token = Jwt::encodeHs256(samplePayload(), key);
        QVERIFY(token);
        const QList<QByteArray> parts = token->split('.');
        const QByteArray expected = base64Url(
            QMessageAuthenticationCode::hash(parts[0] + '.' + parts[1], key, QCryptographicHash::Sha256));
        QCOMPARE(parts[2], expected);
    }

    void verifiesTokenFromAnotherImplementation()
    {
        // Signed by node's jsonwebtoken (which twilio-node uses) with the key "secret".
        const QByteArray nodeToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                                     "eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPURldmlj"
                                     "ZUlkXzAwMDEiLCJpc3MiOiJBQzEyMyIsImV4cCI6MTc5NTQ4MjA4NH0."
                                     "qtCjn819kwZtA9Hh_1XJABTLMRKpZupd-11PwOeTejU";
        const auto decoded = Jwt::verifyHs256(nodeToken, key, issuedAt);
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("scope:client:incoming?clientName=DeviceId_0001"));
        QCOMPARE(decoded->payload.value(QStringLiteral("exp")).toInteger(), expires);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("verifyKey");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QString>("reason");

        const QByteArray header = R"({"alg":"HS256","typ":"JWT"})";
        const QByteArray payload = R"({"iss":"AC123","exp":1795482084})";
        const QByteArray good = handMadeToken(header, payload, key);
        const QList<QByteArray> parts = good.split('.');

        QTest::newRow("wrong key") << good << QByteArray("other") << issuedAt << "signature";
        QTest::newRow("tampered payload")
            << parts[0] + '.' + base64Url(R"({"iss":"AC999","exp":1795482084})") + '.' + parts[2] << key
            << issuedAt << "signature";
        QByteArray flipped = parts[2];
        flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
        QTest::newRow("tampered signature")
            << parts[0] + '.' + parts[1] + '.' + flipped << key << issuedAt << "signature";
        QTest::newRow("signature removed")
            << parts[0] + '.' + parts[1] + '.' << key << issuedAt << "signature";
        QTest::newRow("alg none") << base64Url(R"({"alg":"none","typ":"JWT"})") + '.' + parts[1] + '.' << key
                                  << issuedAt << "none";
        QTest::newRow("alg None spelled otherwise")
            << base64Url(R"({"alg":"NONE","typ":"JWT"})") + '.' + parts[1] + '.' << key << issuedAt << "NONE";
        QTest::newRow("alg HS512 from node") << QByteArray(
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJTSzEyMy0xNzk1NDc4NDg0IiwiZ3JhbnRzIjp7Imlk"
            "ZW50aXR5IjoiYWxpY2UifSwiZXhwIjoxNzk1NDgyMDg0LCJpc3MiOiJTSzEyMyIsInN1YiI6IkFDMTIzIn0.nrawiC"
            "Dlz18ZvR5lijscXbEEe7XoCXEwag7sqdW1RekOWs5hOsHKFF2rAqNqRqmfJOq-UTkAJZTrQwyV8b-o8A")
                                             << key << issuedAt << "HS512";
        QTest::newRow("alg RS256") << handMadeToken(R"({"alg":"RS256","typ":"JWT"})", payload, key) << key
                                   << issuedAt << "RS256";
        QTest::newRow("alg missing") << handMadeToken(R"({"typ":"JWT"})", payload, key) << key << issuedAt
                                     << "missing";
        QTest::newRow("expired") << good << key << qint64(1795482084) << "expired";
        QTest::newRow("long expired") << good << key << qint64(1895482084) << "expired";
        QTest::newRow("no exp") << handMadeToken(header, R"({"iss":"AC123"})", key) << key << issuedAt
                                << "expiry";
        QTest::newRow("exp not a number")
            << handMadeToken(header, R"({"iss":"AC123","exp":"soon"})", key) << key << issuedAt << "expiry";
        QTest::newRow("not yet valid") << handMadeToken(header, R"({"exp":1795482084,"nbf":1795479000})", key)
                                       << key << issuedAt << "not valid for another 516 s";
        QTest::newRow("two parts") << parts[0] + '.' + parts[1] << key << issuedAt << "three";
        QTest::newRow("four parts") << good + ".x" << key << issuedAt << "three";
        QTest::newRow("empty") << QByteArray() << key << issuedAt << "three";
        QTest::newRow("header not base64url")
            << "e$J9." + parts[1] + '.' + parts[2] << key << issuedAt << "base64url";
        QTest::newRow("header not JSON")
            << base64Url("not json") + '.' + parts[1] + '.' + parts[2] << key << issuedAt << "JSON";
        QTest::newRow("payload is an array")
            << handMadeToken(header, "[1,2]", key) << key << issuedAt << "JSON";
        QTest::newRow("empty key") << good << QByteArray() << issuedAt << "empty key";
    }

    void rejects()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, verifyKey);
        QFETCH(qint64, now);
        QFETCH(QString, reason);
        const auto decoded = Jwt::verifyHs256(token, verifyKey, now);
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
    }

    void acceptsUntilTheLastSecond()
    {
        const QByteArray token
            = handMadeToken(R"({"alg":"HS256","typ":"JWT"})", R"({"exp":1795482084,"nbf":1795478484})", key);
        QVERIFY(Jwt::verifyHs256(token, key, 1795478484));
        QVERIFY(Jwt::verifyHs256(token, key, 1795482083));
        QVERIFY(!Jwt::verifyHs256(token, key, 1795482084));
        QVERIFY(!Jwt::verifyHs256(token, key, 1795478483));
    }

    void refusesToSignWithEmptyKey()
    {
        const auto token = Jwt::encodeHs256(samplePayload(), QByteArray());
        QVERIFY(!token);
        QVERIFY(token.error().contains(QStringLiteral("empty key")));
    }

    void decodeUnverifiedReadsWithoutKey()
    {
        const auto token = Jwt::encodeHs256(samplePayload(), key);
        QVERIFY(token);
        const auto decoded = Jwt::decodeUnverified(*token);
        QVERIFY(decoded);
        QCOMPARE(decoded->payload, samplePayload());
        QVERIFY(!Jwt::decodeUnverified("a.b"));
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "TestJwt.moc"
