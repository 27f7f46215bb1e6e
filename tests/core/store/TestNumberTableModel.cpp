#include "tests/support/StoreTestDatabase.h"

#include "core/store/Database.h"
#include "core/store/NumberStore.h"
#include "core/store/NumberTableModel.h"

#include <QSignalSpy>
#include <QTest>

using Store::NumberTableModel;

class TestNumberTableModel : public QObject
{
    Q_OBJECT

    StoreTestDatabase m_store { QStringLiteral("TestNumberTableModel") };
    std::shared_ptr<Store::Database> m_database;

    static QStringList column(const NumberTableModel &model, int column, int role = Qt::DisplayRole)
    {
        QStringList values;
        for (int row = 0; row < model.rowCount(); ++row)
            values << model.index(row, column).data(role).toString();
        return values;
    }

private Q_SLOTS:
    void initTestCase() { m_store.setUpTestCase(); }
    void cleanupTestCase() { m_store.tearDown(); }
    void init()
    {
        if (!m_store.openFreshInto(m_database))
            return;
        QVERIFY(StoreTestDatabase::addClient(m_database, "alice"));
        QVERIFY(StoreTestDatabase::addClient(m_database, "bob", true));
        Store::NumberStore numbers(m_database, "JP");
        QVERIFY(numbers.add("+815031234567", "alice", "Tokyo office"));
        QVERIFY(numbers.add("+815031230000", "bob", "Osaka 100%"));
        QVERIFY(numbers.add("+14155550100", "alice", "San Francisco"));
    }
    void cleanup() { m_database.reset(); }

    void showsFormattedNumbersSorted()
    {
        NumberTableModel model(m_database, "JP");
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(column(model, NumberTableModel::NumberColumn, Qt::EditRole),
                 QStringList({ "+14155550100", "+815031230000", "+815031234567" }));
        QCOMPARE(model.index(2, NumberTableModel::NumberColumn).data().toString(),
                 QString("+81 50-3123-4567"));
        QCOMPARE(model.index(1, NumberTableModel::ClientColumn).data().toString(), QString("bob (disabled)"));
        QCOMPARE(model.index(0, NumberTableModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));

        model.sort(NumberTableModel::LabelColumn, Qt::DescendingOrder);
        QCOMPARE(column(model, NumberTableModel::LabelColumn),
                 QStringList({ "Tokyo office", "San Francisco", "Osaka 100%" }));
    }

    void searchesNumberClientAndLabel_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("label, any case") << "tokyo" << QStringList { "Tokyo office" };
        QTest::newRow("client") << "BOB" << QStringList { "Osaka 100%" };
        QTest::newRow("national number") << "050-3123-4567" << QStringList { "Tokyo office" };
        QTest::newRow("part of a national number")
            << "0503123" << QStringList { "Osaka 100%", "Tokyo office" };
        QTest::newRow("percent is literal") << "100%" << QStringList { "Osaka 100%" };
        QTest::newRow("underscore is literal") << "_" << QStringList {};
        QTest::newRow("quote is data") << "' OR 1=1 --" << QStringList {};
        QTest::newRow("everything") << "  " << QStringList { "San Francisco", "Osaka 100%", "Tokyo office" };
    }

    void searchesNumberClientAndLabel()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, labels);
        NumberTableModel model(m_database, "JP");
        model.setSearch(search);
        QCOMPARE(column(model, NumberTableModel::LabelColumn), labels);
    }

    void anEditGoesThroughTheStore()
    {
        NumberTableModel model(m_database, "JP");
        QSignalSpy refused(&model, &NumberTableModel::editRefused);
        const QModelIndex number = model.index(2, NumberTableModel::NumberColumn);
        QVERIFY(model.setData(number, "050-3123-9999"));
        QCOMPARE(number.data(Qt::EditRole).toString(), QString("+815031239999"));
        QVERIFY(model.setData(model.index(2, NumberTableModel::LabelColumn), "  Tokyo HQ "));
        QVERIFY(model.setData(model.index(2, NumberTableModel::EnabledColumn), Qt::Unchecked,
                              Qt::CheckStateRole));
        QCOMPARE(refused.count(), 0);
        const auto stored = Store::NumberStore(m_database, "JP").find("+815031239999");
        QVERIFY(stored);
        QCOMPARE(stored->label, QString("Tokyo HQ"));
        QVERIFY(!stored->enabled);
    }

    void aRefusedEditChangesNothingAndSaysWhy_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("number mapped already") << int(NumberTableModel::NumberColumn) << "+815031230000"
                                               << "already mapped to client bob";
        QTest::newRow("invalid number") << int(NumberTableModel::NumberColumn) << "12345"
                                        << "";
        QTest::newRow("unknown client") << int(NumberTableModel::ClientColumn) << "carol"
                                        << "no client named carol";
    }

    void aRefusedEditChangesNothingAndSaysWhy()
    {
        QFETCH(int, column);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        NumberTableModel model(m_database, "JP");
        QSignalSpy refused(&model, &NumberTableModel::editRefused);
        const QModelIndex index = model.index(2, column);
        const QVariant before = index.data(Qt::EditRole);
        QVERIFY(!model.setData(index, value));
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.first().first().toString().contains(reason),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(index.data(Qt::EditRole), before);
        const auto stored = Store::NumberStore(m_database, "JP").find("+815031234567");
        QVERIFY(stored);
        QCOMPARE(stored->clientName, QString("alice"));
        QCOMPARE(Store::NumberStore(m_database, "JP").list().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestNumberTableModel)
#include "TestNumberTableModel.moc"
