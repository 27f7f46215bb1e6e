#include "core/webhook/FormParameters.h"

#include <QTest>

using Webhook::FormParameters;

class TestFormParameters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesTheSeedsIncomingCall()
    {
        const QByteArray body
            = "AccountSid=AC3xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&ApiVersion=2010-04-01&Called=%2B815031234567"
              "&CalledCity=&CalledCountry=JP&Caller=%2B819059876543&CallSid=CA86nnnn&CallStatus=ringing"
              "&Direction=inbound&From=%2B819059876543&To=%2B815031234567";
        const auto form = FormParameters::decode(body);
        QVERIFY2(form, qPrintable(form.error()));
        QCOMPARE(form->size(), 11);
        QCOMPARE(form->value(QStringLiteral("To")), QStringLiteral("+815031234567"));
        QCOMPARE(form->value(QStringLiteral("From")), QStringLiteral("+819059876543"));
        QVERIFY(form->contains(QStringLiteral("CalledCity")));
        QCOMPARE(form->value(QStringLiteral("CalledCity"), QStringLiteral("fallback")), QString());
        QCOMPARE(form->value(QStringLiteral("Missing"), QStringLiteral("fallback")),
                 QStringLiteral("fallback"));
    }

    void decodes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QList<FormParameters::Pair>>("expected");
        using L = QList<FormParameters::Pair>;
        QTest::newRow("plus is space") << QByteArray("Body=hello+world") << L { { "Body", "hello world" } };
        QTest::newRow("encoded plus") << QByteArray("To=%2B81") << L { { "To", "+81" } };
        QTest::newRow("client address")
            << QByteArray("From=client%3ADeviceId_0001") << L { { "From", "client:DeviceId_0001" } };
        QTest::newRow("utf-8") << QByteArray("Say=%E6%97%A5%E6%9C%AC")
                               << L { { "Say", QStringLiteral("日本") } };
        QTest::newRow("lower-case hex") << QByteArray("a=%c3%bc") << L { { "a", QStringLiteral("ü") } };
        QTest::newRow("repeated keys kept in order")
            << QByteArray("k=2&k=1&j=0") << L { { "k", "2" }, { "k", "1" }, { "j", "0" } };
        QTest::newRow("no equals") << QByteArray("flag") << L { { "flag", "" } };
        QTest::newRow("equals in value") << QByteArray("a=b=c") << L { { "a", "b=c" } };
        QTest::newRow("empty fields skipped") << QByteArray("&&a=1&&") << L { { "a", "1" } };
        QTest::newRow("empty body") << QByteArray() << L {};
        QTest::newRow("encoded name") << QByteArray("a%20b=1") << L { { "a b", "1" } };
        QTest::newRow("encoded ampersand") << QByteArray("a=x%26y%3Dz") << L { { "a", "x&y=z" } };
    }

    void decodes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QList<FormParameters::Pair>, expected);
        const auto form = FormParameters::decode(body);
        QVERIFY2(form, qPrintable(form.error()));
        QCOMPARE(form->pairs(), expected);
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bad hex") << QByteArray("a=%ZZ") << "percent-encoding at byte 2";
        QTest::newRow("one hex digit") << QByteArray("a=%4") << "percent-encoding";
        QTest::newRow("trailing percent") << QByteArray("a=1&b=%") << "percent-encoding at byte 6";
        QTest::newRow("percent in name") << QByteArray("%G0=1") << "percent-encoding at byte 0";
        QTest::newRow("invalid utf-8") << QByteArray("a=%FF%FE") << "UTF-8";
        QTest::newRow("overlong utf-8") << QByteArray("a=%C0%AF") << "UTF-8";
        QTest::newRow("lone surrogate") << QByteArray("a=%ED%A0%80") << "UTF-8";
        QTest::newRow("no name") << QByteArray("=value") << "no name";
        QTest::newRow("too many") << QByteArray("a=1&").repeated(FormParameters::maxParameters + 1)
                                  << "more than";
    }

    void refuses()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        const auto form = FormParameters::decode(body);
        QVERIFY(!form);
        QVERIFY2(form.error().contains(reason), qPrintable(form.error()));
    }

    void encodeThenDecodeRoundTrips()
    {
        FormParameters form { { QStringLiteral("To"), QStringLiteral("+81 90-5987-6543") },
                              { QStringLiteral("From"), QStringLiteral("client:DeviceId_0001") },
                              { QStringLiteral("Say"), QStringLiteral("a&b=c+d 日本 %") },
                              { QStringLiteral("To"), QString() } };
        QCOMPARE(form.encode(),
                 QByteArray("To=%2B81+90-5987-6543&From=client%3ADeviceId_0001&Say=a%26b%3Dc%2Bd+%E6%97%A5%"
                            "E6%9C%AC+%25&To="));
        const auto decoded = FormParameters::decode(form.encode());
        QVERIFY(decoded);
        QCOMPARE(*decoded, form);
    }

    void accessors()
    {
        FormParameters form { { QStringLiteral("b"), QStringLiteral("1") },
                              { QStringLiteral("a"), QStringLiteral("2") },
                              { QStringLiteral("b"), QStringLiteral("3") } };
        QCOMPARE(form.values(QStringLiteral("b")), QStringList({ QStringLiteral("1"), QStringLiteral("3") }));
        QCOMPARE(form.names(), QStringList({ QStringLiteral("b"), QStringLiteral("a") }));
        form.set(QStringLiteral("b"), QStringLiteral("9"));
        QCOMPARE(form.values(QStringLiteral("b")), QStringList { QStringLiteral("9") });
        QCOMPARE(form.size(), 2);
        form.append(QStringLiteral("c"), QString());
        QVERIFY(form.contains(QStringLiteral("c")));
        QVERIFY(!FormParameters().contains(QStringLiteral("c")));
        QVERIFY(FormParameters().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFormParameters)
#include "TestFormParameters.moc"
