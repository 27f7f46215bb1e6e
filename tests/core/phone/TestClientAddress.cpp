#include "core/phone/ClientAddress.h"

#include <QTest>

using Phone::ClientAddress;

class TestClientAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::newRow("seed") << "client:DeviceId_0001"
                              << "DeviceId_0001";
        QTest::newRow("prefix in capitals") << "Client:alice"
                                            << "alice";
        QTest::newRow("longest name") << "client:" + QString(121, u'x') << QString(121, u'x');
        QTest::newRow("digits only") << "client:42"
                                     << "42";
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        const auto address = ClientAddress::parse(text);
        QVERIFY(address);
        QCOMPARE(address->name(), name);
        QCOMPARE(address->toString(), "client:" + name);
        QCOMPARE(*address, *ClientAddress::fromName(name));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("phone number") << "+815031234567";
        QTest::newRow("no name") << "client:";
        QTest::newRow("space") << "client:alice smith";
        QTest::newRow("hyphen") << "client:alice-smith";
        QTest::newRow("non-ASCII letter") << QStringLiteral("client:müller");
        QTest::newRow("markup") << "client:<Hangup/>";
        QTest::newRow("too long") << "client:" + QString(122, u'x');
        QTest::newRow("prefix only in the middle") << "sip:client:alice";
    }

    void refuses()
    {
        QFETCH(QString, text);
        QVERIFY(!ClientAddress::parse(text));
    }

    void namesTheProblem()
    {
        QVERIFY(ClientAddress::nameProblem(QString()).contains("empty"));
        QVERIFY(ClientAddress::nameProblem(QString(122, u'a')).contains("121"));
        QVERIFY(ClientAddress::nameProblem("a.b").contains("'.'"));
        QVERIFY(ClientAddress::nameProblem("DeviceId_0001").isEmpty());
        QVERIFY(!ClientAddress::fromName("a b"));
        QVERIFY(ClientAddress::isValidName("a_B_9"));
    }

    // Addresses Twilio and our store hand over are marked by the prefix alone: what follows is not checked
    // again, so a bad name still reads as a client's (and is refused where it is parsed).
    void marksAddressesByThePrefix()
    {
        QCOMPARE(ClientAddress::prefix(), QString("client:"));
        QCOMPARE(ClientAddress::addressOf("alice"), QString("client:alice"));
        QCOMPARE(ClientAddress::addressOf("alice"), ClientAddress::fromName("alice")->toString());
        QVERIFY(ClientAddress::hasPrefix("client:alice"));
        QVERIFY(ClientAddress::hasPrefix("client:not a name"));
        QVERIFY(ClientAddress::hasPrefix("client:"));
        QVERIFY(!ClientAddress::hasPrefix("Client:alice"));
        QVERIFY(ClientAddress::hasPrefix("Client:alice", Qt::CaseInsensitive));
        QVERIFY(!ClientAddress::hasPrefix("+815031234567"));
        QVERIFY(!ClientAddress::hasPrefix("sip:client:alice", Qt::CaseInsensitive));
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "TestClientAddress.moc"
