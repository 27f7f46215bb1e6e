#include "tests/support/StoreTestDatabase.h"

#include "core/store/ClientStore.h"
#include "core/store/Database.h"
#include "core/store/NumberStore.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using Store::ClientStore;
using Store::Database;

// Each add() or setSecret() hashes with argon2id (~0.1 s) and each authenticate() verifies one: the tests
// hash as few secrets as they can.
class TestClientStore : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestClientStore") };
    std::shared_ptr<Database> m_database;
    std::unique_ptr<ClientStore> m_clients;

    const QString refused = QStringLiteral("unknown client, wrong secret, or the client is disabled");

    QStringList names() const
    {
        QStringList result;
        for (const auto &client : m_clients->list())
            result << client.name;
        return result;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }

    void cleanupTestCase() { m_store.tearDown(); }

    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        m_clients = std::make_unique<ClientStore>(m_database);
    }

    void cleanup()
    {
        m_clients.reset();
        m_database.reset();
    }

    void addsAndFinds()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        const auto added = m_clients->add("alice", "correct horse battery");
        QVERIFY2(added, qPrintable(added.error()));
        QVERIFY(added->id > 0);
        QCOMPARE(added->name, QString("alice"));
        QVERIFY(!added->disabled);
        QVERIFY(added->created >= before && added->created <= QDateTime::currentDateTimeUtc().addSecs(1));

        const auto found = m_clients->find("alice");
        QVERIFY(found);
        QCOMPARE(found->id, added->id);
        QCOMPARE(found->name, QString("alice"));
        QCOMPARE(found->disabled, false);
        QCOMPARE(found->created, added->created);
        QVERIFY(!m_clients->find("bob"));
        QVERIFY2(!m_clients->find("ALICE"), "names are exact");
    }

    void listsByName()
    {
        for (const char *name : { "carol", "alice", "bob" })
            QVERIFY(m_clients->add(name, "12345678"));
        QCOMPARE(names(), QStringList({ "alice", "bob", "carol" }));
    }

    void addRefuses_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty name") << "" << QByteArray("12345678") << "cannot be empty";
        QTest::newRow("space in name") << "alice smith" << QByteArray("12345678") << "only letters";
        QTest::newRow("address, not name") << "client:alice" << QByteArray("12345678") << "only letters";
        QTest::newRow("name too long") << QString(122, 'a') << QByteArray("12345678") << "at most 121";
        QTest::newRow("secret too short") << "alice" << QByteArray("1234567") << "at least 8 bytes";
        QTest::newRow("no secret") << "alice" << QByteArray() << "at least 8 bytes";
    }

    void addRefuses()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, secret);
        QFETCH(QString, reason);
        const auto added = m_clients->add(name, secret);
        QVERIFY(!added);
        QVERIFY2(added.error().contains(reason), qPrintable(added.error()));
        QVERIFY(m_clients->list().isEmpty());
    }

    void addRefusesATakenName()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        const auto again = m_clients->add("alice", "another secret");
        QVERIFY(!again);
        QCOMPARE(again.error(), QString("a client named alice exists already"));
        QCOMPARE(m_clients->list().size(), 1);
        QVERIFY2(m_clients->authenticate("alice", "12345678"), "the first secret still holds");
    }

    void secretsAreNeverStoredInClear()
    {
        const QByteArray secret = "correct horse battery staple";
        QVERIFY(m_clients->add("alice", secret));
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec("SELECT * FROM clients"));
        QVERIFY(query.next());
        const QString hash = query.value("secret_hash").toString();
        QVERIFY2(hash.startsWith("$argon2id$"), qPrintable(hash));
        for (int column = 0; column < query.record().count(); ++column)
            QVERIFY(!query.value(column).toString().contains(QString::fromLatin1(secret)));
        QVERIFY(!hash.contains("horse"));
    }

    void authenticates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<bool>("disable");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("right secret") << "alice" << QByteArray("s3cret-enough") << false << true;
        QTest::newRow("wrong secret") << "alice" << QByteArray("s3cret-enougH") << false << false;
        QTest::newRow("right secret, disabled") << "alice" << QByteArray("s3cret-enough") << true << false;
        QTest::newRow("unknown client") << "mallory" << QByteArray("s3cret-enough") << false << false;
        QTest::newRow("empty secret") << "alice" << QByteArray() << false << false;
    }

    void authenticates()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, secret);
        QFETCH(bool, disable);
        QFETCH(bool, accepted);
        QVERIFY(m_clients->add("alice", "s3cret-enough"));
        if (disable)
            QVERIFY(m_clients->setDisabled("alice", true));
        const auto client = m_clients->authenticate(name, secret);
        QCOMPARE(bool(client), accepted);
        if (accepted)
            QCOMPARE(client->name, QString("alice"));
        else
            QCOMPARE(client.error(), refused); // the same words whatever the reason
    }

    // The desktop app's own phone is a client from the first start, with no secret: it gets its tokens
    // in-process, and nobody can sign in as it, whatever they send.
    void thisPhoneNeedsNoSecretAndSignsInWithNone()
    {
        const auto phone = m_clients->ensureWithoutSecret("desktop");
        QVERIFY2(phone, qPrintable(phone.error()));
        QCOMPARE(phone->name, QString("desktop"));
        QVERIFY(!phone->hasSecret);
        QVERIFY(!phone->disabled);
        QCOMPARE(m_clients->find("desktop")->hasSecret, false);
        QCOMPARE(names(), QStringList { "desktop" });
        for (const QByteArray &guess :
             { QByteArray(), QByteArray(""), QByteArray("        "), QByteArray("s3cret-enough") })
            QCOMPARE(m_clients->authenticate("desktop", guess).error(), refused);

        // Again at the next start: the same client, and one given a secret meanwhile keeps it.
        QCOMPARE(m_clients->ensureWithoutSecret("desktop")->id, phone->id);
        QVERIFY(m_clients->setSecret("desktop", "s3cret-enough"));
        QVERIFY(m_clients->ensureWithoutSecret("desktop")->hasSecret);
        QVERIFY(m_clients->authenticate("desktop", "s3cret-enough"));
        QCOMPARE(names(), QStringList { "desktop" });

        QVERIFY(m_clients->add("alice", "s3cret-enough"));
        QVERIFY(m_clients->find("alice")->hasSecret);
        QVERIFY(!m_clients->ensureWithoutSecret("not a name"));
    }

    void unknownNamesCostAVerification()
    {
        // Without the dummy verification an unknown name is answered in well under a millisecond, while any
        // argon2id verification at the interactive limits takes tens of milliseconds: a lower bound that
        // a loaded machine can only exceed.
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!m_clients->authenticate("nobody", "some secret"));
        QVERIFY2(timer.elapsed() >= 10, qPrintable(QString("%1 ms").arg(timer.elapsed())));
    }

    void removes()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        const auto removed = m_clients->remove("alice");
        QVERIFY2(removed, qPrintable(removed.error()));
        QVERIFY(!m_clients->find("alice"));
        const auto again = m_clients->remove("alice");
        QVERIFY(!again);
        QCOMPARE(again.error(), QString("no client named alice"));
    }

    void removeRefusedWhileOwningNumbers()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        Store::NumberStore numbers(m_database);
        QVERIFY(numbers.add("+815031234567", "alice"));
        QVERIFY(numbers.add("+815031234568", "alice"));

        const auto removed = m_clients->remove("alice");
        QVERIFY(!removed);
        QCOMPARE(removed.error(), QString("client alice still owns 2 numbers; remove them first"));
        QVERIFY(m_clients->find("alice"));
        QCOMPARE(numbers.numbersOf("alice").size(), 2);

        QVERIFY(numbers.remove("+815031234567"));
        QCOMPARE(m_clients->remove("alice").error(),
                 QString("client alice still owns 1 number; remove it first"));
        QVERIFY(numbers.remove("+815031234568"));
        QVERIFY(m_clients->remove("alice"));
    }

    void disablesAndEnables()
    {
        QVERIFY(m_clients->add("alice", "12345678"));
        QVERIFY(m_clients->setDisabled("alice", true));
        QVERIFY(m_clients->find("alice")->disabled);
        QVERIFY(m_clients->setDisabled("alice", false));
        QVERIFY(!m_clients->find("alice")->disabled);
        QCOMPARE(m_clients->setDisabled("nobody", true).error(), QString("no client named nobody"));
    }

    void changesTheSecret()
    {
        QVERIFY(m_clients->add("alice", "old secret"));
        QVERIFY(m_clients->setSecret("alice", "new secret"));
        QVERIFY(m_clients->authenticate("alice", "new secret"));
        QVERIFY(!m_clients->authenticate("alice", "old secret"));
        QCOMPARE(m_clients->setSecret("alice", "short").error(),
                 QString("a client's secret must be at least 8 bytes long"));
        QCOMPARE(m_clients->setSecret("nobody", "long enough").error(), QString("no client named nobody"));
    }

    void generatesSecrets()
    {
        const auto first = ClientStore::generateSecret();
        const auto second = ClientStore::generateSecret();
        QVERIFY2(first && second, qPrintable(first.error()));
        QVERIFY2(*first != *second, "each secret is fresh");
        QCOMPARE(first->size(), 32); // 24 bytes in unpadded base64
        // Typable and safe in a Basic-auth header: base64url letters only.
        const QRegularExpression base64url("^[A-Za-z0-9_-]+$");
        QVERIFY2(base64url.match(QString::fromLatin1(*first)).hasMatch(), "not base64url");
        QVERIFY(QByteArray::fromBase64(
                    *first, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors)
                    .size()
                == ClientStore::generatedSecretBytes);
        QVERIFY(m_clients->add("alice", *first));
        QVERIFY(m_clients->authenticate("alice", *first));
        QVERIFY(!m_clients->authenticate("alice", *second));
    }
};

QTEST_GUILESS_MAIN(TestClientStore)
#include "TestClientStore.moc"
