#include "core/token/CapabilityToken.h"
#include "core/token/Jwt.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using Token::CapabilityToken;
using Params = QList<QPair<QString, QString>>;

namespace {

constexpr qint64 now = 1795478484;
const QByteArray authToken = "secret";

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestCapabilityToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Claims as twilio-node 6.2.0's ClientCapability produced them for the same inputs and clock.
    void matchesHelperLibrary_data()
    {
        QTest::addColumn<QString>("incomingName");
        QTest::addColumn<QString>("appSid");
        QTest::addColumn<Params>("appParams");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QByteArray>("expectedPayload");

        QTest::newRow("seed: incoming and outgoing")
            << QStringLiteral("DeviceId_0001") << QStringLiteral("AP123") << Params() << 3600
            << QByteArray(R"({"scope":"scope:client:incoming?clientName=DeviceId_0001 )"
                          R"(scope:client:outgoing?appSid=AP123&clientName=DeviceId_0001",)"
                          R"("iss":"AC123","exp":1795482084,"iat":1795478484})");
        QTest::newRow("outgoing with app parameters")
            << QString() << QStringLiteral("AP123")
            << Params { { QStringLiteral("foo"), QStringLiteral("bar baz") },
                        { QStringLiteral("a&b"), QStringLiteral("c=d") } }
            << 600
            << QByteArray(
                   R"({"scope":"scope:client:outgoing?appSid=AP123&appParams=foo%3Dbar%2520baz%26a%2526b%3Dc%253Dd",)"
                   R"("iss":"AC123","exp":1795479084,"iat":1795478484})");
        QTest::newRow("incoming only") << QStringLiteral("alice") << QString() << Params() << 3600
                                       << QByteArray(R"({"scope":"scope:client:incoming?clientName=alice",)"
                                                     R"("iss":"AC123","exp":1795482084,"iat":1795478484})");
    }

    void matchesHelperLibrary()
    {
        QFETCH(QString, incomingName);
        QFETCH(QString, appSid);
        QFETCH(Params, appParams);
        QFETCH(int, ttl);
        QFETCH(QByteArray, expectedPayload);

        CapabilityToken capability(QStringLiteral("AC123"), authToken);
        if (!incomingName.isEmpty())
            capability.allowClientIncoming(incomingName);
        if (!appSid.isEmpty())
            capability.allowClientOutgoing(appSid, appParams);
        const auto token = capability.generate(ttl, now);
        QVERIFY2(token, qPrintable(token.error()));

        const auto decoded = Token::Jwt::verifyHs256(*token, authToken, now);
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->payload, json(expectedPayload));
        QCOMPARE(decoded->header, json(R"({"alg":"HS256","typ":"JWT"})"));
    }

    void defaultTtlIsAnHour()
    {
        CapabilityToken capability(QStringLiteral("AC123"), authToken);
        capability.allowClientIncoming(QStringLiteral("alice"));
        const auto token = capability.generate();
        QVERIFY(token);
        const auto decoded = Token::Jwt::decodeUnverified(*token);
        QVERIFY(decoded);
        const qint64 iat = decoded->payload.value(QStringLiteral("iat")).toInteger();
        QCOMPARE(decoded->payload.value(QStringLiteral("exp")).toInteger() - iat, 3600);
        QVERIFY(qAbs(iat - QDateTime::currentSecsSinceEpoch()) < 5);
    }

    void scopeValuesAreEscaped()
    {
        CapabilityToken capability(QStringLiteral("AC123"), authToken);
        capability.allowClientOutgoing(QStringLiteral("AP 1&x=y"));
        QCOMPARE(capability.scope(), QStringLiteral("scope:client:outgoing?appSid=AP%201%26x%3Dy"));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("accountSid");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("appSid");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no account") << QString() << authToken << "alice"
                                    << "AP1" << 60 << "account SID";
        QTest::newRow("no auth token") << "AC1" << QByteArray() << "alice"
                                       << "AP1" << 60 << "auth token";
        QTest::newRow("no scope") << "AC1" << authToken << ""
                                  << "" << 60 << "incoming or outgoing";
        QTest::newRow("zero ttl") << "AC1" << authToken << "alice"
                                  << "AP1" << 0 << "positive";
        QTest::newRow("bad client") << "AC1" << authToken << "alice smith"
                                    << "AP1" << 60 << "' '";
    }

    void refuses()
    {
        QFETCH(QString, accountSid);
        QFETCH(QByteArray, key);
        QFETCH(QString, client);
        QFETCH(QString, appSid);
        QFETCH(int, ttl);
        QFETCH(QString, reason);
        CapabilityToken capability(accountSid, key);
        if (!client.isEmpty())
            capability.allowClientIncoming(client);
        if (!appSid.isEmpty())
            capability.allowClientOutgoing(appSid);
        const auto token = capability.generate(ttl, now);
        QVERIFY(!token);
        QVERIFY2(token.error().contains(reason), qPrintable(token.error()));
    }
};

QTEST_GUILESS_MAIN(TestCapabilityToken)
#include "TestCapabilityToken.moc"
