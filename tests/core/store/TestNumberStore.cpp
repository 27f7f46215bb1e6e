#include "tests/support/StoreTestDatabase.h"

#include "core/store/Database.h"
#include "core/store/NumberStore.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

using Store::Database;
using Store::NumberMapping;
using Store::NumberStore;

class TestNumberStore : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestNumberStore") };
    std::shared_ptr<Database> m_database;
    std::unique_ptr<NumberStore> m_numbers;

    QStringList numbers() const
    {
        QStringList result;
        for (const auto &mapping : m_numbers->list())
            result << mapping.e164;
        return result;
    }

    static QList<NumberMapping> generated(int count, const QString &client, int first = 0)
    {
        QList<NumberMapping> mappings;
        mappings.reserve(count);
        for (int i = first; i < first + count; ++i) {
            NumberMapping mapping;
            mapping.e164 = QString("+8150%1").arg(10000000 + i);
            mapping.clientName = client;
            mapping.label = QString("line %1").arg(i);
            mapping.enabled = i % 2 == 0;
            mappings << mapping;
        }
        return mappings;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }

    void cleanupTestCase() { m_store.tearDown(); }

    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        m_numbers = std::make_unique<NumberStore>(m_database);
        QVERIFY(StoreTestDatabase::addClient(m_database, "alice"));
        QVERIFY(StoreTestDatabase::addClient(m_database, "bob"));
    }

    void cleanup()
    {
        m_numbers.reset();
        m_database.reset();
    }

    void adds_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("e164");
        QTest::newRow("seed, with dashes") << "+81-50-3123-4567"
                                           << "+815031234567";
        QTest::newRow("national") << "050-3123-4567"
                                  << "+815031234567";
        QTest::newRow("E.164") << "+815031234567"
                               << "+815031234567";
        QTest::newRow("US") << "+1 (415) 555-0100"
                            << "+14155550100";
    }

    void adds()
    {
        QFETCH(QString, number);
        QFETCH(QString, e164);
        const auto added = m_numbers->add(number, "alice", "Tokyo office");
        QVERIFY2(added, qPrintable(added.error()));
        QVERIFY(added->id > 0);
        QCOMPARE(added->e164, e164);
        QCOMPARE(added->clientName, QString("alice"));
        QCOMPARE(added->label, QString("Tokyo office"));
        QVERIFY(added->enabled);

        const auto found = m_numbers->find(e164);
        QVERIFY(found);
        QCOMPARE(found->id, added->id);
        QCOMPARE(found->e164, e164);
        QCOMPARE(found->clientName, QString("alice"));
        QCOMPARE(found->label, QString("Tokyo office"));
        QVERIFY(found->enabled);
    }

    void findIsAnExactLookup()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QVERIFY(m_numbers->find("+815031234567"));
        QVERIFY(!m_numbers->find("050-3123-4567"));
        QVERIFY(!m_numbers->find("+815031234568"));
        QVERIFY(!m_numbers->find(QString()));
    }

    void regionComesFromTheSettings()
    {
        NumberStore american(m_database, "US");
        QCOMPARE(american.defaultRegion(), QString("US"));
        const auto added = american.add("(415) 555-0100", "alice");
        QVERIFY2(added, qPrintable(added.error()));
        QCOMPARE(added->e164, QString("+14155550100"));
        QCOMPARE(m_numbers->defaultRegion(), QString("JP"));
    }

    void refusesAnUnknownClient()
    {
        const auto added = m_numbers->add("+815031234567", "carol");
        QVERIFY(!added);
        QCOMPARE(added.error(), QString("no client named carol"));
        QVERIFY(m_numbers->list().isEmpty());
    }

    void refusesANumberMappedAlready()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice", "first"));
        const auto added = m_numbers->add("050-3123-4567", "bob", "second");
        QVERIFY(!added);
        QCOMPARE(added.error(), QString("+815031234567 is already mapped to client alice"));
        const auto found = m_numbers->find("+815031234567");
        QCOMPARE(found->clientName, QString("alice"));
        QCOMPARE(found->label, QString("first"));
        QCOMPARE(m_numbers->list().size(), 1);
    }

    void refusesAnInvalidNumber()
    {
        const auto added = m_numbers->add("12", "alice");
        QVERIFY(!added);
        QVERIFY2(added.error().contains("not a valid phone number"), qPrintable(added.error()));
        QVERIFY(m_numbers->list().isEmpty());
    }

    void removesInAnyForm()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        const auto removed = m_numbers->remove("050-3123-4567");
        QVERIFY2(removed, qPrintable(removed.error()));
        QVERIFY(!m_numbers->find("+815031234567"));
        QCOMPARE(m_numbers->remove("+81 50 3123 4567").error(),
                 QString("+815031234567 is not mapped to any client"));
        QVERIFY(!m_numbers->remove("not a number"));
    }

    void findTellsWhetherTheClientIsDisabled()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QCOMPARE(m_numbers->find("+815031234567")->clientDisabled, false);
        QSqlQuery disable(m_database->connection());
        QVERIFY(disable.exec("UPDATE clients SET disabled = 1 WHERE name = 'alice'"));
        const auto mapping = m_numbers->find("+815031234567");
        QVERIFY(mapping);
        QCOMPARE(mapping->clientDisabled, true);
        QCOMPARE(mapping->enabled, true);
    }

    void changesEnabledAndLabel()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QVERIFY(m_numbers->setEnabled("050-3123-4567", false));
        QVERIFY(!m_numbers->find("+815031234567")->enabled);
        QVERIFY(m_numbers->setEnabled("+815031234567", true));
        QVERIFY(m_numbers->find("+815031234567")->enabled);
        QVERIFY(m_numbers->setLabel("+815031234567", "reception"));
        QCOMPARE(m_numbers->find("+815031234567")->label, QString("reception"));
        QCOMPARE(m_numbers->setEnabled("+815031234568", true).error(),
                 QString("+815031234568 is not mapped to any client"));
        QCOMPARE(m_numbers->setLabel("+815031234568", "x").error(),
                 QString("+815031234568 is not mapped to any client"));
    }

    void updatesAMappingAsAWhole()
    {
        const auto added = m_numbers->add("+815031234567", "alice", "Tokyo");
        QVERIFY(added);
        NumberMapping changed = *added;
        changed.e164 = "050-3123-9999";
        changed.clientName = "bob";
        changed.label = "Osaka";
        changed.enabled = false;
        const auto updated = m_numbers->update(changed);
        QVERIFY2(updated, qPrintable(updated.error()));
        QCOMPARE(updated->e164, QString("+815031239999"));
        QVERIFY(!m_numbers->find("+815031234567"));
        const auto found = m_numbers->find("+815031239999");
        QVERIFY(found);
        QCOMPARE(found->id, added->id);
        QCOMPARE(found->clientName, QString("bob"));
        QCOMPARE(found->label, QString("Osaka"));
        QVERIFY(!found->enabled);
    }

    void updateRefusalsChangeNothing_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("reason");
        QTest::newRow("invalid number") << "12"
                                        << "alice"
                                        << "";
        QTest::newRow("mapped already") << "+815031230000"
                                        << "alice"
                                        << "already mapped to client bob";
        QTest::newRow("no such client") << "+815031234567"
                                        << "carol"
                                        << "no client named carol";
    }

    void updateRefusalsChangeNothing()
    {
        QFETCH(QString, number);
        QFETCH(QString, client);
        QFETCH(QString, reason);
        const auto added = m_numbers->add("+815031234567", "alice", "Tokyo");
        QVERIFY(added);
        QVERIFY(m_numbers->add("+815031230000", "bob", "other"));
        NumberMapping changed = *added;
        changed.e164 = number;
        changed.clientName = client;
        changed.label = "changed";
        const auto updated = m_numbers->update(changed);
        QVERIFY(!updated);
        QVERIFY2(updated.error().contains(reason), qPrintable(updated.error()));
        const auto found = m_numbers->find("+815031234567");
        QVERIFY(found);
        QCOMPARE(found->clientName, QString("alice"));
        QCOMPARE(found->label, QString("Tokyo"));
        QCOMPARE(numbers(), QStringList({ "+815031230000", "+815031234567" }));
    }

    void updateOfARemovedMappingIsRefused()
    {
        const auto added = m_numbers->add("+815031234567", "alice");
        QVERIFY(added);
        QVERIFY(m_numbers->remove("+815031234567"));
        const auto updated = m_numbers->update(*added);
        QVERIFY(!updated);
        QVERIFY2(updated.error().contains("removed"), qPrintable(updated.error()));
        QVERIFY(numbers().isEmpty());
    }

    void countsTheNumbersOfEachClient()
    {
        QVERIFY(m_numbers->countsByClient().isEmpty());
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QVERIFY(m_numbers->add("+815031230000", "alice"));
        QVERIFY(m_numbers->add("+815031239999", "bob"));
        const QHash<QString, int> expected { { "alice", 2 }, { "bob", 1 } };
        QCOMPARE(m_numbers->countsByClient(), expected);
    }

    void listsByNumber()
    {
        QVERIFY(m_numbers->add("+815031234569", "bob"));
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QVERIFY(m_numbers->add("+14155550100", "alice"));
        QCOMPARE(numbers(), QStringList({ "+14155550100", "+815031234567", "+815031234569" }));
        QStringList alices;
        for (const auto &mapping : m_numbers->numbersOf("alice"))
            alices << mapping.e164;
        QCOMPARE(alices, QStringList({ "+14155550100", "+815031234567" }));
        QCOMPARE(m_numbers->numbersOf("bob").size(), 1);
        QVERIFY(m_numbers->numbersOf("carol").isEmpty());
    }

    // A client's own number is its first enabled one: the router's caller ID and the phone's status line.
    void choosesTheOwnNumber()
    {
        QVERIFY(m_numbers->add("+815031234567", "alice"));
        QVERIFY(m_numbers->add("+14155550100", "alice", "US line"));
        QVERIFY(m_numbers->add("+815031234569", "bob"));
        QCOMPARE(m_numbers->ownNumberOf("alice")->e164, QString("+14155550100"));
        QCOMPARE(m_numbers->ownNumberOf("alice")->label, QString("US line"));
        QVERIFY(m_numbers->setEnabled("+14155550100", false));
        QCOMPARE(m_numbers->ownNumberOf("alice")->e164, QString("+815031234567"));
        QCOMPARE(m_numbers->enabledNumbersOf("alice").size(), 1);
        QVERIFY(m_numbers->setEnabled("+815031234567", false));
        QVERIFY(!m_numbers->ownNumberOf("alice"));
        QVERIFY(m_numbers->enabledNumbersOf("alice").isEmpty());
        QVERIFY(!m_numbers->ownNumberOf("carol"));
    }

    void addsMany()
    {
        QList<NumberMapping> mappings = generated(1000, "alice");
        mappings[3].e164 = "050-1000-0003"; // any usual form
        mappings[7].clientName = "bob";
        const auto added = m_numbers->addMany(mappings);
        QVERIFY2(added, qPrintable(added.error()));
        QCOMPARE(*added, 1000);
        QCOMPARE(m_numbers->list().size(), 1000);
        QCOMPARE(m_numbers->numbersOf("bob").size(), 1);
        const auto third = m_numbers->find("+815010000003");
        QVERIFY(third);
        QCOMPARE(third->label, QString("line 3"));
        QVERIFY(!third->enabled);
        QVERIFY(m_numbers->find("+815010000004")->enabled);
        QCOMPARE(*m_numbers->addMany({}), 0);
    }

    void addManyIsAllOrNothing_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("reason");
        // The bad entry comes last, after two full batches went to the database already.
        QTest::newRow("unknown client") << "client"
                                        << "entry 450: no client named carol";
        QTest::newRow("number mapped already") << "mapped"
                                               << "entry 450: +815099999999 is already mapped to client bob";
        QTest::newRow("number twice in the list") << "twice"
                                                  << "entry 450: +815010000000 appears twice in the list";
        QTest::newRow("invalid number") << "invalid"
                                        << "entry 450: \"12\" is not a valid phone number";
    }

    void addManyIsAllOrNothing()
    {
        QFETCH(QString, problem);
        QFETCH(QString, reason);
        QVERIFY(m_numbers->add("+815099999999", "bob"));
        QList<NumberMapping> mappings = generated(450, "alice");
        NumberMapping &last = mappings.last();
        if (problem == "client")
            last.clientName = "carol";
        else if (problem == "mapped")
            last.e164 = "+815099999999";
        else if (problem == "twice")
            last.e164 = mappings.first().e164;
        else
            last.e164 = "12";
        const auto added = m_numbers->addMany(mappings);
        QVERIFY(!added);
        QVERIFY2(added.error().startsWith(reason), qPrintable(added.error()));
        QCOMPARE(numbers(), QStringList({ "+815099999999" }));
        QCOMPARE(m_numbers->find("+815099999999")->clientName, QString("bob"));
    }

    void addManyIsQuick()
    {
        // The benchmark loads 100,000; a tenth of that shows the shape without slowing every test run.
        QElapsedTimer timer;
        timer.start();
        const auto added = m_numbers->addMany(generated(10000, "alice"));
        QVERIFY2(added, qPrintable(added.error()));
        QCOMPARE(*added, 10000);
        qInfo() << "10,000 mappings added in" << timer.elapsed() << "ms";
        QVERIFY2(timer.elapsed() < 20000, "seconds, not minutes, for 100,000");
    }
};

QTEST_GUILESS_MAIN(TestNumberStore)
#include "TestNumberStore.moc"
