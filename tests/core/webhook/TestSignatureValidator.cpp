#include "core/webhook/SignatureValidator.h"

#include <QTest>

using Webhook::FormParameters;
using Webhook::SignatureValidator;

namespace {

const QByteArray authToken = "12345";

FormParameters publicVectorParameters()
{
    return { { QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE") },
             { QStringLiteral("Caller"), QStringLiteral("+12349013030") },
             { QStringLiteral("Digits"), QStringLiteral("1234") },
             { QStringLiteral("From"), QStringLiteral("+12349013030") },
             { QStringLiteral("To"), QStringLiteral("+18005551212") } };
}

// Parameters out of order, non-ASCII, and a repeated key with a duplicate value.
FormParameters unorderedParameters()
{
    return { { QStringLiteral("Zeta"), QStringLiteral("b") },
             { QStringLiteral("To"), QStringLiteral("+815031234567") },
             { QStringLiteral("Zeta"), QStringLiteral("a") },
             { QStringLiteral("Body"), QStringLiteral("日本 ü") },
             { QStringLiteral("Zeta"), QStringLiteral("b") } };
}

} // namespace

class TestSignatureValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Signatures from TWILIO.md and from twilio-node 6.2.0's getExpectedTwilioSignature.
    void computesHelperSignatures_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<FormParameters>("parameters");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("TWILIO.md public vector")
            << QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2") << publicVectorParameters()
            << QByteArray("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        QTest::newRow("unordered, repeated, utf-8")
            << QStringLiteral("https://example.com/voice/incoming") << unorderedParameters()
            << QByteArray("DLepJtOkpxDa7cYhRCPZ2LtAqo8=");
        QTest::newRow("same with port 443")
            << QStringLiteral("https://example.com:443/voice/incoming") << unorderedParameters()
            << QByteArray("NTV7ijOx4iF6ibQ6dSVP8NN3L6c=");
    }

    void computesHelperSignatures()
    {
        QFETCH(QString, url);
        QFETCH(FormParameters, parameters);
        QFETCH(QByteArray, signature);
        QCOMPARE(SignatureValidator::computeSignature(authToken, url, parameters), signature);
        QVERIFY(SignatureValidator(authToken).isValid(url, parameters, signature));
    }

    void acceptsTheUrlWithOrWithoutItsDefaultPort_data()
    {
        QTest::addColumn<QString>("signedUrl");
        QTest::addColumn<QString>("receivedUrl");
        QTest::addColumn<bool>("valid");
        QTest::newRow("as signed") << "https://example.com/voice"
                                   << "https://example.com/voice" << true;
        QTest::newRow("port added") << "https://example.com:443/voice"
                                    << "https://example.com/voice" << true;
        QTest::newRow("port removed") << "https://example.com/voice"
                                      << "https://example.com:443/voice" << true;
        QTest::newRow("http port added") << "http://example.com:80/voice?x=1"
                                         << "http://example.com/voice?x=1" << true;
        QTest::newRow("port before query") << "https://example.com:443?x=1"
                                           << "https://example.com?x=1" << true;
        QTest::newRow("ipv6") << "https://[::1]:443/voice"
                              << "https://[::1]/voice" << true;
        QTest::newRow("userinfo") << "https://u:p@example.com:443/voice"
                                  << "https://u:p@example.com/voice" << true;
        QTest::newRow("other port") << "https://example.com:8443/voice"
                                    << "https://example.com/voice" << false;
        QTest::newRow("other port removed") << "https://example.com/voice"
                                            << "https://example.com:8443/voice" << false;
        QTest::newRow("http default for https") << "https://example.com:80/voice"
                                                << "https://example.com/voice" << false;
        QTest::newRow("other path") << "https://example.com/voice/a"
                                    << "https://example.com/voice/b" << false;
        QTest::newRow("other query") << "https://example.com/voice?x=1"
                                     << "https://example.com/voice?x=2" << false;
        QTest::newRow("other scheme") << "http://example.com/voice"
                                      << "https://example.com/voice" << false;
    }

    void acceptsTheUrlWithOrWithoutItsDefaultPort()
    {
        QFETCH(QString, signedUrl);
        QFETCH(QString, receivedUrl);
        QFETCH(bool, valid);
        const QByteArray signature
            = SignatureValidator::computeSignature(authToken, signedUrl, publicVectorParameters());
        QCOMPARE(SignatureValidator(authToken).isValid(receivedUrl, publicVectorParameters(), signature),
                 valid);
    }

    void refusesTampering_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<FormParameters>("parameters");
        QTest::addColumn<QByteArray>("signature");
        const QByteArray good = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        FormParameters changed = publicVectorParameters();
        changed.set(QStringLiteral("To"), QStringLiteral("+18005551213"));
        FormParameters added = publicVectorParameters();
        added.append(QStringLiteral("Extra"), QString());
        FormParameters dropped = publicVectorParameters();
        dropped.set(QStringLiteral("Digits"), QStringLiteral("1234"));
        QTest::newRow("changed value") << authToken << changed << good;
        QTest::newRow("added parameter") << authToken << added << good;
        QTest::newRow("wrong token") << QByteArray("54321") << publicVectorParameters() << good;
        QTest::newRow("empty token") << QByteArray() << publicVectorParameters() << good;
        QTest::newRow("empty signature") << authToken << publicVectorParameters() << QByteArray();
        QTest::newRow("truncated signature") << authToken << publicVectorParameters() << good.left(27);
        QTest::newRow("signature with extra byte") << authToken << publicVectorParameters() << good + 'x';
        QTest::newRow("one bit off") << authToken << publicVectorParameters()
                                     << QByteArray("0/KCTR6DLpKmkAf8muzZqo1nDgR=");
    }

    void refusesTampering()
    {
        QFETCH(QByteArray, token);
        QFETCH(FormParameters, parameters);
        QFETCH(QByteArray, signature);
        QVERIFY(!SignatureValidator(token).isValid(
            QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2"), parameters, signature));
    }

    void urlVariants()
    {
        QCOMPARE(SignatureValidator::urlVariants(QStringLiteral("https://a.example/x")),
                 QStringList(
                     { QStringLiteral("https://a.example/x"), QStringLiteral("https://a.example:443/x") }));
        QCOMPARE(SignatureValidator::urlVariants(QStringLiteral("HTTP://a.example:80")),
                 QStringList({ QStringLiteral("HTTP://a.example:80"), QStringLiteral("HTTP://a.example") }));
        QCOMPARE(SignatureValidator::urlVariants(QStringLiteral("/voice/incoming")),
                 QStringList { QStringLiteral("/voice/incoming") });
        QCOMPARE(SignatureValidator::urlVariants(QStringLiteral("ftp://a.example/x")),
                 QStringList { QStringLiteral("ftp://a.example/x") });
    }

    // A JSON body: Twilio puts its SHA-256 in the URL (bodySHA256) and signs the URL alone.
    void validatesJsonBodies()
    {
        const QByteArray body = R"({"property": "value", "boolean": true})";
        const QString url
            = QStringLiteral("https://mycompany.com/myapp.php?bodySHA256="
                             "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        const QByteArray signature = "y77kIzt2vzLz71DgmJGsen2scGs="; // twilio-node
        const SignatureValidator validator(authToken);
        QVERIFY(validator.isValidJson(url, body, signature));
        QVERIFY(!validator.isValidJson(url, body + ' ', signature));
        QVERIFY(!validator.isValidJson(url, body, "AAAAIzt2vzLz71DgmJGsen2scGs="));
        const QString noHash = QStringLiteral("https://mycompany.com/myapp.php");
        QVERIFY(!validator.isValidJson(
            noHash, body, SignatureValidator::computeSignature(authToken, noHash, FormParameters())));
        QVERIFY(!validator.isValidJson(QStringLiteral("https://mycompany.com/myapp.php?bodySHA256=zz"), body,
                                       signature));
    }
};

QTEST_GUILESS_MAIN(TestSignatureValidator)
#include "TestSignatureValidator.moc"
